/** How many observations took each value: a histogram, as the stats tables store them. */
export interface Tally {
  value: number;
  count: number;
}

/** Folds a list of observations into tallies (for tests and small inputs). */
export function tally(values: number[]): Tally[] {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }));
}

/**
 * The nearest-rank percentile: the smallest observed value v such that at least ⌈p/100 × N⌉ of
 * the N observations are ≤ v. Always an observed value (never interpolated), so "p90 = 12 days"
 * means 90 % took 12 days or fewer. p in (0, 100]; null when there are no observations.
 */
export function percentile(tallies: Tally[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = tallies.filter((t) => t.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, t) => sum + t.count, 0);
  if (total === 0) return null;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const t of sorted) {
    seen += t.count;
    if (seen >= rank) return t.value;
  }
  return sorted[sorted.length - 1].value;
}

/** The nearest-rank median (the lower middle value when N is even). */
export function median(tallies: Tally[]): number | null {
  return percentile(tallies, 50);
}

export function total(tallies: Tally[]): number {
  return tallies.reduce((sum, t) => sum + t.count, 0);
}
