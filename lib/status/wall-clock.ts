/**
 * What a wall clock in a time zone reads at an instant, fast enough to call for every cell of a
 * 50-row page. Intl's formatToParts costs tens of microseconds a call; a zone's UTC offset, once
 * known, turns the rest into plain arithmetic. UTC needs no Intl at all.
 *
 * A zone's offset changes a few times a year at most, so it is memoized per UTC day: when the
 * offsets at the start of a day and of the next day agree, the offset held all day (no zone has
 * two transitions in one day that cancel out). Only the day of a transition asks Intl for the
 * exact instant.
 */

import { BoundedCache } from "@/lib/status/bounded-cache";

const MS_PER_DAY = 86_400_000;

export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const UTC_ZONES = new Set(["UTC", "Etc/UTC", "GMT", "Etc/GMT"]);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The offset (wall clock minus UTC, in ms, to the second) straight from Intl. */
function intlOffsetMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    parts[part.type] = part.value;
  }
  const wall =
    daysFromCivil(Number(parts.year), Number(parts.month), Number(parts.day)) * MS_PER_DAY +
    Number(parts.hour) * 3_600_000 +
    Number(parts.minute) * 60_000 +
    Number(parts.second) * 1000;
  return wall - Math.floor(instantMs / 1000) * 1000;
}

/** Offsets at the start of UTC days, by zone and day; bounded so a long-running server stays small. */
const dayOffsets = new BoundedCache<string, number>(50_000);

function offsetAtDayStart(dayNumber: number, timeZone: string): number {
  return dayOffsets.get(`${timeZone}|${dayNumber}`, () =>
    intlOffsetMs(dayNumber * MS_PER_DAY, timeZone),
  );
}

/** The zone's UTC offset at an instant, in milliseconds (wall clock minus UTC). */
export function offsetMsAt(instantMs: number, timeZone: string): number {
  if (UTC_ZONES.has(timeZone)) return 0;
  const dayNumber = Math.floor(instantMs / MS_PER_DAY);
  const start = offsetAtDayStart(dayNumber, timeZone);
  const next = offsetAtDayStart(dayNumber + 1, timeZone);
  return start === next ? start : intlOffsetMs(instantMs, timeZone);
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, and back: Howard Hinnant's civil-date
 * algorithms (integer arithmetic, no Date object, valid for any year).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * mp + 2) / 5) + 1,
  };
}

/** The wall clock in `timeZone` at `at`. */
export function wallClockAt(at: Date, timeZone: string): WallClock {
  const ms = at.getTime();
  const local = ms + offsetMsAt(ms, timeZone);
  const days = Math.floor(local / MS_PER_DAY);
  let rest = local - days * MS_PER_DAY;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return {
    ...civilFromDays(days),
    hour,
    minute,
    second,
    millisecond: rest - second * 1000,
  };
}

/** A wall-clock reading as if it were UTC milliseconds (the inverse of wallClockAt at UTC). */
export function wallClockMs(clock: WallClock): number {
  return (
    daysFromCivil(clock.year, clock.month, clock.day) * MS_PER_DAY +
    clock.hour * 3_600_000 +
    clock.minute * 60_000 +
    clock.second * 1000 +
    clock.millisecond
  );
}
