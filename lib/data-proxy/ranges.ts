import { calendarDay } from "@/lib/status/calendar";

/** The pay-run range a page shows when none is chosen: the last 90 days up to today. */
export const DEFAULT_PAY_RUN_DAYS = 90;

export function defaultPayRunRange(now: Date, timeZone: string): { from: string; to: string } {
  const to = calendarDay(now, timeZone);
  const start = new Date(`${to}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - DEFAULT_PAY_RUN_DAYS);
  return { from: start.toISOString().slice(0, 10), to };
}
