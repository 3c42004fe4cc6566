/**
 * When the status sweep should next introspect a connection. Cadence follows how
 * quickly the status can change and how much a change matters:
 * - pending, processing, the error statuses and anything unknown: hourly;
 * - reauth: every 6 hours (only the employer can fix it; we mostly watch for that);
 * - connected: every 12 hours automated, daily assisted (Finch refreshes weekly);
 * - disconnected: weekly.
 * After consecutive failed checks the status is not known, so the cadence gives way
 * to exponential backoff — 5 minutes, 10, 20, … — capped at 6 hours so a broken
 * connection is still retried four times a day. No jitter: callers that lease many
 * connections at once can add it.
 */

import { normalizeStatus } from "@/lib/status/catalogue";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const CHECK_INTERVAL_MS = {
  unsettled: HOUR_MS,
  reauth: 6 * HOUR_MS,
  connectedAutomated: 12 * HOUR_MS,
  connectedAssisted: 24 * HOUR_MS,
  disconnected: 7 * 24 * HOUR_MS,
} as const;

export const FAILURE_BACKOFF = { initialMs: 5 * MINUTE_MS, maxMs: 6 * HOUR_MS } as const;

export interface NextCheckInput {
  status: string;
  assisted: boolean;
  now: Date;
  /** Consecutive failed checks so far; 0 or absent after a success. */
  failures?: number;
}

function regularIntervalMs(status: string, assisted: boolean): number {
  switch (normalizeStatus(status)) {
    case "reauth":
      return CHECK_INTERVAL_MS.reauth;
    case "connected":
      return assisted ? CHECK_INTERVAL_MS.connectedAssisted : CHECK_INTERVAL_MS.connectedAutomated;
    case "disconnected":
      return CHECK_INTERVAL_MS.disconnected;
    default:
      return CHECK_INTERVAL_MS.unsettled;
  }
}

/** Delay after `failures` (at least 1) consecutive failed checks. */
export function backoffMs(failures: number): number {
  const exponent = Math.min(failures - 1, 30);
  return Math.min(FAILURE_BACKOFF.initialMs * 2 ** exponent, FAILURE_BACKOFF.maxMs);
}

export function nextCheckAt(input: NextCheckInput): Date {
  const failures = Math.max(0, Math.floor(input.failures ?? 0));
  const delayMs =
    failures > 0 ? backoffMs(failures) : regularIntervalMs(input.status, input.assisted);
  return new Date(input.now.getTime() + delayMs);
}
