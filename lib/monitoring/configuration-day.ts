import { connectionCountdowns, type GroupCountdown } from "@/lib/status/countdown";
import type { ProductGroup } from "@/lib/status/products";

export interface ConfigurationDayInput {
  assisted: boolean;
  products: readonly string[];
  verifiedAt: Date | null;
  readyAtByGroup: Partial<Record<string, Date | null>>;
  now: Date;
  timeZone: string;
}

/**
 * The employer list's "configuration day" for one connection: the group that lands last among
 * those not ready decides ("day 5 of 14", "overdue by 2 days"); null when no period applies.
 * Every group shares the day number (lib/status/countdown.ts), so only the total differs.
 */
export function configurationDay(input: ConfigurationDayInput): string | null {
  // Automated connections have no period: nothing to count (the list asks for every row).
  if (!input.assisted) return null;
  const countdowns = connectionCountdowns({
    ...input,
    readyAtByGroup: input.readyAtByGroup as Partial<Record<ProductGroup, Date | null>>,
  });
  if (!countdowns.length) return null;
  const open = countdowns.filter((c) => c.phase !== "ready");
  if (!open.length) return "ready";
  if (open.some((c) => c.phase === "waiting_for_permissions")) return "waiting for permissions";
  const last = open.reduce((a: GroupCountdown, b: GroupCountdown) =>
    (b.expectedReadyAt?.getTime() ?? 0) > (a.expectedReadyAt?.getTime() ?? 0) ? b : a,
  );
  if (last.phase === "overdue") {
    return `overdue by ${last.overdueDays} day${last.overdueDays === 1 ? "" : "s"}`;
  }
  return `day ${last.day} of ${last.totalDays}`;
}
