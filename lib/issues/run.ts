import "server-only";
import { appNow } from "@/lib/clock";
import { evaluateIssues, type IssueEvaluationReport } from "@/lib/issues/evaluate";
import { sendDailyDigest } from "@/lib/issues/digest";
import { sendDueReminders } from "@/lib/issues/follow-up";
import { deliverDue, type DeliveryReport } from "@/lib/notifications/deliver";
import { forwardEvents } from "@/lib/notifications/event-webhooks";

/**
 * How long one run spends re-deciding issues before handing the rest to the next run (about
 * 10 ms per flagged employer was measured on two busy cores; the cron route may run 60 s).
 */
const EVALUATION_BUDGET_MS = 15_000;

export interface FollowUpReport {
  issues: IssueEvaluationReport | null;
  reminders: number | null;
  deliveries: DeliveryReport | null;
}

/**
 * The step after each status sweep (scheduler loop and cron route): bring issues and
 * incidents up to date, send due employer reminders, then deliver the outbox. Each part fails
 * alone — a broken SMTP server never stops issues from being tracked — and nothing here throws.
 */
export async function runFollowUp(
  options: { employerIds?: string[] } = {},
): Promise<FollowUpReport> {
  const report: FollowUpReport = { issues: null, reminders: null, deliveries: null };
  let now: Date;
  try {
    now = await appNow();
  } catch (error) {
    console.error("[perch] follow-up could not read the clock:", error);
    return report;
  }
  try {
    report.issues = await evaluateIssues({
      now,
      employerIds: options.employerIds,
      budgetMs: EVALUATION_BUDGET_MS,
    });
  } catch (error) {
    console.error("[perch] evaluating issues failed; the next run will retry.", error);
  }
  if (!options.employerIds) {
    try {
      report.reminders = (await sendDueReminders({ now })).enqueued;
    } catch (error) {
      console.error("[perch] employer reminders failed; the next run will retry.", error);
    }
    try {
      await sendDailyDigest({ now });
    } catch (error) {
      console.error("[perch] the daily digest failed; the next run will retry.", error);
    }
  }
  try {
    await forwardEvents();
  } catch (error) {
    console.error(
      "[perch] forwarding events to the webhook failed; the next run will retry.",
      error,
    );
  }
  try {
    report.deliveries = await deliverDue();
  } catch (error) {
    console.error("[perch] delivering notifications failed; the next run will retry.", error);
  }
  return report;
}

/**
 * After a webhook or a staff action changed one employer's status: re-decide its issues now
 * (messages go out with the next run's delivery). Never throws; the next sweep catches up.
 */
export async function noteIssuesFor({ employerId, now }: { employerId: string; now: Date }) {
  try {
    await evaluateIssues({ now, employerIds: [employerId] });
  } catch (error) {
    console.error(
      `[perch] evaluating issues of ${employerId} failed; the next run will retry.`,
      error,
    );
  }
}
