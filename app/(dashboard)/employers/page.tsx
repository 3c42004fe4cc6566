import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/monitoring/status-badge";
import { RelativeTime } from "@/components/monitoring/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { COUNT_LIMIT, listEmployerProviders, listEmployers } from "@/db/queries/employer-list";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import {
  employerListHref,
  employerQuery,
  parseEmployerSearch,
} from "@/lib/monitoring/employer-filters";
import { hasRole, requirePageUser } from "@/lib/session";
import { FINCH_STATUSES, describeStatus } from "@/lib/status/catalogue";
import { kindsDueFromInstants } from "@/lib/status/attention";
import { ALERT_LABELS, type AlertKind } from "@/lib/status/sla";

export const metadata: Metadata = { title: "Employers" };

const PAGE_SIZE = 50;

export default async function EmployersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("viewer", "/employers");
  const search = parseEmployerSearch(await searchParams);
  const now = await appNow();
  const { timeZone } = env();
  const [page, providers] = await Promise.all([
    listEmployers({ ...employerQuery(search, now), pageSize: PAGE_SIZE }),
    listEmployerProviders(),
  ]);
  const filtered = Boolean(
    search.q ||
    search.status ||
    search.provider ||
    search.kind ||
    search.attention ||
    search.readyTo !== undefined,
  );
  const exportHref = employerListHref(search, {}, "/employers/export");

  return (
    <>
      <PageHeader
        title="Employers"
        description="Every employer you onboard through Finch, with its connection's current state."
        actions={
          <>
            <a href={exportHref} className={buttonClasses("secondary", "md")} download>
              Export CSV
            </a>
            {hasRole(user, "operator") ? (
              <ButtonLink href="/employers/new">Add employer</ButtonLink>
            ) : null}
          </>
        }
      />
      <Card>
        <form
          method="get"
          action="/employers"
          className="space-y-3 border-b border-slate-100 px-5 py-4"
          role="search"
          aria-label="Filter employers"
        >
          <div className="flex gap-2">
            <label className="sr-only" htmlFor="q">
              Search
            </label>
            <Input
              id="q"
              name="q"
              type="search"
              placeholder="Search by name or customer id"
              defaultValue={search.q ?? ""}
              className="flex-1"
            />
            <Button type="submit">Apply</Button>
            {filtered ? (
              <ButtonLink href="/employers" variant="ghost">
                Clear
              </ButtonLink>
            ) : null}
          </div>
          <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
            <Select name="status" aria-label="Status" defaultValue={search.status ?? ""}>
              <option value="">Any status</option>
              {FINCH_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {describeStatus(status).label}
                </option>
              ))}
              <option value="none">Not connected</option>
            </Select>
            <Select name="provider" aria-label="Provider" defaultValue={search.provider ?? ""}>
              <option value="">Any provider</option>
              {providers.map((provider) => (
                <option key={provider} value={provider}>
                  {provider}
                </option>
              ))}
            </Select>
            <Select name="kind" aria-label="Connection type" defaultValue={search.kind ?? ""}>
              <option value="">Any type</option>
              <option value="assisted">Assisted</option>
              <option value="automated">Automated</option>
            </Select>
            <Select name="attention" aria-label="Attention" defaultValue={search.attention ?? ""}>
              <option value="">Any attention</option>
              <option value="any">Needs attention</option>
              {(Object.keys(ALERT_LABELS) as AlertKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {ALERT_LABELS[kind]}
                </option>
              ))}
            </Select>
            <Select name="sort" aria-label="Sort by" defaultValue={search.sort ?? "name"}>
              <option value="name">Sort: name</option>
              <option value="status">Sort: status</option>
              <option value="changed">Sort: recently changed</option>
              <option value="created">Sort: newest</option>
            </Select>
          </div>
          {search.readyTo !== undefined ? (
            <>
              <input type="hidden" name="readyFrom" value={search.readyFrom ?? 0} />
              <input type="hidden" name="readyTo" value={search.readyTo} />
            </>
          ) : null}
        </form>
        {search.readyTo !== undefined ? (
          <p className="border-b border-slate-100 bg-brand-50/50 px-5 py-2 text-sm text-slate-700">
            Showing employers with a product group expected ready between {search.readyFrom ?? 0}{" "}
            and {search.readyTo} days from now.{" "}
            <Link
              href={employerListHref(search, { readyFrom: undefined, readyTo: undefined })}
              className="font-medium text-brand-700 hover:underline"
            >
              Remove this filter
            </Link>
          </p>
        ) : null}

        {page.rows.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Employers</caption>
              <thead className="border-b border-slate-100 text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-5 py-2.5 font-medium">Employer</th>
                  <th className="px-3 py-2.5 font-medium">Status</th>
                  <th className="px-3 py-2.5 font-medium">Provider</th>
                  <th className="px-3 py-2.5 font-medium">Type</th>
                  <th className="px-3 py-2.5 font-medium">Status changed</th>
                  <th className="px-5 py-2.5 font-medium">Attention</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((employer) => (
                  <tr key={employer.id} className="hover:bg-slate-50">
                    <td className="px-5 py-3">
                      <Link
                        href={`/employers/${employer.id}`}
                        className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                      >
                        {employer.name}
                      </Link>
                      <p className="font-mono text-xs text-slate-500">{employer.customerId}</p>
                    </td>
                    <td className="px-3 py-3">
                      <StatusBadge status={employer.connectionStatus} />
                    </td>
                    <td className="px-3 py-3 text-slate-700">{employer.providerId ?? "—"}</td>
                    <td className="px-3 py-3 text-slate-700">
                      {employer.assisted === null
                        ? "—"
                        : employer.assisted
                          ? "Assisted"
                          : "Automated"}
                    </td>
                    <td className="px-3 py-3 text-slate-600">
                      {employer.statusChangedAt ? (
                        <RelativeTime at={employer.statusChangedAt} now={now} timeZone={timeZone} />
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="px-5 py-3">
                      <div className="flex flex-wrap gap-1">
                        {kindsDueFromInstants(employer, now).map((kind) => (
                          <Badge key={kind} tone="warning">
                            {ALERT_LABELS[kind]}
                          </Badge>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState
            title={filtered ? "No employers match" : "No employers yet"}
            description={
              filtered
                ? "Try another search or clear the filters."
                : "Employers you add and connect through Finch Connect will be listed here."
            }
            action={
              filtered ? (
                <ButtonLink href="/employers" variant="secondary">
                  Clear filters
                </ButtonLink>
              ) : hasRole(user, "operator") ? (
                <ButtonLink href="/employers/new">Add employer</ButtonLink>
              ) : null
            }
          />
        )}
        <nav
          className="flex items-center justify-between border-t border-slate-100 px-5 py-3 text-sm text-slate-600"
          aria-label="Pages"
        >
          <span data-testid="employer-count">
            {page.total.toLocaleString("en-GB")}
            {page.totalIsAtLeast ? "+" : ""} employer
            {page.total === 1 && !page.totalIsAtLeast ? "" : "s"}
            {page.totalIsAtLeast ? (
              <span className="text-slate-500">
                {" "}
                (counted up to {COUNT_LIMIT.toLocaleString("en-GB")}; export for all)
              </span>
            ) : null}
          </span>
          <div className="flex gap-2">
            {page.prevCursor ? (
              <ButtonLink
                href={employerListHref(search, { before: page.prevCursor })}
                variant="secondary"
                size="sm"
              >
                ← Previous
              </ButtonLink>
            ) : null}
            {page.nextCursor ? (
              <ButtonLink
                href={employerListHref(search, { after: page.nextCursor })}
                variant="secondary"
                size="sm"
              >
                Next →
              </ButtonLink>
            ) : null}
          </div>
        </nav>
      </Card>
    </>
  );
}
