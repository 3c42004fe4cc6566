import { describe, expect, it } from "vitest";
import { createSweepPacing, RollingAllowance } from "@/lib/monitoring/sweep-pacing";

describe("the sweep's rolling allowance", () => {
  it("gives `limit` slots per window and frees each one a window after it was taken", () => {
    const allowance = new RollingAllowance(3, 60_000);
    expect(allowance.tryTake(0)).toBe(true);
    expect(allowance.tryTake(10_000)).toBe(true);
    expect(allowance.tryTake(20_000)).toBe(true);
    expect(allowance.tryTake(30_000)).toBe(false);
    // The slot taken at 0 frees at 60 s, not when a fixed minute ends.
    expect(allowance.waitMs(30_000)).toBe(30_000);
    expect(allowance.tryTake(60_000)).toBe(true);
    expect(allowance.waitMs(60_000)).toBe(10_000);
  });

  it("holds every slot while Finch's retry-after runs", () => {
    const allowance = new RollingAllowance(10, 60_000);
    allowance.blockFor(1_000, 3_600_000);
    expect(allowance.waitMs(2_000)).toBe(3_599_000);
    expect(allowance.tryTake(3_600_999)).toBe(false);
    expect(allowance.tryTake(3_601_000)).toBe(true);
  });
});

describe("the sweep's pacing", () => {
  it("spends its IP budget per 5 minutes and half of each probed product's documented allowance", () => {
    const pacing = createSweepPacing(600);
    expect(pacing.ip.limit).toBe(600);
    expect(pacing.ip.windowMs).toBe(300_000);
    expect(pacing.product("company")?.limit).toBe(10);
    expect(pacing.product("directory")?.limit).toBe(10);
    expect(pacing.product("payment")?.limit).toBe(6);
    // Benefits has no documented per-product limit.
    expect(pacing.product("benefits")).toBeNull();
    // One allowance per product, shared by every probe.
    expect(pacing.product("company")).toBe(pacing.product("company"));
  });
});
