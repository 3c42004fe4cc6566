import Link from "next/link";
import { IssueStateBadge, SeverityBadge } from "@/components/issues/issue-badges";
import {
  EmployerOwnerSelect,
  ReauthLinkButton,
} from "@/components/issues/employer-follow-up-controls";
import { Card, CardHeader } from "@/components/ui/card";
import type { Connection, Employer } from "@/db/schema";
import { countIssues, getEmployerOwner, listIssues } from "@/db/queries/issues";
import { listUsers } from "@/db/queries/users";
import { ISSUE_KIND_LABELS, isIssueKind } from "@/lib/issues/kinds";
import { queueState } from "@/lib/issues/lifecycle";
import { hasRole, type SessionUser } from "@/lib/session";

export interface EmployerFollowUpProps {
  employer: Employer;
  connection: Connection | null;
  user: SessionUser;
  now: Date;
}

/** The employer's owner, its unresolved issues, and the re-authentication link when needed. */
export async function EmployerFollowUp({ employer, connection, user, now }: EmployerFollowUpProps) {
  const canAct = hasRole(user, "operator");
  const filter = { employerId: employer.id };
  const [owner, issues, total, people] = await Promise.all([
    getEmployerOwner({ employerId: employer.id }),
    listIssues({ filter, now, pageSize: 10, unresolvedOnly: true }),
    countIssues({ filter, now, unresolvedOnly: true }),
    canAct ? listUsers() : Promise.resolve([]),
  ]);
  const needsReauth =
    connection && connection.status === "reauth" && !connection.disconnectedAt ? connection : null;
  return (
    <Card>
      <CardHeader
        title="Follow-up"
        description="Who owns this employer, what is open, and what Perch sends the employer."
        actions={
          canAct && needsReauth && !employer.archivedAt ? (
            <ReauthLinkButton
              employerId={employer.id}
              connectionId={needsReauth.id}
              contactEmail={employer.contactEmail}
            />
          ) : null
        }
      />
      <div className="space-y-4 px-5 py-4 text-sm">
        {canAct ? (
          <EmployerOwnerSelect
            employerId={employer.id}
            ownerUserId={owner?.userId ?? null}
            people={people
              .filter((p) => p.active)
              .map((p) => ({ id: p.id, label: p.name ? `${p.name} (${p.email})` : p.email }))}
          />
        ) : (
          <p>
            Owner:{" "}
            <span data-testid="employer-owner">{owner ? (owner.name ?? owner.email) : "none"}</span>
          </p>
        )}
        {issues.length === 0 ? (
          <p className="text-slate-500">No unresolved issues.</p>
        ) : (
          <ul className="space-y-2" aria-label="Unresolved issues">
            {issues.map((issue) => (
              <li key={issue.id} className="flex flex-wrap items-center gap-2">
                <SeverityBadge severity={issue.severity} />
                <IssueStateBadge state={queueState(issue, now)} />
                <Link
                  href={`/issues/${issue.id}`}
                  className="font-medium text-slate-900 hover:underline"
                >
                  {isIssueKind(issue.kind) ? ISSUE_KIND_LABELS[issue.kind] : issue.kind}
                </Link>
                <span className="text-slate-500">{issue.title}</span>
              </li>
            ))}
          </ul>
        )}
        {total > issues.length ? (
          <Link href={`/issues?state=all`} className="text-brand-700 underline">
            All {total} issues
          </Link>
        ) : null}
      </div>
    </Card>
  );
}
