/**
 * How fresh a product's data is, from Finch's `Finch-Data-Retrieved` and
 * `Finch-Last-Attempted-Update-*` headers. A failed refresh attempt is reported on its
 * own and never moves the retrieval time: the data served is still the old data.
 */

import { relativeTime } from "@/lib/status/relative-time";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Finch's published sync cadences: every 24 hours automated, every 7 days assisted. */
export const REFRESH_CADENCE_MS = { automated: DAY_MS, assisted: 7 * DAY_MS } as const;

/**
 * Slack before data counts as stale. Automated syncs run on a 24-hour cadence but not
 * at a fixed hour, so half a cadence absorbs the drift. Assisted refreshes are done
 * by Finch's operations team, whose turnaround is quoted as 2 business days; 2 days
 * keeps a refresh that slips by a day or two from raising an alert.
 */
export const DEFAULT_GRACE = { automated: 12 * HOUR_MS, assisted: 2 * DAY_MS } as const;

/**
 * `not_requested`: Perch has not asked Finch for this product yet, so nothing is known;
 * `no_data`: Perch asked, and Finch has not reported retrieving any data (no
 * Finch-Data-Retrieved); `pending`: Finch answered 202, still preparing it.
 */
export type FreshnessState = "fresh" | "stale" | "pending" | "no_data" | "not_requested";

export interface FreshnessInput {
  assisted: boolean;
  retrievedAt: Date | null;
  lastAttemptAt: Date | null;
  /** `success`, `error` or `partial_error`, as in Finch-Last-Attempted-Update-Result. */
  lastAttemptResult: string | null;
  lastHttpStatus?: number | null;
  /** Whether Perch has ever asked Finch for this product; absent means it has. */
  requested?: boolean;
  now: Date;
  graceMs?: number;
}

export interface Freshness {
  state: FreshnessState;
  ageMs: number | null;
  cadenceMs: number;
  staleAt: Date | null;
  lastAttemptFailed: boolean;
  summary: string;
}

const FAILED_RESULTS = new Set(["error", "partial_error"]);

function cadenceLabel(assisted: boolean): string {
  return assisted ? "every 7 days" : "every 24 hours";
}

/** Stale once `now` is strictly after retrievedAt + cadence + grace. */
export function freshness(input: FreshnessInput): Freshness {
  const { assisted, retrievedAt, lastAttemptAt, lastAttemptResult, lastHttpStatus, now } = input;
  const kind = assisted ? "assisted" : "automated";
  const cadenceMs = REFRESH_CADENCE_MS[kind];
  const graceMs = input.graceMs ?? DEFAULT_GRACE[kind];
  const lastAttemptFailed = FAILED_RESULTS.has(lastAttemptResult?.trim().toLowerCase() ?? "");
  const failureNote = !lastAttemptFailed
    ? ""
    : lastAttemptAt
      ? ` · last update attempt failed ${relativeTime(lastAttemptAt, now)}`
      : " · last update attempt failed";

  if (!retrievedAt) {
    const state: FreshnessState =
      lastHttpStatus === 202 ? "pending" : input.requested === false ? "not_requested" : "no_data";
    const summaries = {
      pending: "Data pending — Finch is still preparing it",
      not_requested: "Not requested yet — Perch has not asked Finch for this data",
      no_data: "No data yet — Finch has not reported retrieving any",
    };
    return {
      state,
      ageMs: null,
      cadenceMs,
      staleAt: null,
      lastAttemptFailed,
      summary: summaries[state] + failureNote,
    };
  }

  const ageMs = now.getTime() - retrievedAt.getTime();
  const staleAt = new Date(retrievedAt.getTime() + cadenceMs + graceMs);
  const stale = now.getTime() > staleAt.getTime();
  const retrieved = `retrieved ${relativeTime(retrievedAt, now)}`;
  return {
    state: stale ? "stale" : "fresh",
    ageMs,
    cadenceMs,
    staleAt,
    lastAttemptFailed,
    summary:
      (stale
        ? `Stale — ${retrieved} (expected ${cadenceLabel(assisted)})`
        : `Fresh — ${retrieved}`) + failureNote,
  };
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function offsetMinutes(designator: string | undefined): number | null {
  if (!designator || designator.toUpperCase() === "Z") return 0;
  const sign = designator.startsWith("-") ? -1 : 1;
  const digits = designator.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/**
 * Parses Finch's ISO-8601 header values tolerantly: `Z`, `+00:00`, `+0000` or `+00`
 * offsets, optional seconds and fractions of any length, `T` or a space, and a bare
 * date. A value with no offset is read as UTC, which is what Finch documents its
 * timestamps in. Anything else, including impossible dates, gives null.
 */
export function parseFinchTimestamp(value: string | null | undefined): Date | null {
  const match = ISO_8601.exec(value?.trim() ?? "");
  if (!match) return null;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", zone] = match;
  const offset = offsetMinutes(zone);
  const fields = [Number(month), Number(day), Number(hour), Number(minute), Number(second)];
  const [mo, d, h, mi, s] = fields;
  if (offset === null || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;

  const local = new Date(0);
  local.setUTCFullYear(Number(year), mo - 1, d);
  if (local.getUTCMonth() !== mo - 1 || local.getUTCDate() !== d) return null;
  local.setUTCHours(h, mi, s, Number(fraction.slice(0, 3).padEnd(3, "0")));
  return new Date(local.getTime() - offset * 60_000);
}
