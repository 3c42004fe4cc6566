import "server-only";
import { z } from "zod";
import { getSetting, putSetting } from "@/db/queries/settings";

/** The name and logo employers see on their page and in Perch's e-mail (Settings → Branding). */
export interface Branding {
  companyName: string;
  logoUrl: string | null;
}

export const BRANDING_KEY = "branding";
export const DEFAULT_BRANDING: Branding = { companyName: "Perch", logoUrl: null };

export const brandingSchema = z.object({
  companyName: z.string().trim().min(1, "Enter the company name").max(80, "At most 80 characters"),
  logoUrl: z
    .string()
    .trim()
    .max(500)
    .refine((v) => v === "" || /^https:\/\/[^\s"'<>]+$/.test(v), "Use an https:// image URL")
    .transform((v) => (v === "" ? null : v)),
});

export async function getBranding(): Promise<Branding> {
  const parsed = brandingSchema.safeParse(await getSetting<unknown>({ key: BRANDING_KEY }));
  return parsed.success ? parsed.data : DEFAULT_BRANDING;
}

export async function saveBranding(value: Branding): Promise<void> {
  await putSetting({ key: BRANDING_KEY, value });
}
