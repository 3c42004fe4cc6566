import type { Metadata } from "next";
import Link from "next/link";
import {
  IssueStateBadge,
  QUEUE_STATE_LABELS,
  SeverityBadge,
} from "@/components/issues/issue-badges";
import { RelativeTime } from "@/components/monitoring/relative-time";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { FilterBar } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import {
  countIssues,
  listIncidents,
  listIssueProviders,
  listIssues,
  type IssueFilter,
} from "@/db/queries/issues";
import { listUsers } from "@/db/queries/users";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { ISSUE_KIND_LABELS, ISSUE_KINDS, isIssueKind } from "@/lib/issues/kinds";
import { ISSUE_QUEUE_STATES, queueState, type IssueQueueState } from "@/lib/issues/lifecycle";
import { requirePageUser } from "@/lib/session";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";

export const metadata: Metadata = { title: "Issues" };

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f-]{36}$/i;

function param(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() || undefined;
}

/** Unknown filter values are ignored rather than failing the page. */
function parseFilter(params: Record<string, string | string[] | undefined>): IssueFilter {
  const kind = param(params.kind);
  const owner = param(params.owner);
  const state = param(params.state) ?? "unresolved";
  const provider = param(params.provider);
  return {
    kind: kind && isIssueKind(kind) ? kind : undefined,
    owner: owner === "none" || (owner && UUID.test(owner)) ? owner : undefined,
    state: (ISSUE_QUEUE_STATES as readonly string[]).includes(state)
      ? (state as IssueQueueState)
      : undefined,
    providerId: provider && /^[a-z0-9_]{1,64}$/.test(provider) ? provider : undefined,
  };
}

export default async function IssuesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer", "/issues");
  const params = await searchParams;
  const filter = parseFilter(params);
  const unresolvedOnly = !filter.state && param(params.state) !== "all";
  const page = Math.max(1, Number(param(params.page)) || 1);
  const now = await appNow();
  const [rows, total, people, providers, incidents] = await Promise.all([
    listIssues({ filter, now, page, pageSize: PAGE_SIZE, unresolvedOnly }),
    countIssues({ filter, now, unresolvedOnly }),
    listUsers(),
    listIssueProviders(),
    listIncidents({ limit: 5 }),
  ]);
  const { timeZone } = env();
  const openIncidents = incidents.filter((i) => i.state === "open");
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const key of ["kind", "owner", "state", "provider"]) {
      const value = param(params[key]);
      if (value) q.set(key, value);
    }
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `/issues?${q}`;
  };

  return (
    <>
      <PageHeader
        title="Issues"
        description="The work queue: every condition that needs someone, with its owner and state. Issues resolve themselves when the condition clears."
      />
      {openIncidents.map((incident) => (
        <Card
          key={incident.id}
          className="mb-4 border-l-4 border-red-500 px-5 py-3 text-sm"
          role="status"
        >
          <strong>Provider incident:</strong> {incident.connections} {incident.providerId}{" "}
          connections are failing since{" "}
          <RelativeTime at={incident.openedAt} now={now} timeZone={timeZone} />.{" "}
          <Link
            className="text-brand-700 underline"
            href={`/issues?provider=${incident.providerId}&state=all`}
          >
            Show them
          </Link>
        </Card>
      ))}
      <Card>
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-5 py-4">
          <FilterBar action="/issues" label="Filter issues">
            <div className="w-52">
              <Select name="kind" aria-label="Kind" defaultValue={filter.kind ?? ""}>
                <option value="">Any kind</option>
                {ISSUE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {ISSUE_KIND_LABELS[kind]}
                  </option>
                ))}
              </Select>
            </div>
            <div className="w-52">
              <Select name="owner" aria-label="Owner" defaultValue={filter.owner ?? ""}>
                <option value="">Any owner</option>
                <option value="none">Unassigned</option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name ?? person.email}
                  </option>
                ))}
              </Select>
            </div>
            <div className="w-44">
              <Select
                name="state"
                aria-label="State"
                defaultValue={filter.state ?? (unresolvedOnly ? "" : "all")}
              >
                <option value="">Not resolved</option>
                {ISSUE_QUEUE_STATES.map((state) => (
                  <option key={state} value={state}>
                    {QUEUE_STATE_LABELS[state]}
                  </option>
                ))}
                <option value="all">All</option>
              </Select>
            </div>
            <div className="w-48">
              <Select name="provider" aria-label="Provider" defaultValue={filter.providerId ?? ""}>
                <option value="">Any provider</option>
                {providers.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </Select>
            </div>
          </FilterBar>
          <p className="ml-auto text-sm text-slate-500" data-testid="issue-count">
            {total.toLocaleString("en-US")} issue{total === 1 ? "" : "s"}
          </p>
        </div>
        {rows.length === 0 ? (
          <EmptyState
            title="No issues here"
            description="Nothing matches these filters. Perch opens an issue the moment a connection needs someone."
          />
        ) : (
          <Table caption="Issues">
            <TableHead>
              <TableRow>
                <TableHeader>Issue</TableHeader>
                <TableHeader>Employer</TableHeader>
                <TableHeader>State</TableHeader>
                <TableHeader>Owner</TableHeader>
                <TableHeader>Opened</TableHeader>
                <TableHeader>Last seen</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((issue) => (
                <TableRow key={issue.id}>
                  <TableCell>
                    <div className="flex items-center gap-2">
                      <SeverityBadge severity={issue.severity} />
                      <Link
                        href={`/issues/${issue.id}`}
                        className="font-medium text-slate-900 hover:underline"
                      >
                        {isIssueKind(issue.kind) ? ISSUE_KIND_LABELS[issue.kind] : issue.kind}
                      </Link>
                    </div>
                    <p className="mt-0.5 max-w-md truncate text-xs text-slate-500">{issue.title}</p>
                  </TableCell>
                  <TableCell>
                    <Link href={`/employers/${issue.employerId}`} className="hover:underline">
                      {issue.employerName}
                    </Link>
                    <p className="text-xs text-slate-500">{issue.providerId}</p>
                  </TableCell>
                  <TableCell>
                    <IssueStateBadge state={queueState(issue, now)} />
                  </TableCell>
                  <TableCell className="text-slate-600">
                    {issue.ownerName ?? issue.ownerEmail ?? "—"}
                  </TableCell>
                  <TableCell className="text-slate-600">
                    <RelativeTime at={issue.openedAt} now={now} timeZone={timeZone} />
                  </TableCell>
                  <TableCell className="text-slate-600">
                    <RelativeTime at={issue.lastSeenAt} now={now} timeZone={timeZone} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {total > PAGE_SIZE ? (
          <div className="flex justify-between border-t border-slate-100 px-5 py-3">
            {page > 1 ? (
              <ButtonLink href={query({ page: String(page - 1) })} variant="secondary" size="sm">
                Previous
              </ButtonLink>
            ) : (
              <span />
            )}
            {page * PAGE_SIZE < total ? (
              <ButtonLink href={query({ page: String(page + 1) })} variant="secondary" size="sm">
                Next
              </ButtonLink>
            ) : null}
          </div>
        ) : null}
      </Card>
    </>
  );
}
