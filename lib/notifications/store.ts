import "server-only";
import { getSetting, putSetting } from "@/db/queries/settings";
import {
  resolveNotificationSettings,
  type NotificationSettings,
} from "@/lib/notifications/settings";

export const NOTIFICATION_SETTINGS_KEY = "notifications";

export async function getNotificationSettings(): Promise<NotificationSettings> {
  return resolveNotificationSettings(await getSetting<unknown>({ key: NOTIFICATION_SETTINGS_KEY }));
}

export async function saveNotificationSettings(value: NotificationSettings): Promise<void> {
  await putSetting({ key: NOTIFICATION_SETTINGS_KEY, value });
}
