"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordEvent } from "@/db/queries/events";
import { enqueueDeliveries, getDelivery } from "@/db/queries/notifications";
import { NOTIFICATION_CHANNELS, type NotificationChannel } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ISSUE_KINDS } from "@/lib/issues/kinds";
import { parseReminderDays } from "@/lib/issues/reminders";
import { deliverDue } from "@/lib/notifications/deliver";
import type { NotificationSettings } from "@/lib/notifications/settings";
import { getNotificationSettings, saveNotificationSettings } from "@/lib/notifications/store";
import { protectedAction } from "@/lib/safe-action";

const checkbox = z
  .enum(["on", "true", "false", ""])
  .optional()
  .transform((v) => v === "on" || v === "true");

const channelList = z.array(z.enum(NOTIFICATION_CHANNELS)).optional().default([]);

const settingsInput = z.object({
  ...Object.fromEntries(ISSUE_KINDS.map((kind) => [`route_${kind}`, channelList])),
  ownerEmail: z
    .string()
    .trim()
    .max(254)
    .refine((v) => v === "" || z.email().safeParse(v).success, "Enter an e-mail address")
    .transform((v) => (v === "" ? null : v)),
  dailyDigest: checkbox,
  remindersEnabled: checkbox,
  reminderDays: z.string().transform((text, ctx) => {
    const days = parseReminderDays(text);
    if (!days) {
      ctx.addIssue({
        code: "custom",
        message: "Up to five whole days from 1 to 60, ascending, e.g. 2, 5, 9",
      });
      return z.NEVER;
    }
    return days;
  }),
});

export const saveNotificationSettingsAction = protectedAction(
  { role: "admin", schema: settingsInput, name: "saveNotificationSettings" },
  async (input, { user }) => {
    const routes = {} as NotificationSettings["routes"];
    // The schema is built per kind, so its keys are not known to TypeScript.
    const chosen = input as unknown as Record<string, NotificationChannel[] | undefined>;
    for (const kind of ISSUE_KINDS) routes[kind] = chosen[`route_${kind}`] ?? [];
    const value: NotificationSettings = {
      routes,
      ownerEmail: input.ownerEmail,
      dailyDigest: input.dailyDigest,
      remindersEnabled: input.remindersEnabled,
      reminderDays: input.reminderDays,
    };
    await saveNotificationSettings(value);
    await recordEvent({
      occurredAt: await appNow(),
      source: "staff",
      type: "settings.updated",
      actorUserId: user.id,
      actorLabel: user.email,
      summary: `${user.email} changed the notification settings`,
      data: { key: "notifications", value },
    });
    revalidatePath("/settings/notifications");
    return value;
  },
);

/** "Send test": one message through one channel, now, logged in the Outbox like any other. */
export const sendTestNotification = protectedAction(
  {
    role: "admin",
    schema: z.object({ channel: z.enum(NOTIFICATION_CHANNELS) }),
    name: "sendTestNotification",
  },
  async ({ channel }, { user }) => {
    const settings = await getNotificationSettings();
    const now = await appNow();
    const id = randomUUID();
    const link = `${env().publicUrl}/settings/notifications`;
    const [row] = await enqueueDeliveries([
      {
        deliveryKey: `test:${id}`,
        thread: `test:${id}`,
        channel,
        topic: "test",
        recipient: channel === "email" ? (settings.ownerEmail ?? user.email) : null,
        subject: "Perch test notification",
        body: `${user.email} sent this test from Settings → Notifications. If you can read it, the ${channel} channel works.\n\n${link}`,
        link,
        payload: { type: "test", timestamp: now.toISOString(), data: { sentBy: user.email } },
        createdAt: now,
      },
    ]);
    if (!row) throw new AppError("conflict", "The test could not be queued. Please try again.");
    await deliverDue({ ids: [row.id] });
    const after = await getDelivery({ id: row.id });
    return {
      status: after?.status ?? "pending",
      error: after?.lastError ?? null,
    };
  },
);
