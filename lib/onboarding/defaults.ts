import "server-only";
import { z } from "zod";
import { getSetting, putSetting } from "@/db/queries/settings";
import { DEFAULT_CONNECT_PRODUCTS, FINCH_PRODUCTS } from "@/lib/status/products";

export const CONNECT_DEFAULTS_KEY = "connect.defaults";

/** Lifetimes offered for Connect sessions and invite links, in minutes (Finch allows up to 90 days). */
export const SESSION_LIFETIMES = [
  { minutes: 60, label: "1 hour" },
  { minutes: 24 * 60, label: "1 day" },
  { minutes: 7 * 24 * 60, label: "7 days" },
  { minutes: 14 * 24 * 60, label: "14 days" },
  { minutes: 30 * 24 * 60, label: "30 days" },
  { minutes: 90 * 24 * 60, label: "90 days" },
] as const;

export const connectProductsSchema = z.preprocess(
  // A form with no box ticked sends no products at all, and one ticked box sends a string.
  (v) => (v === undefined || v === null ? [] : typeof v === "string" ? [v] : v),
  z
    .array(z.enum(FINCH_PRODUCTS, { message: "Unknown Finch product" }))
    .min(1, "Choose at least one product")
    // Finch refuses "deduction" together with its newer name "benefits".
    .refine((p) => !(p.includes("benefits") && p.includes("deduction")), {
      message: "Choose Benefits or Deductions (its older name), not both",
    }),
);

export const connectDefaultsSchema = z.object({
  products: connectProductsSchema,
  manual: z.boolean(),
  sessionMinutes: z.number().int().min(1).max(129_600),
  inviteDays: z.number().int().min(1).max(90),
});

export type ConnectDefaults = z.infer<typeof connectDefaultsSchema>;

export const BUILT_IN_CONNECT_DEFAULTS: ConnectDefaults = {
  products: [...DEFAULT_CONNECT_PRODUCTS],
  manual: true,
  sessionMinutes: 7 * 24 * 60,
  inviteDays: 14,
};

/** What new Connect sessions and invites start from; a bad stored value falls back to built-ins. */
export async function getConnectDefaults(): Promise<ConnectDefaults> {
  const stored = await getSetting<unknown>({ key: CONNECT_DEFAULTS_KEY });
  const parsed = connectDefaultsSchema.safeParse({
    ...BUILT_IN_CONNECT_DEFAULTS,
    ...(stored ?? {}),
  });
  return parsed.success ? parsed.data : BUILT_IN_CONNECT_DEFAULTS;
}

export async function saveConnectDefaults(value: ConnectDefaults): Promise<void> {
  await putSetting({ key: CONNECT_DEFAULTS_KEY, value });
}
