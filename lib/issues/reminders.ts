/**
 * Reminders to the employer's contact while Perch is waiting on them. Pure: whether a reminder
 * is due, and which one, from when the wait began and how many were already sent.
 */

export const DEFAULT_REMINDER_DAYS: readonly number[] = [2, 5, 9];
const DAY_MS = 86_400_000;

/** Statuses in which only the employer can move things forward. */
export const EMPLOYER_WAIT_STATUSES = ["error_no_account_setup", "error_permissions", "reauth"];

export type WaitReason = "invite_unused" | "no_account_setup" | "permissions" | "reauth";

export interface EmployerWaitInput {
  /** The current connection's status, or null when the employer never connected. */
  status: string | null;
  statusChangedAt: Date | null;
  /** The newest live (unrevoked, unused) invite's creation time, if any. */
  openInviteCreatedAt: Date | null;
  contactEmail: string | null;
}

export interface EmployerWait {
  reason: WaitReason;
  since: Date;
}

/** What the employer must do now, if anything; null when nothing is waiting on them. */
export function employerWait(input: EmployerWaitInput): EmployerWait | null {
  const { status, statusChangedAt } = input;
  if (status && statusChangedAt) {
    if (status === "error_no_account_setup") {
      return { reason: "no_account_setup", since: statusChangedAt };
    }
    if (status === "error_permissions") return { reason: "permissions", since: statusChangedAt };
    if (status === "reauth") return { reason: "reauth", since: statusChangedAt };
    return null;
  }
  if (!status && input.openInviteCreatedAt) {
    return { reason: "invite_unused", since: input.openInviteCreatedAt };
  }
  return null;
}

/**
 * The 0-based number of the reminder due at `now`, or null. Reminders go out once each, the
 * n-th after `days[n]` days of waiting; a late run sends only the latest one due, never a burst.
 */
export function dueReminder({
  since,
  lastSent,
  now,
  days = DEFAULT_REMINDER_DAYS,
}: {
  since: Date;
  /** The number of the latest reminder already sent in this wait, or null. */
  lastSent: number | null;
  now: Date;
  days?: readonly number[];
}): number | null {
  const elapsed = now.getTime() - since.getTime();
  let due: number | null = null;
  for (let n = 0; n < days.length; n += 1) {
    if (elapsed >= days[n] * DAY_MS) due = n;
  }
  if (due === null || (lastSent !== null && due <= lastSent)) return null;
  return due;
}

/** Parses "2, 5, 9" into ascending whole days (1–60), at most five reminders. */
export function parseReminderDays(text: string): number[] | null {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > 5) return null;
  const days = parts.map(Number);
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 60)) return null;
  for (let i = 1; i < days.length; i += 1) if (days[i] <= days[i - 1]) return null;
  return days;
}
