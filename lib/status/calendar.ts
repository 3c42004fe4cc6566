/**
 * Time-zone-aware calendar arithmetic on top of Intl (through lib/status/wall-clock), with no
 * dependencies.
 *
 * A "local day" is the calendar day a wall clock in `timeZone` shows. Wall-clock
 * times that do not exist (the hour skipped when clocks go forward) resolve to the
 * later wall time, and repeated ones (clocks going back) to the earlier instant —
 * the same "compatible" rule as Temporal.
 *
 * Business days are Monday to Friday in the given zone. Public holidays are not
 * known here: Finch publishes no holiday calendar and its SLAs are quoted in plain
 * business days, so a holiday simply counts as a business day.
 */

import { offsetMsAt, wallClockAt, wallClockMs } from "@/lib/status/wall-clock";

const MS_PER_DAY = 86_400_000;

/** The instant at which a wall clock in `timeZone` reads `localMs` (see the module note). */
function instantForWallClock(localMs: number, timeZone: string): Date {
  const offsetBefore = offsetMsAt(localMs - MS_PER_DAY, timeZone);
  const offsetAfter = offsetMsAt(localMs + MS_PER_DAY, timeZone);
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => localMs - offset)
    .filter((instant) => offsetMsAt(instant, timeZone) === localMs - instant)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? localMs - offsetBefore);
}

function localDayNumber(at: Date, timeZone: string): number {
  const clock = wallClockAt(at, timeZone);
  return Math.floor(
    wallClockMs({ ...clock, hour: 0, minute: 0, second: 0, millisecond: 0 }) / MS_PER_DAY,
  );
}

function msIntoLocalDay(at: Date, timeZone: string): number {
  const localMs = wallClockMs(wallClockAt(at, timeZone));
  return localMs - Math.floor(localMs / MS_PER_DAY) * MS_PER_DAY;
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, "0");
}

/** "YYYY-MM-DD" as the calendar reads in `timeZone`. */
export function calendarDay(at: Date, timeZone: string): string {
  const { year, month, day } = wallClockAt(at, timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The first instant of the local day containing `at`. */
export function startOfDay(at: Date, timeZone: string): Date {
  return instantForWallClock(localDayNumber(at, timeZone) * MS_PER_DAY, timeZone);
}

/** Moves `days` calendar days, keeping the wall-clock time (so DST never shifts it an hour). */
export function addCalendarDays(at: Date, days: number, timeZone: string): Date {
  return instantForWallClock(wallClockMs(wallClockAt(at, timeZone)) + days * MS_PER_DAY, timeZone);
}

/** Signed number of local calendar days from `a`'s day to `b`'s day (same day → 0). */
export function daysBetweenCalendarDays(a: Date, b: Date, timeZone: string): number {
  return localDayNumber(b, timeZone) - localDayNumber(a, timeZone);
}

/** Day 0 of the epoch (1970-01-01) was a Thursday; index 0 = Thursday … 6 = Wednesday. */
const BUSINESS_DAYS_BEFORE_WEEKDAY = [0, 1, 2, 2, 2, 3, 4];
const WEEKDAY_OF_BUSINESS_INDEX = [0, 1, 4, 5, 6];

function isBusinessDayNumber(dayNumber: number): boolean {
  const weekday = ((dayNumber % 7) + 7) % 7;
  return weekday !== 2 && weekday !== 3;
}

function businessDaysBeforeDayNumber(dayNumber: number): number {
  const weeks = Math.floor(dayNumber / 7);
  return weeks * 5 + BUSINESS_DAYS_BEFORE_WEEKDAY[dayNumber - weeks * 7];
}

function dayNumberOfBusinessIndex(index: number): number {
  const weeks = Math.floor(index / 5);
  return weeks * 7 + WEEKDAY_OF_BUSINESS_INDEX[index - weeks * 5];
}

/**
 * Position of `at` on a clock that only runs on business days, in milliseconds.
 * Each business day contributes the wall-clock time elapsed in it; weekends add
 * nothing, so any weekend instant sits at the end of the preceding Friday.
 */
function businessClockMs(at: Date, timeZone: string): number {
  const dayNumber = localDayNumber(at, timeZone);
  const intoDay = isBusinessDayNumber(dayNumber) ? msIntoLocalDay(at, timeZone) : 0;
  return businessDaysBeforeDayNumber(dayNumber) * MS_PER_DAY + intoDay;
}

/** Monday to Friday in `timeZone` (holidays are not modelled; see the module note). */
export function isBusinessDay(at: Date, timeZone: string): boolean {
  return isBusinessDayNumber(localDayNumber(at, timeZone));
}

/**
 * Elapsed business time from `a` to `b`, in business days (fractional, signed).
 *
 * Only wall-clock time on Monday–Friday counts, so pending since Friday 16:00 is
 * 23/24 of a business day old on Monday at 15:00, exactly 1 at Monday 16:00 and
 * more than 1 after that. Anything on a weekend counts from Monday 00:00.
 */
export function businessDaysBetween(a: Date, b: Date, timeZone: string): number {
  return (businessClockMs(b, timeZone) - businessClockMs(a, timeZone)) / MS_PER_DAY;
}

/**
 * Adds `businessDays` of elapsed business time (the inverse of businessDaysBetween):
 * Friday 16:00 + 1 is Monday 16:00; Saturday 10:00 + 1 is Tuesday 00:00.
 */
export function addBusinessDays(at: Date, businessDays: number, timeZone: string): Date {
  if (businessDays === 0) return new Date(at.getTime());
  const target = businessClockMs(at, timeZone) + Math.round(businessDays * MS_PER_DAY);
  const index = Math.floor(target / MS_PER_DAY);
  const localMs = dayNumberOfBusinessIndex(index) * MS_PER_DAY + (target - index * MS_PER_DAY);
  return instantForWallClock(localMs, timeZone);
}
