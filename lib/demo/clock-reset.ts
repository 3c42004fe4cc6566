import { formatDateTime } from "@/lib/status/relative-time";

/**
 * Whether the demo clock's Reset may go back to real time. Perch never unlearns what it
 * recorded: once the clock has run ahead, its events, readiness and issues carry those later
 * dates, and going back would show a portfolio that mixes two times (statuses rewound by the
 * next sweep, groups still ready from the future). So Reset only ever moves the clock forward
 * to real time (as after a portfolio built in the past); ahead of it, it explains how to start
 * over. Returns the message to show, or null when the reset may go ahead.
 */
export function demoClockResetProblem({
  demoNow,
  realNow,
  timeZone,
}: {
  demoNow: Date;
  realNow: Date;
  timeZone: string;
}): string | null {
  if (demoNow.getTime() <= realNow.getTime()) return null;
  // Short: it shows beside the clock in the header.
  return `Perch has recorded up to ${formatDateTime(demoNow, timeZone)} and cannot go back. To start over, delete .data/ and restart.`;
}
