import { z } from "zod";
import { NOTIFICATION_CHANNELS, type NotificationChannel } from "@/db/schema";
import { ISSUE_KINDS, MUST_ACT_KINDS, type IssueKind } from "@/lib/issues/kinds";
import { DEFAULT_REMINDER_DAYS } from "@/lib/issues/reminders";

/**
 * Who hears about what. Stored in the settings table (Settings → Notifications); until an
 * admin saves it, the defaults below apply, so setting only the environment variables works.
 */
export interface NotificationSettings {
  /** Channels each issue kind goes to. */
  routes: Record<IssueKind, NotificationChannel[]>;
  /** Where e-mail about an issue goes when its employer has no owner. */
  ownerEmail: string | null;
  /** One e-mail a day listing unresolved issues, to the owner e-mail. */
  dailyDigest: boolean;
  remindersEnabled: boolean;
  reminderDays: number[];
}

export function defaultNotificationSettings(): NotificationSettings {
  const routes = {} as Record<IssueKind, NotificationChannel[]>;
  for (const kind of ISSUE_KINDS) {
    // Someone must act: tell the team's Slack and the customer's systems. Everything else is
    // still an event their systems may want.
    routes[kind] = MUST_ACT_KINDS.includes(kind) ? ["slack", "webhook"] : ["webhook"];
  }
  return {
    routes,
    ownerEmail: null,
    dailyDigest: false,
    remindersEnabled: true,
    reminderDays: [...DEFAULT_REMINDER_DAYS],
  };
}

const channel = z.enum(NOTIFICATION_CHANNELS);

const storedSettings = z.object({
  routes: z.record(z.string(), z.array(channel)).optional(),
  ownerEmail: z.email().nullable().optional(),
  dailyDigest: z.boolean().optional(),
  remindersEnabled: z.boolean().optional(),
  reminderDays: z.array(z.number().int().min(1).max(60)).min(1).max(5).optional(),
});

/** Merges what was stored over the defaults; anything unreadable falls back to the default. */
export function resolveNotificationSettings(stored: unknown): NotificationSettings {
  const defaults = defaultNotificationSettings();
  const parsed = storedSettings.safeParse(stored ?? {});
  if (!parsed.success) return defaults;
  const value = parsed.data;
  const routes = { ...defaults.routes };
  for (const kind of ISSUE_KINDS) {
    const chosen = value.routes?.[kind];
    if (chosen) routes[kind] = [...new Set(chosen)];
  }
  return {
    routes,
    ownerEmail: value.ownerEmail ?? defaults.ownerEmail,
    dailyDigest: value.dailyDigest ?? defaults.dailyDigest,
    remindersEnabled: value.remindersEnabled ?? defaults.remindersEnabled,
    reminderDays: value.reminderDays ?? defaults.reminderDays,
  };
}
