import { FINCH_IP_LIMIT, FINCH_PRODUCT_RATE_LIMITS } from "@/lib/finch/rate-limits";

/**
 * How the status sweep keeps under Finch's rate limits. Finch counts every request from one IP
 * address (1000 per 5 minutes, then a 60-minute penalty), introspection included, and each data
 * product per minute for the whole application. The sweep takes a slot before each call: its
 * own IP budget (PERCH_FINCH_IP_BUDGET per 5 minutes, below Finch's 1000 so people's reads keep
 * room) and, for readiness probes, half of each product's per-minute allowance. A 429 blocks the
 * allowance it hit for Finch's Retry-After. Pure: every method takes the time.
 */
export class RollingAllowance {
  private times: number[] = [];
  private blockedUntil = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Milliseconds until a slot is free at `nowMs`; 0 when one is free now. */
  waitMs(nowMs: number): number {
    if (this.blockedUntil > nowMs) return this.blockedUntil - nowMs;
    this.times = this.times.filter((at) => at > nowMs - this.windowMs && at <= nowMs);
    if (this.times.length < this.limit) return 0;
    return this.times[0] + this.windowMs - nowMs;
  }

  /** Takes a slot if one is free now. */
  tryTake(nowMs: number): boolean {
    if (this.waitMs(nowMs) > 0) return false;
    this.times.push(nowMs);
    return true;
  }

  /** Finch said to wait: no slot until then. */
  blockFor(nowMs: number, ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, nowMs + ms);
  }
}

/** Share of each product's documented per-minute allowance the sweep's probes may use. */
export const PROBE_SHARE = 0.5;

export interface SweepPacing {
  ip: RollingAllowance;
  product(product: string): RollingAllowance | null;
}

export function createSweepPacing(ipBudget: number): SweepPacing {
  const products = new Map<string, RollingAllowance>();
  return {
    ip: new RollingAllowance(ipBudget, FINCH_IP_LIMIT.windowMs),
    product(product) {
      const limit = FINCH_PRODUCT_RATE_LIMITS[product];
      if (limit === undefined) return null;
      let allowance = products.get(product);
      if (!allowance) {
        allowance = new RollingAllowance(Math.max(1, Math.floor(limit * PROBE_SHARE)), 60_000);
        products.set(product, allowance);
      }
      return allowance;
    },
  };
}

const globalForPacing = globalThis as unknown as {
  perchSweepPacing?: { budget: number; pacing: SweepPacing };
};

/** One pacing per process, shared by every sweep it runs; null when the budget is off. */
export function sweepPacing(ipBudget: number | null): SweepPacing | null {
  if (ipBudget === null) return null;
  if (globalForPacing.perchSweepPacing?.budget !== ipBudget) {
    globalForPacing.perchSweepPacing = { budget: ipBudget, pacing: createSweepPacing(ipBudget) };
  }
  return globalForPacing.perchSweepPacing.pacing;
}

/** Forgets what this process's sweeps have spent (tests start each case afresh). */
export function resetSweepPacing(): void {
  globalForPacing.perchSweepPacing = undefined;
}
