import { isOverdue, type DeductionChangeStatus } from "@/lib/deductions/rules";
import type { Condition } from "@/lib/issues/kinds";

/**
 * Deduction write-back as issues: one `write_back_failed` while any of the connection's changes
 * has failed, one `write_back_overdue` while any is still open past its deadline (the rule in
 * lib/deductions/rules.ts, at `now`). An overdue issue resolves the moment its last late change
 * completes or fails; a failed change stays an issue, since nothing reaches the payroll until
 * someone resends it.
 */

export interface WriteBackChangeInput {
  status: string;
  summary: string;
  requestedAt: Date;
  deadlineAt: Date;
  completedAt: Date | null;
  error: string | null;
}

/** A change this late is critical: payroll may have run without it. */
export const WRITE_BACK_CRITICAL_LATE_MS = 24 * 3_600_000;

function changes(n: number): string {
  return n === 1 ? "1 deduction change" : `${n} deduction changes`;
}

export function writeBackConditions({
  changes: rows,
  now,
}: {
  changes: readonly WriteBackChangeInput[];
  now: Date;
}): Condition[] {
  const failed = rows.filter((c) => c.status === "failed");
  const overdue = rows.filter((c) =>
    isOverdue({ status: c.status as DeductionChangeStatus, deadlineAt: c.deadlineAt }, now),
  );
  const conditions: Condition[] = [];
  if (failed.length) {
    const latest = failed.reduce((a, b) =>
      (b.completedAt ?? b.requestedAt) > (a.completedAt ?? a.requestedAt) ? b : a,
    );
    const reason = latest.error ? ` (${latest.error.replace(/\.$/, "")})` : "";
    conditions.push({
      kind: "write_back_failed",
      severity: "critical",
      title: `${changes(failed.length)} failed at Finch`,
      detail:
        `Nothing was written to payroll for ${failed.length === 1 ? "it" : "them"}; ` +
        `latest: “${latest.summary}”${reason}. Check the change on the employer's Deductions ` +
        "tab, fix what Finch refused, and resend it.",
      since: failed.map((c) => c.completedAt ?? c.requestedAt).reduce((a, b) => (b < a ? b : a)),
    });
  }
  if (overdue.length) {
    // Oldest deadline first: the change that has waited longest is the one to chase.
    const oldest = overdue.reduce((a, b) => (b.deadlineAt < a.deadlineAt ? b : a));
    const lateMs = now.getTime() - oldest.deadlineAt.getTime();
    conditions.push({
      kind: "write_back_overdue",
      severity: lateMs > WRITE_BACK_CRITICAL_LATE_MS ? "critical" : "warning",
      title: `${changes(overdue.length)} overdue at Finch`,
      detail:
        `Finch has not confirmed ${overdue.length === 1 ? "it" : "them"} by the deadline; ` +
        `oldest: “${oldest.summary}”. Check its job on the employer's Deductions tab and ` +
        "contact Finch support with the job id before the next payroll run.",
      since: oldest.deadlineAt,
    });
  }
  return conditions;
}
