/** A Connect session's state as the employer page shows it. */
export interface SessionStateLabel {
  label: string;
  /** True when the session ended without an outcome (expired or abandoned). */
  lapsed: boolean;
}

/** A session opened but never finished within a day was left: nobody comes back to it. */
export const ABANDONED_AFTER_MS = 24 * 3_600_000;

const FINISHED: Record<string, string> = {
  closed: "Closed early",
  failed: "Failed",
  completed: "Completed",
};

/**
 * "Created" and "Opened" only while the session can still finish: past its expiry it is
 * "Expired", and a day after it started with no outcome it is "Abandoned" (measured against the
 * app clock, so the demo clock moves it too).
 */
export function connectSessionState(
  session: { status: string; createdAt: Date; expiresAt: Date },
  now: Date,
): SessionStateLabel {
  const finished = FINISHED[session.status];
  if (finished) return { label: finished, lapsed: false };
  if (now.getTime() >= session.expiresAt.getTime()) return { label: "Expired", lapsed: true };
  if (now.getTime() - session.createdAt.getTime() >= ABANDONED_AFTER_MS)
    return { label: "Abandoned", lapsed: true };
  if (session.status === "opened") return { label: "Opened", lapsed: false };
  if (session.status === "created") return { label: "Created", lapsed: false };
  return { label: session.status, lapsed: false };
}
