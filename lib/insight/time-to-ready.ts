import { median, percentile, total, type Tally } from "@/lib/insight/percentiles";

/** Finch's configuration period for assisted integrations: 1–2 weeks (integration-types.md). */
export const FINCH_PROMISE_DAYS = { from: 7, to: 14 } as const;

export type MeasuredFrom = "verified" | "connected";

/** One row of the stats table summed over the window: connections ready after `days` whole days. */
export interface ReadyDaysRow {
  providerId: string;
  measuredFrom: MeasuredFrom;
  days: number;
  count: number;
}

export interface ProviderTimeToReady {
  providerId: string;
  connections: number;
  medianDays: number;
  p90Days: number;
  /** From Finch's verification (assisted), from Connect (automated), or both kinds mixed. */
  measuredFrom: MeasuredFrom | "mixed";
  /** Connections ready in under 14 days, Finch's promise. */
  withinPromise: number;
}

/**
 * Median and p90 (nearest rank, whole days) of time to ready per provider, slowest p90 first
 * (ties: more connections first, then provider id), so the providers that break the promise lead.
 */
export function timeToReadyByProvider(rows: ReadyDaysRow[]): ProviderTimeToReady[] {
  const byProvider = new Map<string, ReadyDaysRow[]>();
  for (const row of rows) {
    if (row.count <= 0) continue;
    byProvider.set(row.providerId, [...(byProvider.get(row.providerId) ?? []), row]);
  }
  const result: ProviderTimeToReady[] = [];
  for (const [providerId, providerRows] of byProvider) {
    const tallies: Tally[] = providerRows.map((r) => ({ value: r.days, count: r.count }));
    const kinds = new Set(providerRows.map((r) => r.measuredFrom));
    result.push({
      providerId,
      connections: total(tallies),
      medianDays: median(tallies)!,
      p90Days: percentile(tallies, 90)!,
      measuredFrom: kinds.size === 1 ? [...kinds][0] : "mixed",
      withinPromise: providerRows
        .filter((r) => r.days < FINCH_PROMISE_DAYS.to)
        .reduce((sum, r) => sum + r.count, 0),
    });
  }
  return result.sort(
    (a, b) =>
      b.p90Days - a.p90Days ||
      b.connections - a.connections ||
      a.providerId.localeCompare(b.providerId),
  );
}

/** Everything in the window, all providers together (the headline figure). */
export function overallTimeToReady(rows: ReadyDaysRow[], measuredFrom: MeasuredFrom) {
  const tallies = rows
    .filter((r) => r.measuredFrom === measuredFrom && r.count > 0)
    .map((r) => ({ value: r.days, count: r.count }));
  return {
    connections: total(tallies),
    medianDays: median(tallies),
    p90Days: percentile(tallies, 90),
  };
}
