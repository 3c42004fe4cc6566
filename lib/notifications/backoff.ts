/** Retry delays for a failed delivery: 1 minute, 5, 30, 2 hours, 6 hours, then it has failed. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

/** The delay before the next try after `attempts` failed tries, or null when it is time to give up. */
export function retryDelayMs(attempts: number): number | null {
  return attempts >= 1 && attempts <= RETRY_DELAYS_MS.length ? RETRY_DELAYS_MS[attempts - 1] : null;
}
