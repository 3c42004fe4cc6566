/**
 * Per-group configuration countdowns for assisted connections.
 *
 * The period starts when Finch has verified the employer's permissions and lasts the
 * group's configuration days on the calendar of `timeZone`: verified on 1 Dec at
 * 10:00 means day 1 is 1 Dec, day 14 is 14 Dec, and data is expected by 15 Dec at
 * 10:00. From that instant the group is overdue, by the number of calendar days from
 * the expected day to today — at least 1, so it is overdue by 1 day both late on
 * 15 Dec and on 16 Dec, and by 2 days on 17 Dec.
 */

import { addCalendarDays, calendarDay, daysBetweenCalendarDays } from "@/lib/status/calendar";
import { normalizeStatus } from "@/lib/status/catalogue";
import { PRODUCT_GROUPS, groupsForProducts, type ProductGroup } from "@/lib/status/products";
import { formatDate, formatDayMonth } from "@/lib/status/relative-time";

export type ConfigurationPhase =
  "not_applicable" | "waiting_for_permissions" | "configuring" | "overdue" | "ready";

export interface GroupCountdown {
  group: ProductGroup;
  label: string;
  phase: ConfigurationPhase;
  totalDays: number;
  /** 1-based day N of totalDays while configuring or overdue (keeps counting when overdue). */
  day: number | null;
  startedAt: Date | null;
  expectedReadyAt: Date | null;
  overdueDays: number | null;
  readySince: Date | null;
  /** 0..1 for a progress bar. */
  progress: number;
  summary: string;
}

export interface ConfigurationCountdownInput {
  group: ProductGroup;
  assisted: boolean;
  verifiedAt: Date | null;
  readyAt: Date | null;
  now: Date;
  timeZone: string;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Day and month, with the year only when it differs from the current one. */
function shortDate(at: Date, now: Date, timeZone: string): string {
  const yearOf = (instant: Date) => calendarDay(instant, timeZone).slice(0, 4);
  return yearOf(at) === yearOf(now) ? formatDayMonth(at, timeZone) : formatDate(at, timeZone);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

export function configurationCountdown(input: ConfigurationCountdownInput): GroupCountdown {
  const { group, assisted, verifiedAt, readyAt, now, timeZone } = input;
  const { label, configurationDays } = PRODUCT_GROUPS[group];
  const startedAt = assisted ? verifiedAt : null;
  const expectedReadyAt = startedAt
    ? addCalendarDays(startedAt, configurationDays, timeZone)
    : null;
  const base = {
    group,
    label,
    totalDays: assisted ? configurationDays : 0,
    startedAt,
    expectedReadyAt,
  };
  const idle = { day: null, overdueDays: null, readySince: null };

  if (readyAt) {
    return {
      ...base,
      ...idle,
      phase: "ready",
      readySince: readyAt,
      progress: 1,
      summary: `Ready since ${shortDate(readyAt, now, timeZone)}`,
    };
  }
  if (!assisted) {
    return {
      ...base,
      ...idle,
      phase: "not_applicable",
      progress: 0,
      summary: "No configuration period (automated connection)",
    };
  }
  if (!startedAt || !expectedReadyAt) {
    return {
      ...base,
      ...idle,
      phase: "waiting_for_permissions",
      progress: 0,
      summary: "Waiting for the employer's permissions",
    };
  }

  const calendarDayNumber = Math.max(1, daysBetweenCalendarDays(startedAt, now, timeZone) + 1);
  const expectedOn = shortDate(expectedReadyAt, now, timeZone);

  if (now.getTime() > expectedReadyAt.getTime()) {
    const overdueDays = Math.max(1, daysBetweenCalendarDays(expectedReadyAt, now, timeZone));
    return {
      ...base,
      ...idle,
      phase: "overdue",
      day: calendarDayNumber,
      overdueDays,
      progress: 1,
      summary: `Overdue by ${plural(overdueDays, "day")} (expected ${expectedOn})`,
    };
  }

  const day = Math.min(configurationDays, calendarDayNumber);
  const elapsed = now.getTime() - startedAt.getTime();
  const period = expectedReadyAt.getTime() - startedAt.getTime();
  return {
    ...base,
    ...idle,
    phase: "configuring",
    day,
    progress: clamp01(elapsed / period),
    summary: `Day ${day} of ${configurationDays} · expected ready ${expectedOn}`,
  };
}

export interface ConnectionCountdownsInput {
  products: readonly string[];
  assisted: boolean;
  verifiedAt: Date | null;
  readyAtByGroup: Partial<Record<ProductGroup, Date | null>>;
  now: Date;
  timeZone: string;
}

/** One countdown per group the connection's products fall into, in group order. */
export function connectionCountdowns(input: ConnectionCountdownsInput): GroupCountdown[] {
  const { products, readyAtByGroup, ...rest } = input;
  return groupsForProducts(products).map((group) =>
    configurationCountdown({ ...rest, group, readyAt: readyAtByGroup[group] ?? null }),
  );
}

/** When Finch verified the employer's permissions: the earliest `processing` or `connected`. */
export function permissionsVerifiedAt(history: { status: string; at: Date }[]): Date | null {
  let earliest: Date | null = null;
  for (const entry of history) {
    const status = normalizeStatus(entry.status);
    if (status !== "processing" && status !== "connected") continue;
    if (!earliest || entry.at.getTime() < earliest.getTime()) earliest = entry.at;
  }
  return earliest;
}
