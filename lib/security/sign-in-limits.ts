/**
 * Sign-in throttling that slows a password guesser without letting anyone lock a real user out:
 * - per e-mail and client address: a hard limit (the guesser's own address is refused);
 * - per client address: a hard limit across all e-mails (one address spraying many accounts);
 * - per e-mail from anywhere: after a few failures every further attempt must wait a short,
 *   growing pause (capped at seconds, never a long lockout), so rotating addresses buys nothing.
 * Pure: counts in, decision out.
 */
export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60_000,
  perPair: 5,
  perAddress: 30,
  freeFailuresPerEmail: 5,
  backoffBaseMs: 1_000,
  backoffMaxMs: 30_000,
} as const;

export interface SignInCounts {
  /** Failures for this e-mail from this address in the window (null when the address is unknown). */
  pairFailures: number | null;
  /** Failures from this address for any e-mail (null when the address is unknown). */
  addressFailures: number | null;
  /** Milliseconds until this e-mail's backoff pause ends (0 when there is none). */
  emailPauseMs: number;
}

export type SignInDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export function decideSignIn(counts: SignInCounts): SignInDecision {
  if (counts.pairFailures !== null && counts.pairFailures >= SIGN_IN_LIMITS.perPair) {
    return { allowed: false, retryAfterMs: SIGN_IN_LIMITS.windowMs };
  }
  if (counts.addressFailures !== null && counts.addressFailures >= SIGN_IN_LIMITS.perAddress) {
    return { allowed: false, retryAfterMs: SIGN_IN_LIMITS.windowMs };
  }
  if (counts.emailPauseMs > 0) return { allowed: false, retryAfterMs: counts.emailPauseMs };
  return { allowed: true };
}

/** The pause before the next attempt for an e-mail with this many failures (0: none). */
export function emailBackoffMs(emailFailures: number): number {
  const over = emailFailures - SIGN_IN_LIMITS.freeFailuresPerEmail;
  if (over < 0) return 0;
  return Math.min(SIGN_IN_LIMITS.backoffBaseMs * 2 ** over, SIGN_IN_LIMITS.backoffMaxMs);
}
