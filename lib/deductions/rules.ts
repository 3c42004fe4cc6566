/**
 * Deduction changes: the deadline each write is held to and how its status moves. Pure
 * functions of their inputs and a `now`, like the countdowns in lib/status.
 *
 * Finch's table: "Write deductions — automated 24 hours, assisted 2 business days". Business
 * days are Monday to Friday in Perch's time zone (lib/status/calendar.ts), so a change asked
 * for on Friday at 10:00 on an assisted connection is due on Tuesday at 10:00.
 */
import { addBusinessDays } from "@/lib/status/calendar";

export const DEDUCTION_CHANGE_KINDS = [
  "create_benefit",
  "register_benefit",
  "update_benefit",
  "enroll",
  "unenroll",
] as const;
export type DeductionChangeKind = (typeof DEDUCTION_CHANGE_KINDS)[number];

/** pending: sent, Finch has not started; in_progress: Finch is on it; complete / failed: ended. */
export const DEDUCTION_CHANGE_STATUSES = ["pending", "in_progress", "complete", "failed"] as const;
export type DeductionChangeStatus = (typeof DEDUCTION_CHANGE_STATUSES)[number];

/** What the lists filter on: a change's status, or `overdue` when an open change is past its deadline. */
export const DEDUCTION_CHANGE_FILTERS = ["pending", "overdue", "failed", "complete"] as const;
export type DeductionChangeFilter = (typeof DEDUCTION_CHANGE_FILTERS)[number];

/** A filter from a query string, or null for "all". */
export function parseChangeFilter(
  value: string | string[] | undefined,
): DeductionChangeFilter | null {
  const raw = Array.isArray(value) ? value[0] : value;
  return (DEDUCTION_CHANGE_FILTERS as readonly string[]).includes(raw ?? "")
    ? (raw as DeductionChangeFilter)
    : null;
}

export type ConfirmedBy = "job" | "webhook" | "read_back";

export type Verification = "matched" | "mismatch" | "not_readable";

const HOUR_MS = 3_600_000;
export const AUTOMATED_WRITE_HOURS = 24;
export const ASSISTED_WRITE_BUSINESS_DAYS = 2;

/** The instant a change is due: 24 hours after it was sent (automated), 2 business days (assisted). */
export function deductionDeadline(input: {
  requestedAt: Date;
  assisted: boolean;
  timeZone: string;
}): Date {
  const { requestedAt, assisted, timeZone } = input;
  return assisted
    ? addBusinessDays(requestedAt, ASSISTED_WRITE_BUSINESS_DAYS, timeZone)
    : new Date(requestedAt.getTime() + AUTOMATED_WRITE_HOURS * HOUR_MS);
}

export function isOpen(status: DeductionChangeStatus): boolean {
  return status === "pending" || status === "in_progress";
}

/** Open and past its deadline at `now` (a change exactly at its deadline is not yet overdue). */
export function isOverdue(
  change: { status: DeductionChangeStatus; deadlineAt: Date },
  now: Date,
): boolean {
  return isOpen(change.status) && now.getTime() > change.deadlineAt.getTime();
}

/** Maps a `/jobs/manual` status to ours; an unknown value leaves the change where it was. */
export function statusFromJob(
  jobStatus: string,
  current: DeductionChangeStatus,
): DeductionChangeStatus {
  switch (jobStatus) {
    case "pending":
      return current === "in_progress" ? "in_progress" : "pending";
    case "in_progress":
      return "in_progress";
    case "complete":
      return "complete";
    case "error":
      return "failed";
    default:
      return current;
  }
}

/** An ended change never reopens: a late or repeated job answer cannot move it back. */
export function nextStatus(
  current: DeductionChangeStatus,
  proposed: DeductionChangeStatus,
): DeductionChangeStatus {
  return isOpen(current) ? proposed : current;
}

/**
 * Whether the sweep should ask Finch about an open change now: every 15 minutes on automated
 * connections, hourly on assisted ones (Finch's team works in business hours), and at once
 * when it has never been asked or has just passed its deadline.
 */
export function jobCheckDue(
  change: {
    status: DeductionChangeStatus;
    assisted: boolean;
    lastCheckedAt: Date | null;
    deadlineAt: Date;
  },
  now: Date,
): boolean {
  if (!isOpen(change.status)) return false;
  if (!change.lastCheckedAt) return true;
  const since = now.getTime() - change.lastCheckedAt.getTime();
  if (change.lastCheckedAt < change.deadlineAt && now > change.deadlineAt) return true;
  return since >= (change.assisted ? HOUR_MS : 15 * 60_000);
}

export type DisplayState = "pending" | "in_progress" | "overdue" | "complete" | "failed";

export function displayState(
  change: { status: DeductionChangeStatus; deadlineAt: Date },
  now: Date,
): DisplayState {
  return isOverdue(change, now) ? "overdue" : change.status;
}

export const DISPLAY_STATE_LABELS: Record<DisplayState, string> = {
  pending: "Pending",
  in_progress: "In progress",
  overdue: "Overdue",
  complete: "Complete",
  failed: "Failed",
};

export const KIND_LABELS: Record<DeductionChangeKind, string> = {
  create_benefit: "Create benefit",
  register_benefit: "Register benefit",
  update_benefit: "Rename benefit",
  enroll: "Enroll / change contribution",
  unenroll: "Stop deduction",
};
