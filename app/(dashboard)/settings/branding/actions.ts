"use server";

import { revalidatePath } from "next/cache";
import { recordEvent } from "@/db/queries/events";
import { appNow } from "@/lib/clock";
import { brandingSchema, saveBranding } from "@/lib/notifications/branding";
import { protectedAction } from "@/lib/safe-action";

export const saveBrandingAction = protectedAction(
  { role: "admin", schema: brandingSchema, name: "saveBranding" },
  async (input, { user }) => {
    await saveBranding(input);
    await recordEvent({
      occurredAt: await appNow(),
      source: "staff",
      type: "settings.updated",
      actorUserId: user.id,
      actorLabel: user.email,
      summary: `${user.email} changed the branding`,
      data: { key: "branding", value: input },
    });
    revalidatePath("/settings/branding");
    return input;
  },
);
