/** A deduction change as the data API and the pages show it (no secrets, plain JSON). */
import type { DeductionChange } from "@/db/schema";
import {
  ASSISTED_WRITE_BUSINESS_DAYS,
  AUTOMATED_WRITE_HOURS,
  displayState,
  type DeductionChangeStatus,
} from "@/lib/deductions/rules";

export function deadlineRule(assisted: boolean): string {
  return assisted
    ? `${ASSISTED_WRITE_BUSINESS_DAYS} business days (assisted connection)`
    : `${AUTOMATED_WRITE_HOURS} hours (automated connection)`;
}

export function changeView(change: DeductionChange, now: Date) {
  return {
    id: change.id,
    employer_id: change.employerId,
    kind: change.kind,
    benefit_id: change.benefitId,
    summary: change.summary,
    request: change.request,
    status: change.status,
    /** The status, or "overdue" while open past its deadline. */
    state: displayState(
      { status: change.status as DeductionChangeStatus, deadlineAt: change.deadlineAt },
      now,
    ),
    requested_at: change.requestedAt.toISOString(),
    requested_by: change.requestedByLabel,
    deadline_at: change.deadlineAt.toISOString(),
    deadline_rule: deadlineRule(change.assisted),
    finch_job_id: change.finchJobId,
    completed_at: change.completedAt?.toISOString() ?? null,
    confirmed_by: change.confirmedBy,
    error: change.error,
    verification: change.verification,
    verification_detail: change.verificationDetail,
  };
}

export type DeductionChangeView = ReturnType<typeof changeView>;
