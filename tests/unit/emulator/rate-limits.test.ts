import { describe, expect, it } from "vitest";
import {
  parseRateLimitMode,
  RateLimiter,
  rateLimitedProductOf,
  rateLimitSettings,
} from "@/lib/emulator/rate-limits";
import { isShortRateLimit, parseRetryAfter, rateLimitWaitSeconds } from "@/lib/finch/rate-limits";

describe("emulator rate limits", () => {
  it("names each data endpoint's product as Finch counts them", () => {
    expect(rateLimitedProductOf("GET", "/employer/company")).toBe("company");
    expect(rateLimitedProductOf("POST", "/employer/individual")).toBe("individual");
    expect(rateLimitedProductOf("POST", "/employer/pay-statement")).toBe("pay-statement");
    expect(rateLimitedProductOf("GET", "/employer/pay-groups/abc")).toBe("pay-groups");
    expect(rateLimitedProductOf("GET", "/employer/benefits")).toBeNull();
    expect(rateLimitedProductOf("GET", "/introspect")).toBeNull();
  });

  it("reads the switch and refuses unknown modes with the accepted values", () => {
    expect(parseRateLimitMode(undefined, "X")).toBe("documented");
    expect(parseRateLimitMode(" Relaxed ", "X")).toBe("relaxed");
    expect(() => parseRateLimitMode("fast", "FINCH_EMULATOR_RATE_LIMITS")).toThrow(
      "FINCH_EMULATOR_RATE_LIMITS: expected one of documented, relaxed, off; got 'fast'",
    );
    expect(rateLimitSettings("relaxed").products?.payment).toBe(120);
    expect(rateLimitSettings("off")).toMatchObject({ products: null, ip: null });
  });

  it("does not charge a refused request to the product, and forgets times after a clock moved back", () => {
    const limiter = new RateLimiter("documented");
    const req = { method: "GET", path: "/employer/payment", ip: "a" };
    for (let i = 0; i < 12; i++) expect(limiter.admit(req, 1_000 + i)).toBeNull();
    expect(limiter.admit(req, 2_000)?.headers["retry-after"]).toBe("59");
    expect(limiter.admit(req, 61_000)).toBeNull();
    // The demo clock was reset to before those calls: they no longer count.
    for (let i = 0; i < 12; i++) expect(limiter.admit(req, 500)).toBeNull();
  });
});

describe("Perch's reading of Finch's rate limits", () => {
  it("waits Finch's Retry-After, else the documented window", () => {
    expect(rateLimitWaitSeconds({ retryAfterSeconds: 7, finchCode: null })).toBe(7);
    expect(
      rateLimitWaitSeconds({ retryAfterSeconds: null, finchCode: "finch_application_rl" }),
    ).toBe(60);
    expect(rateLimitWaitSeconds({ retryAfterSeconds: null, finchCode: "finch_api_ip_rl" })).toBe(
      3600,
    );
    expect(isShortRateLimit({ retryAfterSeconds: 3, finchCode: null })).toBe(true);
    expect(isShortRateLimit({ retryAfterSeconds: 4, finchCode: null })).toBe(false);
    expect(isShortRateLimit({ retryAfterSeconds: null, finchCode: null })).toBe(false);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-11-30T12:00:00Z");
    expect(parseRetryAfter("12", now)).toBe(12);
    expect(parseRetryAfter("Mon, 30 Nov 2026 12:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
