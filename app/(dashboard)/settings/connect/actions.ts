"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordEvent } from "@/db/queries/events";
import { appNow } from "@/lib/clock";
import { connectProductsSchema, saveConnectDefaults } from "@/lib/onboarding/defaults";
import { protectedAction } from "@/lib/safe-action";

export const saveConnectSettings = protectedAction(
  {
    role: "admin",
    schema: z.object({
      products: connectProductsSchema,
      manual: z
        .enum(["on", "true", "false", ""])
        .optional()
        .transform((v) => v === "on" || v === "true"),
      sessionMinutes: z.coerce.number().int().min(1).max(129_600, "Finch allows at most 90 days"),
      inviteDays: z.coerce
        .number({ message: "Enter a number of days" })
        .int("Whole days only")
        .min(1, "At least 1 day")
        .max(90, "At most 90 days"),
    }),
    name: "saveConnectSettings",
  },
  async (input, { user }) => {
    await saveConnectDefaults(input);
    await recordEvent({
      occurredAt: await appNow(),
      source: "staff",
      type: "settings.updated",
      actorUserId: user.id,
      actorLabel: user.email,
      summary: `${user.email} changed the Finch Connect defaults`,
      data: { key: "connect.defaults", value: input },
    });
    revalidatePath("/settings/connect");
    return input;
  },
);
