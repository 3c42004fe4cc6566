/** Calendar helpers on UTC day numbers (days since 1970-01-01), which keep payroll maths cheap. */

const DAY_MS = 86_400_000;

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function parseDay(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) || formatDay(ms / DAY_MS) !== date ? null : ms / DAY_MS;
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function firstDayOfYear(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (day + 4) % 7;
}

/** The day `count` business days (Monday to Friday) after `day`; a negative count goes back. */
export function addBusinessDays(day: number, count: number): number {
  const step = count < 0 ? -1 : 1;
  let remaining = Math.abs(count);
  let current = day;
  while (remaining > 0) {
    current += step;
    const weekday = weekdayOf(current);
    if (weekday !== 0 && weekday !== 6) remaining -= 1;
  }
  return current;
}
