import { describe, expect, it } from "vitest";
import { parseDuration } from "@/lib/emulator/clock";
import { decideFault, pathMatches } from "@/lib/emulator/faults";
import type { FaultRule } from "@/lib/emulator/records";

describe("parseDuration", () => {
  it.each([
    [90_000, 90_000],
    ["1500", 1500],
    ["90m", 5_400_000],
    ["1d12h", 129_600_000],
    ["2w", 1_209_600_000],
    ["P1D", 86_400_000],
    ["PT4H30M", 16_200_000],
    ["P1W", 604_800_000],
  ])("reads %s", (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each(["", "soon", "P", "PT", "1x", null, {}])("rejects %s", (input) => {
    expect(parseDuration(input)).toBeNull();
  });
});

describe("faults", () => {
  it("matches globs where * spans path segments", () => {
    expect(pathMatches("/employer/*", "/employer/company")).toBe(true);
    expect(pathMatches("/employer/*", "/employer/benefits/abc/enrolled")).toBe(true);
    expect(pathMatches("/employer/*", "/introspect")).toBe(false);
    expect(pathMatches("/introspect", "/introspect")).toBe(true);
  });

  it("fails exactly count calls, then removes the rule", () => {
    const rules: FaultRule[] = [{ id: "r", path: "/employer/*", rate_5xx: 1, count: 2 }];
    expect(decideFault(rules, "GET", "/employer/company", () => 0.99).error?.status).toBe(500);
    expect(decideFault(rules, "GET", "/employer/company", () => 0.99).error?.status).toBe(500);
    expect(rules).toEqual([]);
    expect(decideFault(rules, "GET", "/employer/company", () => 0).error).toBeNull();
  });

  it("rolls rates and carries retry-after on 429", () => {
    const rules: FaultRule[] = [
      { id: "r", path: "*", rate_429: 0.5, retry_after: 3, latency_ms: 20 },
    ];
    const limited = decideFault(rules, "GET", "/providers", () => 0.2);
    expect(limited.error?.status).toBe(429);
    expect(limited.error?.headers["retry-after"]).toBe("3");
    expect(limited.latencyMs).toBe(20);
    expect(decideFault(rules, "GET", "/providers", () => 0.7).error).toBeNull();
    expect(decideFault(rules, "POST", "/providers", () => 0.7).latencyMs).toBe(20);
  });
});
