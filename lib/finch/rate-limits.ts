/**
 * Finch's rate limits as Perch plans around them (developer.tryfinch.com, "Rate Limits"): each
 * data endpoint allows a number of requests per rolling minute for the whole application (every
 * connection shares it), and one IP address may send 1000 requests in 5 minutes before a
 * 60-minute penalty. Finch does not document a Retry-After header; where none comes, Perch waits
 * for the documented window.
 */

/** Requests per rolling minute for the application, by Perch's product name. */
export const FINCH_PRODUCT_RATE_LIMITS: Readonly<Record<string, number>> = {
  company: 20,
  directory: 20,
  individual: 20,
  employment: 20,
  pay_statement_item: 20,
  payment: 12,
  pay_groups: 12,
  pay_statement: 12,
};

export const FINCH_IP_LIMIT = { requests: 1000, windowMs: 5 * 60_000, penaltyMs: 60 * 60_000 };

/** Longest wait Perch sits out inside one request; longer ones are answered or rescheduled. */
export const SHORT_RATE_LIMIT_WAIT_SECONDS = 3;

/** Retries after a short wait, as many as the SDK's default `maxRetries`. */
export const RATE_LIMIT_RETRIES = 2;

export interface RateLimitSignal {
  retryAfterSeconds: number | null;
  finchCode: string | null;
}

/** Seconds until Finch will answer again: its Retry-After, else the documented window. */
export function rateLimitWaitSeconds(signal: RateLimitSignal): number {
  if (signal.retryAfterSeconds !== null) return Math.max(0, signal.retryAfterSeconds);
  return signal.finchCode === "finch_api_ip_rl" ? FINCH_IP_LIMIT.penaltyMs / 1000 : 60;
}

/** Whether a 429 is worth waiting out in the request that met it. */
export function isShortRateLimit(signal: RateLimitSignal): boolean {
  return (
    signal.retryAfterSeconds !== null && signal.retryAfterSeconds <= SHORT_RATE_LIMIT_WAIT_SECONDS
  );
}

/** Reads `retry-after` as whole seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}
