import { describe, expect, it } from "vitest";
import { overallTimeToReady, timeToReadyByProvider } from "@/lib/insight/time-to-ready";

describe("time to ready by provider", () => {
  const rows = [
    { providerId: "paycom", measuredFrom: "verified" as const, days: 6, count: 5 },
    { providerId: "paycom", measuredFrom: "verified" as const, days: 12, count: 4 },
    { providerId: "paycom", measuredFrom: "verified" as const, days: 20, count: 1 },
    { providerId: "gusto", measuredFrom: "connected" as const, days: 0, count: 7 },
    { providerId: "workday", measuredFrom: "verified" as const, days: 9, count: 2 },
    { providerId: "workday", measuredFrom: "connected" as const, days: 1, count: 0 },
  ];

  it("gives median and p90 in whole days per provider, slowest p90 first", () => {
    expect(timeToReadyByProvider(rows)).toEqual([
      {
        providerId: "paycom",
        connections: 10,
        medianDays: 6,
        p90Days: 12,
        measuredFrom: "verified",
        withinPromise: 9,
      },
      {
        providerId: "workday",
        connections: 2,
        medianDays: 9,
        p90Days: 9,
        measuredFrom: "verified",
        withinPromise: 2,
      },
      {
        providerId: "gusto",
        connections: 7,
        medianDays: 0,
        p90Days: 0,
        measuredFrom: "connected",
        withinPromise: 7,
      },
    ]);
  });

  it("says when a provider's figures mix both starting points", () => {
    const mixed = timeToReadyByProvider([
      { providerId: "adp", measuredFrom: "verified", days: 8, count: 1 },
      { providerId: "adp", measuredFrom: "connected", days: 0, count: 1 },
    ]);
    expect(mixed[0].measuredFrom).toBe("mixed");
  });

  it("sums all providers measured from the same start for the headline", () => {
    expect(overallTimeToReady(rows, "verified")).toEqual({
      connections: 12,
      medianDays: 9,
      p90Days: 12,
    });
    expect(overallTimeToReady([], "verified")).toEqual({
      connections: 0,
      medianDays: null,
      p90Days: null,
    });
  });
});
