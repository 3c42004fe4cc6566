/**
 * Per-group configuration countdowns for assisted connections.
 *
 * The period starts when Finch has verified the employer's permissions and lasts the
 * group's configuration days on the calendar of `timeZone`. Day N begins N - 1 calendar
 * days after the verification, at the same wall-clock time (so a DST change never shifts
 * it): verified on 1 Dec at 10:00 means day 1 runs to 2 Dec 10:00, day 14 from 14 Dec
 * 10:00, and data is expected by 15 Dec at 10:00. Every group of a connection therefore
 * shows the same day number, and each number lasts exactly one day — never "Day 14 of 14"
 * on two dates, nor Deductions "Day 7 of 7" beside Organization "Day 8 of 14". Past the
 * expected instant the day keeps counting and the group is overdue by day - period days:
 * by 1 day from 15 Dec 10:00, by 2 from 16 Dec 10:00.
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

/**
 * 1-based day of a period that started at `startedAt`: day N + 1 begins N calendar days after
 * the start at the start's wall-clock time. Never below 1 when the clock is behind.
 */
export function dayOfPeriod(startedAt: Date, now: Date, timeZone: string): number {
  let whole = daysBetweenCalendarDays(startedAt, now, timeZone);
  if (addCalendarDays(startedAt, whole, timeZone).getTime() > now.getTime()) whole -= 1;
  return Math.max(1, whole + 1);
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

  const periodDay = dayOfPeriod(startedAt, now, timeZone);
  const expectedOn = shortDate(expectedReadyAt, now, timeZone);

  if (now.getTime() > expectedReadyAt.getTime()) {
    const overdueDays = Math.max(1, periodDay - configurationDays);
    return {
      ...base,
      ...idle,
      phase: "overdue",
      day: periodDay,
      overdueDays,
      progress: 1,
      summary: `Overdue by ${plural(overdueDays, "day")} (expected ${expectedOn})`,
    };
  }

  // Only at the very instant the period ends would the count read one past the period.
  const day = Math.min(configurationDays, periodDay);
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

/**
 * When a group became ready, from Finch's own evidence: the `Finch-Data-Retrieved` of its first
 * 200 (Finch had the data from then), else the moment Perch noticed. Clamped between the
 * verification (a period cannot end before it starts) and the noticing (never in the future).
 */
export function readinessInstant({
  retrievedAt,
  verifiedAt,
  noticedAt,
}: {
  retrievedAt: Date | null;
  verifiedAt: Date | null;
  noticedAt: Date;
}): Date {
  if (!retrievedAt) return noticedAt;
  const floor = verifiedAt?.getTime() ?? -Infinity;
  return new Date(Math.min(noticedAt.getTime(), Math.max(floor, retrievedAt.getTime())));
}

/** How far a webhook's signed send time may precede its receipt and still be Finch's instant. */
export const WEBHOOK_CLOCK_WINDOW_MS = 5 * 60_000;

/**
 * Finch's instant for a webhook: its signed `Finch-Timestamp` when it agrees with our clock
 * (at or up to 5 minutes before receipt, the window the signature check allows), else receipt.
 * A demo clock that runs ahead of real time therefore keeps using its own time: one clock.
 */
export function webhookInstant(sentAt: Date | null, receivedAt: Date): Date {
  if (!sentAt) return receivedAt;
  const lead = receivedAt.getTime() - sentAt.getTime();
  return lead >= 0 && lead <= WEBHOOK_CLOCK_WINDOW_MS ? sentAt : receivedAt;
}
