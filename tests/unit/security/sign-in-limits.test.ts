import { describe, expect, it } from "vitest";
import { decideSignIn, emailBackoffMs, SIGN_IN_LIMITS } from "@/lib/security/sign-in-limits";

describe("sign-in limits", () => {
  it("refuses an address that failed too often for this e-mail, or for any e-mail", () => {
    const base = { pairFailures: 0, addressFailures: 0, emailPauseMs: 0 };
    expect(decideSignIn(base)).toEqual({ allowed: true });
    expect(decideSignIn({ ...base, pairFailures: SIGN_IN_LIMITS.perPair }).allowed).toBe(false);
    expect(decideSignIn({ ...base, addressFailures: SIGN_IN_LIMITS.perAddress }).allowed).toBe(
      false,
    );
    expect(decideSignIn({ ...base, pairFailures: null, addressFailures: null })).toEqual({
      allowed: true,
    });
  });

  it("slows an e-mail under attack with a short pause, never a long lockout", () => {
    expect(emailBackoffMs(SIGN_IN_LIMITS.freeFailuresPerEmail - 1)).toBe(0);
    expect(emailBackoffMs(SIGN_IN_LIMITS.freeFailuresPerEmail)).toBe(1_000);
    expect(emailBackoffMs(SIGN_IN_LIMITS.freeFailuresPerEmail + 2)).toBe(4_000);
    expect(emailBackoffMs(10_000)).toBe(SIGN_IN_LIMITS.backoffMaxMs);
    expect(SIGN_IN_LIMITS.backoffMaxMs).toBeLessThanOrEqual(30_000);
    const paused = decideSignIn({ pairFailures: null, addressFailures: null, emailPauseMs: 800 });
    expect(paused).toEqual({ allowed: false, retryAfterMs: 800 });
  });
});
