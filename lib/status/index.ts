export * from "@/lib/status/calendar";
export * from "@/lib/status/catalogue";
export * from "@/lib/status/countdown";
export * from "@/lib/status/freshness";
export * from "@/lib/status/next-check";
export * from "@/lib/status/products";
export * from "@/lib/status/relative-time";
export * from "@/lib/status/sla";
