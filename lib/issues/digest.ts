import "server-only";
import { countIssuesByQueueState, listIssues } from "@/db/queries/issues";
import { enqueueDeliveries } from "@/db/queries/notifications";
import { env } from "@/lib/env";
import { ISSUE_KIND_LABELS, isIssueKind } from "@/lib/issues/kinds";
import { getNotificationSettings } from "@/lib/notifications/store";
import { calendarDay } from "@/lib/status/calendar";

const LISTED = 25;

/**
 * The daily digest: once per local day (its delivery key is the date), an e-mail to the owner
 * address listing unresolved issues, the critical ones first. Nothing is sent on a day with none.
 */
export async function sendDailyDigest({ now }: { now: Date }): Promise<boolean> {
  const settings = await getNotificationSettings();
  if (!settings.dailyDigest || !settings.ownerEmail) return false;
  const counts = await countIssuesByQueueState({ now });
  const unresolved = counts.open + counts.acknowledged + counts.snoozed;
  if (unresolved === 0) return false;
  const { timeZone, publicUrl } = env();
  const day = calendarDay(now, timeZone);
  const top = await listIssues({ filter: {}, now, pageSize: LISTED, unresolvedOnly: true });
  const lines = top.map((issue) => {
    const label = isIssueKind(issue.kind) ? ISSUE_KIND_LABELS[issue.kind] : issue.kind;
    return `- [${issue.severity}] ${label}: ${issue.employerName} — ${publicUrl}/issues/${issue.id}`;
  });
  const more = unresolved > top.length ? `\n…and ${unresolved - top.length} more.` : "";
  const rows = await enqueueDeliveries([
    {
      deliveryKey: `digest:${day}`,
      thread: "digest",
      channel: "email",
      topic: "digest",
      recipient: settings.ownerEmail,
      subject: `Perch daily digest ${day}: ${unresolved} unresolved issue${unresolved === 1 ? "" : "s"}`,
      body: [
        `Open: ${counts.open} · acknowledged: ${counts.acknowledged} · snoozed: ${counts.snoozed} · critical: ${counts.critical}`,
        lines.join("\n") + more,
        `The work queue: ${publicUrl}/issues`,
      ].join("\n\n"),
      link: `${publicUrl}/issues`,
      payload: { day, counts },
      createdAt: now,
    },
  ]);
  return rows.length > 0;
}
