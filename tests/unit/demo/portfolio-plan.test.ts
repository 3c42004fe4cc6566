import { describe, expect, it } from "vitest";
import {
  DEMO_PORTFOLIO,
  PORTFOLIO_WINDOW_MS,
  hoursToMs,
  scheduleOf,
  type TimedAction,
} from "@/lib/demo/portfolio-plan";

describe("the demo portfolio plan", () => {
  const schedule = scheduleOf(DEMO_PORTFOLIO);

  it("has a few dozen employers with distinct customer ids", () => {
    expect(DEMO_PORTFOLIO.length).toBeGreaterThanOrEqual(30);
    expect(DEMO_PORTFOLIO.length).toBeLessThanOrEqual(40);
    expect(new Set(DEMO_PORTFOLIO.map((e) => e.customerId)).size).toBe(DEMO_PORTFOLIO.length);
  });

  it("plays in time order, each employer added before anything happens to it, inside the window", () => {
    const added = new Set<string>();
    let previous = -Infinity;
    for (const action of schedule) {
      expect(action.at).toBeGreaterThanOrEqual(previous);
      previous = action.at;
      expect(hoursToMs(action.at)).toBeGreaterThanOrEqual(0);
      expect(hoursToMs(action.at)).toBeLessThan(PORTFOLIO_WINDOW_MS);
      if (action.kind === "add") added.add(action.employer.customerId);
      else expect(added).toContain(action.employer.customerId);
    }
  });

  it("mixes automated and assisted sign-ins, every assisted outcome, late configurations and Finch-side changes", () => {
    const kinds = new Set(schedule.map((a: TimedAction) => a.kind));
    for (const kind of [
      "invite",
      "invite_opened",
      "connect",
      "retry",
      "finch_reauth",
      "finch_stuck_pending",
      "disconnect",
    ])
      expect(kinds, kind).toContain(kind);
    const connects = schedule.flatMap((a) => (a.kind === "connect" ? [a.connect] : []));
    const signIns = new Set(connects.map((c) => c.signIn));
    for (const signIn of ["assisted", "credential", "api_token", "oauth"])
      expect(signIns).toContain(signIn);
    const outcomes = new Set(connects.map((c) => c.outcome ?? "success"));
    for (const outcome of ["success", "no_account_setup", "wrong_permissions"])
      expect(outcomes).toContain(outcome);
    expect(connects.some((c) => c.lateDays)).toBe(true);
  });
});
