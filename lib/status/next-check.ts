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
 *
 * Webhooks are the primary signal and introspection the safety net: while Finch's webhooks for
 * a settled connection (connected, reauth) are flowing (one seen within the last 2 days), its
 * cadence is stretched 4x (12 hours → 2 days, daily → 4 days), never beyond a week. Unsettled
 * statuses keep the hourly look, and a webhook that changes the status makes the connection
 * due at once, so the stretch costs no reaction time where it matters.
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

export const WEBHOOK_STRETCH = {
  factor: 4,
  flowingWithinMs: 48 * HOUR_MS,
  maxMs: 7 * 24 * HOUR_MS,
};

export const FAILURE_BACKOFF = { initialMs: 5 * MINUTE_MS, maxMs: 6 * HOUR_MS } as const;

export interface NextCheckInput {
  status: string;
  assisted: boolean;
  now: Date;
  /** Consecutive failed checks so far; 0 or absent after a success. */
  failures?: number;
  /** When Finch last sent a webhook about this connection. */
  lastWebhookAt?: Date | null;
}

/** Whether Finch's webhooks for a connection are arriving, so introspection can back off. */
export function webhooksFlowing(lastWebhookAt: Date | null | undefined, now: Date): boolean {
  if (!lastWebhookAt) return false;
  const age = now.getTime() - lastWebhookAt.getTime();
  return age >= 0 && age <= WEBHOOK_STRETCH.flowingWithinMs;
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
  let delayMs =
    failures > 0 ? backoffMs(failures) : regularIntervalMs(input.status, input.assisted);
  const settled = ["connected", "reauth"].includes(normalizeStatus(input.status));
  if (failures === 0 && settled && webhooksFlowing(input.lastWebhookAt, input.now)) {
    delayMs = Math.max(delayMs, Math.min(delayMs * WEBHOOK_STRETCH.factor, WEBHOOK_STRETCH.maxMs));
  }
  return new Date(input.now.getTime() + delayMs);
}
