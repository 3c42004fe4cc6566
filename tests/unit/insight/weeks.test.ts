import { describe, expect, it } from "vitest";
import { funnelByWeek, funnelTotals, insightWeeks, weekStart } from "@/lib/insight/weeks";

describe("insight weeks", () => {
  it("starts weeks on Monday, UTC", () => {
    expect(weekStart(new Date("2026-11-30T12:00:00Z"))).toBe("2026-11-30"); // a Monday
    expect(weekStart(new Date("2026-11-29T23:59:59Z"))).toBe("2026-11-23"); // Sunday
    expect(weekStart(new Date("2026-01-01T00:00:00Z"))).toBe("2025-12-29"); // across a year
  });

  it("lists the weeks ending with the current one, oldest first", () => {
    expect(insightWeeks(new Date("2026-12-02T08:00:00Z"), 3)).toEqual([
      "2026-11-16",
      "2026-11-23",
      "2026-11-30",
    ]);
    expect(() => insightWeeks(new Date(), 0)).toThrow(RangeError);
  });

  it("fills every week and stage, ignoring rows outside the window", () => {
    const weeks = ["2026-11-23", "2026-11-30"];
    const funnel = funnelByWeek(
      [
        { stage: "invited", week: "2026-11-23", count: 4 },
        { stage: "ready", week: "2026-11-30", count: 2 },
        { stage: "ready", week: "2026-11-16", count: 9 },
      ],
      weeks,
    );
    expect(funnel).toEqual([
      { week: "2026-11-23", counts: { invited: 4, connected: 0, verified: 0, ready: 0 } },
      { week: "2026-11-30", counts: { invited: 0, connected: 0, verified: 0, ready: 2 } },
    ]);
    expect(funnelTotals(funnel)).toEqual({ invited: 4, connected: 0, verified: 0, ready: 2 });
  });
});
