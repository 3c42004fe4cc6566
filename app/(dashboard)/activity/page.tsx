import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/monitoring/relative-time";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { FilterBar } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditLog, listAuditedEmployers } from "@/db/queries/monitoring";
import { listUsers } from "@/db/queries/users";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { requirePageUser } from "@/lib/session";

export const metadata: Metadata = { title: "Activity" };

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f-]{36}$/i;

function one(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && UUID.test(text) ? text : undefined;
}

export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer", "/activity");
  const params = await searchParams;
  const actorUserId = one(params.person);
  const employerId = one(params.employer);
  const before =
    Number(Array.isArray(params.before) ? params.before[0] : params.before) || undefined;
  const [entries, people, employers, now] = await Promise.all([
    listAuditLog({ actorUserId, employerId, before, limit: PAGE_SIZE }),
    listUsers(),
    listAuditedEmployers(),
    appNow(),
  ]);
  const { timeZone } = env();
  const older = entries.length === PAGE_SIZE ? entries[entries.length - 1].id : null;
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    if (actorUserId) q.set("person", actorUserId);
    if (employerId) q.set("employer", employerId);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `/activity?${q}`;
  };

  return (
    <>
      <PageHeader
        title="Activity"
        description="The audit log: every action staff took in Perch, newest first."
      />
      <Card>
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-5 py-4">
          <FilterBar action="/activity" label="Filter activity">
            <div className="w-64 max-w-full">
              <Select name="person" aria-label="Person" defaultValue={actorUserId ?? ""}>
                <option value="">Everyone</option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name ? `${person.name} (${person.email})` : person.email}
                  </option>
                ))}
              </Select>
            </div>
            <div className="w-64 max-w-full">
              <Select name="employer" aria-label="Employer" defaultValue={employerId ?? ""}>
                <option value="">Any employer</option>
                {employers.map((employer) => (
                  <option key={employer.id} value={employer.id}>
                    {employer.name}
                  </option>
                ))}
              </Select>
            </div>
          </FilterBar>
          {actorUserId || employerId ? (
            <ButtonLink href="/activity" variant="ghost">
              Clear
            </ButtonLink>
          ) : null}
        </div>
        {entries.length ? (
          <ul className="divide-y divide-slate-100" aria-label="Audit log">
            {entries.map((entry) => (
              <li key={entry.id} className="flex items-start gap-4 px-5 py-3">
                <RelativeTime
                  at={entry.occurredAt}
                  now={now}
                  timeZone={timeZone}
                  className="w-28 shrink-0 pt-0.5 text-xs tabular-nums text-slate-500"
                />
                <div className="min-w-0 flex-1">
                  <p className="text-sm text-slate-900">{entry.summary}</p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {entry.actorLabel ?? entry.actorEmail ?? "Perch"}
                    {entry.employerId && entry.employerName ? (
                      <>
                        {" · "}
                        <Link
                          href={`/employers/${entry.employerId}`}
                          className="text-brand-700 underline underline-offset-2 hover:text-brand-600"
                        >
                          {entry.employerName}
                        </Link>
                      </>
                    ) : null}
                    {" · "}
                    <span className="font-mono">{entry.type}</span>
                  </p>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState
            title={actorUserId || employerId ? "No actions match" : "Nothing yet"}
            description="Sign-ins, user changes, onboarding and monitoring actions are recorded here."
          />
        )}
        {older ? (
          <div className="flex justify-end border-t border-slate-100 px-5 py-3">
            <ButtonLink href={query({ before: String(older) })} variant="secondary" size="sm">
              Older →
            </ButtonLink>
          </div>
        ) : null}
      </Card>
    </>
  );
}
