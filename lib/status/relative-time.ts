/**
 * Human wording for instants. Numbers come from Intl; month names and the output
 * shape are our own so text does not change with the ICU version (en-GB ICU data
 * has switched "Sep" to "Sept" before). Local fields come from lib/status/wall-clock, which
 * asks Intl only for a zone's offsets, so a page of dates costs arithmetic, not Intl calls.
 */

import { BoundedCache } from "@/lib/status/bounded-cache";
import { offsetMsAt, wallClockAt } from "@/lib/status/wall-clock";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relativeFormatter = new Intl.RelativeTimeFormat("en-GB", { numeric: "always" });
/** "3 days ago" and friends recur on every page: formatted once each. */
const relativePhrases = new BoundedCache<string, string>(10_000);

function relativePhrase(value: number, unit: Intl.RelativeTimeFormatUnit): string {
  return relativePhrases.get(`${value}|${unit}`, () => relativeFormatter.format(value, unit));
}

/**
 * "just now" under a minute either way, then whole minutes, hours, days, months
 * (30 days) and years (365 days), always rounded towards zero.
 */
export function relativeTime(at: Date, now: Date): string {
  const diffMs = at.getTime() - now.getTime();
  const absMs = Math.abs(diffMs);
  if (absMs < MINUTE) return "just now";

  const [unit, size]: [Intl.RelativeTimeFormatUnit, number] =
    absMs < HOUR
      ? ["minute", MINUTE]
      : absMs < DAY
        ? ["hour", HOUR]
        : absMs < 30 * DAY
          ? ["day", DAY]
          : absMs < 365 * DAY
            ? ["month", 30 * DAY]
            : ["year", 365 * DAY];
  return relativePhrase(Math.sign(diffMs) * Math.floor(absMs / size), unit);
}

interface LocalParts {
  day: number;
  month: string;
  year: number;
  hour: string;
  minute: string;
}

function localParts(at: Date, timeZone: string): LocalParts {
  const clock = wallClockAt(at, timeZone);
  return {
    day: clock.day,
    month: MONTHS[clock.month - 1],
    year: clock.year,
    hour: String(clock.hour).padStart(2, "0"),
    minute: String(clock.minute).padStart(2, "0"),
  };
}

/** Making an Intl formatter costs far more than using one: one per locale and zone. */
const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneName(at: Date, timeZone: string, locale: string): string {
  const key = `${locale}|${timeZone}`;
  let formatter = zoneNameFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" });
    zoneNameFormatters.set(key, formatter);
  }
  const part = formatter.formatToParts(at).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** A zone's short name depends only on its offset at the instant: asked of Intl once per pair. */
const shortZoneNames = new BoundedCache<string, string>(10_000);

function shortZoneName(at: Date, timeZone: string): string {
  return shortZoneNames.get(`${timeZone}|${offsetMsAt(at.getTime(), timeZone)}`, () =>
    intlShortZoneName(at, timeZone),
  );
}

/**
 * The zone's short name: en-GB knows GMT/BST but calls New York "GMT-5", en-US knows
 * EST/EDT but calls London "GMT+1", so take whichever gives a real abbreviation.
 */
function intlShortZoneName(at: Date, timeZone: string): string {
  const british = zoneName(at, timeZone, "en-GB");
  if (!/^GMT[+-]/.test(british)) return british;
  const american = zoneName(at, timeZone, "en-US");
  return /^GMT[+-]/.test(american) ? british : american;
}

/** "8 Dec" — the local day without the year, for summaries about the near future. */
export function formatDayMonth(at: Date, timeZone: string): string {
  const { day, month } = localParts(at, timeZone);
  return `${day} ${month}`;
}

/**
 * The local days an interval [from, until) touches: "25–31 Dec", "29 Dec – 4 Jan", or "8 Dec"
 * when it lies within one day. A chart bucket labelled this way says what it really holds.
 */
export function formatDayMonthRange(from: Date, until: Date, timeZone: string): string {
  const first = localParts(from, timeZone);
  const last = localParts(new Date(Math.max(from.getTime(), until.getTime() - 1)), timeZone);
  if (first.year === last.year && first.month === last.month) {
    return first.day === last.day
      ? `${first.day} ${first.month}`
      : `${first.day}–${last.day} ${last.month}`;
  }
  return `${first.day} ${first.month} – ${last.day} ${last.month}`;
}

/** "8 Dec 2026" on the local calendar of `timeZone`. */
export function formatDate(at: Date, timeZone: string): string {
  const { day, month, year } = localParts(at, timeZone);
  return `${day} ${month} ${year}`;
}

/** "8 Dec 2026, 14:05 UTC" with the zone's short name at that instant. */
export function formatDateTime(at: Date, timeZone: string): string {
  const { day, month, year, hour, minute } = localParts(at, timeZone);
  return `${day} ${month} ${year}, ${hour}:${minute} ${shortZoneName(at, timeZone)}`;
}
