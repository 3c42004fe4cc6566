import { describe, expect, it } from "vitest";
import { demoClockResetProblem } from "@/lib/demo/clock-reset";

const REAL = new Date("2026-11-30T13:00:00Z");

describe("the demo clock's Reset", () => {
  it("goes forward to real time when the demo is behind it or at it", () => {
    const behind = new Date(REAL.getTime() - 21 * 86_400_000);
    expect(demoClockResetProblem({ demoNow: behind, realNow: REAL, timeZone: "UTC" })).toBeNull();
    expect(demoClockResetProblem({ demoNow: REAL, realNow: REAL, timeZone: "UTC" })).toBeNull();
  });

  it("refuses to go back once the demo has run ahead, and says how to start over", () => {
    const ahead = new Date(REAL.getTime() + 7 * 86_400_000);
    const problem = demoClockResetProblem({ demoNow: ahead, realNow: REAL, timeZone: "UTC" });
    expect(problem).toMatch(/cannot go back/);
    expect(problem).toContain("7 Dec 2026");
    expect(problem).toContain(".data/");
  });
});
