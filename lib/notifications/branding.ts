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

/** 100 KB of image as base64, plus the data: prefix. */
const MAX_LOGO_CHARS = 140_000;

export const brandingSchema = z.object({
  companyName: z.string().trim().min(1, "Enter the company name").max(80, "At most 80 characters"),
  // Kept as a data: URL so the employer's page shows it under the same-origin image policy.
  logoUrl: z
    .string()
    .trim()
    .max(MAX_LOGO_CHARS, "The logo must be at most 100 KB")
    .refine(
      (v) => v === "" || /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/.test(v),
      "Choose a PNG, JPEG, GIF or WebP image",
    )
    .transform((v) => (v === "" ? null : v)),
});

export async function getBranding(): Promise<Branding> {
  const parsed = brandingSchema.safeParse(await getSetting<unknown>({ key: BRANDING_KEY }));
  return parsed.success ? parsed.data : DEFAULT_BRANDING;
}

export async function saveBranding(value: Branding): Promise<void> {
  await putSetting({ key: BRANDING_KEY, value });
}
