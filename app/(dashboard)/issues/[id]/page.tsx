import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IssueStateBadge, SeverityBadge } from "@/components/issues/issue-badges";
import { IssueTriage } from "@/components/issues/issue-triage";
import { RelativeTime } from "@/components/monitoring/relative-time";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getIssueById, listIssueNotes } from "@/db/queries/issues";
import { listOutbox } from "@/db/queries/notifications";
import { listUsers } from "@/db/queries/users";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { ISSUE_KIND_LABELS, isIssueKind, issueEmployerPath } from "@/lib/issues/kinds";
import { queueState } from "@/lib/issues/lifecycle";
import { formatDate, formatDateTime } from "@/lib/status/relative-time";
import { hasRole, requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Issue" };

const UUID = /^[0-9a-f-]{36}$/i;

export default async function IssuePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser("viewer", `/issues/${id}`);
  if (!UUID.test(id)) notFound();
  const issue = await getIssueById({ id });
  if (!issue) notFound();
  const [notes, people, messages, now] = await Promise.all([
    listIssueNotes({ issueId: id }),
    listUsers(),
    listOutbox({ filter: { issueId: id }, limit: 20 }),
    appNow(),
  ]);
  const { timeZone } = env();
  const state = queueState(issue, now);
  const label = isIssueKind(issue.kind) ? ISSUE_KIND_LABELS[issue.kind] : issue.kind;
  const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);

  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        breadcrumb={<Link href="/issues">Issues</Link>}
        title={`${label}: ${issue.employerName}`}
        description={issue.title}
        actions={
          <>
            <SeverityBadge severity={issue.severity} />
            <IssueStateBadge state={state} />
          </>
        }
      />
      <Card className="px-5 py-4 text-sm">
        <p className="font-medium text-slate-900">What to do next</p>
        <p className="mt-1 text-slate-700">{issue.detail}</p>
        <p className="mt-3">
          <Link
            className="text-brand-700 underline"
            href={issueEmployerPath(issue.employerId, issue.kind)}
          >
            Open {issue.employerName}
          </Link>
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-3 text-slate-600 sm:grid-cols-4">
          <div>
            <dt className="text-xs text-slate-500">First seen</dt>
            <dd>{formatDateTime(issue.firstSeenAt, timeZone)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Last seen</dt>
            <dd>
              <RelativeTime at={issue.lastSeenAt} now={now} timeZone={timeZone} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Times opened</dt>
            <dd>{issue.episode}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Owner</dt>
            <dd data-testid="issue-owner">{issue.ownerName ?? issue.ownerEmail ?? "Unassigned"}</dd>
          </div>
        </dl>
        {state === "snoozed" && issue.snoozedUntil ? (
          <p className="mt-3 text-slate-600" data-testid="snooze-note">
            Snoozed until {formatDate(issue.snoozedUntil, timeZone)}: {issue.snoozeReason}
          </p>
        ) : null}
      </Card>

      {hasRole(user, "operator") ? (
        <Card className="px-5 py-4">
          <IssueTriage
            issue={{
              id: issue.id,
              resolved: issue.state === "resolved",
              acknowledged: Boolean(issue.acknowledgedAt),
              snoozed: state === "snoozed",
              ownerUserId: issue.ownerUserId,
            }}
            people={people
              .filter((p) => p.active)
              .map((p) => ({ id: p.id, label: p.name ? `${p.name} (${p.email})` : p.email }))}
            minSnoozeDate={tomorrow}
          />
        </Card>
      ) : null}

      <Card className="px-5 py-4 text-sm">
        <h2 className="font-medium text-slate-900">Notes</h2>
        {notes.length === 0 ? <p className="mt-2 text-slate-500">No notes yet.</p> : null}
        <ul className="mt-2 space-y-3">
          {notes.map((note) => (
            <li key={note.id}>
              <p className="text-xs text-slate-500">
                {note.authorLabel} · {formatDateTime(note.createdAt, timeZone)}
              </p>
              <p className="whitespace-pre-wrap text-slate-800">{note.body}</p>
            </li>
          ))}
        </ul>
      </Card>

      <Card className="px-5 py-4 text-sm">
        <h2 className="font-medium text-slate-900">Messages about this issue</h2>
        {messages.length === 0 ? (
          <p className="mt-2 text-slate-500">
            None: no channel is routed for this kind, or it is snoozed.
          </p>
        ) : (
          <ul className="mt-2 space-y-1">
            {messages.map((m) => (
              <li key={m.id}>
                {m.channel} · {m.topic} · {m.status} · {formatDateTime(m.createdAt, timeZone)}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
