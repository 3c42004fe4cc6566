const DAY_MS = 86_400_000;

export const FUNNEL_STAGES = ["invited", "connected", "verified", "ready"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = {
  invited: "Invited",
  connected: "Connect completed",
  verified: "Permissions verified",
  ready: "Ready",
};

/** The Monday (UTC) starting the week that holds `at`, as YYYY-MM-DD: the stats tables' weeks. */
export function weekStart(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** The `count` weeks ending with the one holding `now`, oldest first. */
export function insightWeeks(now: Date, count: number): string[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`weeks must be ≥ 1, got ${count}`);
  const current = new Date(`${weekStart(now)}T00:00:00Z`).getTime();
  return Array.from({ length: count }, (_, i) =>
    new Date(current - (count - 1 - i) * 7 * DAY_MS).toISOString().slice(0, 10),
  );
}

export interface StageWeekRow {
  stage: FunnelStage;
  week: string;
  count: number;
}

export interface FunnelWeek {
  week: string;
  counts: Record<FunnelStage, number>;
}

/** One entry per week of `weeks` (zeros where nothing happened); rows outside them are ignored. */
export function funnelByWeek(rows: StageWeekRow[], weeks: string[]): FunnelWeek[] {
  const byWeek = new Map(
    weeks.map((week) => [
      week,
      Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0])) as Record<FunnelStage, number>,
    ]),
  );
  for (const row of rows) {
    const counts = byWeek.get(row.week);
    if (counts && row.stage in counts) counts[row.stage] += row.count;
  }
  return weeks.map((week) => ({ week, counts: byWeek.get(week)! }));
}

/** Totals per stage over the weeks. */
export function funnelTotals(weeks: FunnelWeek[]): Record<FunnelStage, number> {
  const totals = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0])) as Record<
    FunnelStage,
    number
  >;
  for (const week of weeks) for (const stage of FUNNEL_STAGES) totals[stage] += week.counts[stage];
  return totals;
}
