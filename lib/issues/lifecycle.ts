import type { Condition, IssueKind, IssueSeverity } from "@/lib/issues/kinds";

/**
 * An issue's life, decided from the conditions true at `now`: opened when a condition first
 * appears, updated while it lasts, resolved the moment it clears and reopened (same record,
 * a new episode) if it returns. Pure: the caller reads the records and writes the changes.
 */

export type IssueState = "open" | "resolved";

export interface IssueRecord {
  kind: IssueKind;
  state: IssueState;
  severity: IssueSeverity;
  /** Bumped on every reopen: notifications are keyed on it, once per episode. */
  episode: number;
  snoozedUntil: Date | null;
}

export type IssueChange =
  | { type: "open"; kind: IssueKind; condition: Condition }
  | { type: "reopen"; kind: IssueKind; condition: Condition; episode: number }
  | { type: "update"; kind: IssueKind; condition: Condition; escalated: boolean }
  | { type: "resolve"; kind: IssueKind };

export function planIssueChanges({
  conditions,
  issues,
}: {
  conditions: readonly Condition[];
  issues: readonly IssueRecord[];
}): IssueChange[] {
  const changes: IssueChange[] = [];
  const byKind = new Map(issues.map((issue) => [issue.kind, issue]));
  const present = new Set<IssueKind>();
  for (const condition of conditions) {
    present.add(condition.kind);
    const issue = byKind.get(condition.kind);
    if (!issue) {
      changes.push({ type: "open", kind: condition.kind, condition });
    } else if (issue.state === "resolved") {
      changes.push({
        type: "reopen",
        kind: condition.kind,
        condition,
        episode: issue.episode + 1,
      });
    } else {
      changes.push({
        type: "update",
        kind: condition.kind,
        condition,
        escalated: issue.severity === "warning" && condition.severity === "critical",
      });
    }
  }
  for (const issue of issues) {
    if (issue.state === "open" && !present.has(issue.kind)) {
      changes.push({ type: "resolve", kind: issue.kind });
    }
  }
  return changes;
}

/** What the work queue shows: a resolved issue is resolved, whatever else was set on it. */
export type IssueQueueState = "open" | "acknowledged" | "snoozed" | "resolved";

export const ISSUE_QUEUE_STATES: readonly IssueQueueState[] = [
  "open",
  "acknowledged",
  "snoozed",
  "resolved",
];

export function queueState(
  issue: { state: IssueState; acknowledgedAt: Date | null; snoozedUntil: Date | null },
  now: Date,
): IssueQueueState {
  if (issue.state === "resolved") return "resolved";
  if (issue.snoozedUntil && issue.snoozedUntil > now) return "snoozed";
  if (issue.acknowledgedAt) return "acknowledged";
  return "open";
}

/** Snoozed issues are not notified (nor counted as needing someone) until the date passes. */
export function isSnoozed(issue: { snoozedUntil: Date | null }, now: Date): boolean {
  return Boolean(issue.snoozedUntil && issue.snoozedUntil > now);
}

export const MAX_SNOOZE_DAYS = 90;

/** A snooze must end in the future and within MAX_SNOOZE_DAYS, with a reason. */
export function validateSnooze({
  until,
  reason,
  now,
}: {
  until: Date;
  reason: string;
  now: Date;
}): string | null {
  if (Number.isNaN(until.getTime())) return "Choose the date the snooze ends.";
  if (until <= now) return "The snooze must end in the future.";
  if (until.getTime() - now.getTime() > MAX_SNOOZE_DAYS * 86_400_000) {
    return `Snooze for at most ${MAX_SNOOZE_DAYS} days.`;
  }
  if (!reason.trim()) return "Say why the issue is snoozed.";
  return null;
}

/** Which lifecycle changes are worth a message: one per episode opened, escalation, resolution. */
export type IssueNotice = "opened" | "escalated" | "resolved";

export function noticeFor(change: IssueChange): IssueNotice | null {
  switch (change.type) {
    case "open":
    case "reopen":
      return "opened";
    case "update":
      return change.escalated ? "escalated" : null;
    case "resolve":
      return "resolved";
  }
}
