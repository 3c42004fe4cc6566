import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { FilterBar } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { EmployerListRows } from "@/components/employers/employer-list-rows";
import { Table, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import {
  COUNT_LIMIT,
  getEmployerRowDetails,
  listEmployerProviders,
  listEmployers,
} from "@/db/queries/employer-list";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import {
  DEFAULT_EMPLOYER_PAGE_SIZE,
  EMPLOYER_PAGE_SIZES,
  employerListHref,
  employerQuery,
  parseEmployerSearch,
  type EmployerSearch,
} from "@/lib/monitoring/employer-filters";
import { employerListRow } from "@/lib/employers/list-rows";
import { cachedProviders } from "@/lib/onboarding/providers";
import { hasRole, requirePageUser } from "@/lib/session";
import { FINCH_STATUSES, describeStatus } from "@/lib/status/catalogue";
import { ALERT_LABELS, type AlertKind } from "@/lib/status/sla";

export const metadata: Metadata = { title: "Employers" };

const SORT_LABELS = {
  name: "Sort: name",
  status: "Sort: status",
  changed: "Sort: recently changed",
  created: "Sort: newest",
  ready: "Sort: what lands next",
  retrieved: "Sort: stalest data first",
} as const;

/** A column header that sorts the list by it; the current sort is announced with aria-sort. */
function SortHeader({
  search,
  sort,
  children,
}: {
  search: EmployerSearch;
  sort: "ready" | "retrieved";
  children: React.ReactNode;
}) {
  const active = search.sort === sort;
  return (
    <TableHeader aria-sort={active ? "ascending" : undefined}>
      <Link
        href={employerListHref(search, { sort })}
        className="hover:text-brand-700 hover:underline"
        title={SORT_LABELS[sort]}
      >
        {children}
        {active ? <span aria-hidden="true"> ↑</span> : null}
      </Link>
    </TableHeader>
  );
}

/** "Rows per page: 25 50 100": the first page again at another size, with the filters kept. */
function PageSizes({ search }: { search: EmployerSearch }) {
  const current = search.size ?? DEFAULT_EMPLOYER_PAGE_SIZE;
  return (
    <span className="flex items-center gap-1.5">
      <span>Rows per page:</span>
      {EMPLOYER_PAGE_SIZES.map((size) =>
        size === current ? (
          <span
            key={size}
            aria-current="true"
            className="rounded px-1.5 font-medium text-slate-900"
          >
            {size}
          </span>
        ) : (
          <Link
            key={size}
            href={employerListHref(search, {
              size: size === DEFAULT_EMPLOYER_PAGE_SIZE ? undefined : size,
            })}
            className="rounded px-1.5 text-brand-700 hover:underline"
            aria-label={`${size} rows per page`}
          >
            {size}
          </Link>
        ),
      )}
    </span>
  );
}

export default async function EmployersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("viewer", "/employers");
  const search = parseEmployerSearch(await searchParams);
  const now = await appNow();
  const { timeZone } = env();
  const [page, providerIds, finchProviders] = await Promise.all([
    listEmployers(employerQuery(search, now)),
    listEmployerProviders(),
    // Display names only: when Finch's list is unavailable the ids stand in.
    cachedProviders(),
  ]);
  const details = await getEmployerRowDetails({ employerIds: page.rows.map((e) => e.id) });
  const providerNames = new Map(finchProviders.map((p) => [p.id, p.name]));
  const providerLabel = (id: string) => providerNames.get(id) ?? id;
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
        description="Every employer you onboard through Finch: what needs you, and what lands next."
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
        <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-5 py-4">
          <FilterBar action="/employers" label="Filter employers" className="flex-1">
            <label className="sr-only" htmlFor="q">
              Search
            </label>
            <Input
              id="q"
              name="q"
              type="search"
              placeholder="Search by name or customer id"
              defaultValue={search.q ?? ""}
              className="w-full"
            />
            <div className="grid w-full gap-3 sm:grid-cols-3 lg:grid-cols-5">
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
                {providerIds.map((provider) => (
                  <option key={provider} value={provider}>
                    {providerLabel(provider)}
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
                {Object.entries(SORT_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </div>
            {search.readyTo !== undefined ? (
              <>
                <input type="hidden" name="readyFrom" value={search.readyFrom ?? 0} />
                <input type="hidden" name="readyTo" value={search.readyTo} />
              </>
            ) : null}
          </FilterBar>
          {filtered ? (
            <ButtonLink href="/employers" variant="ghost">
              Clear filters
            </ButtonLink>
          ) : null}
        </div>
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
          <Table caption="Employers">
            <TableHead>
              <TableRow>
                <TableHeader>Employer</TableHeader>
                <TableHeader>Status</TableHeader>
                <TableHeader>Provider</TableHeader>
                <SortHeader search={search} sort="ready">
                  Expected ready
                </SortHeader>
                <TableHeader>Configuration</TableHeader>
                <SortHeader search={search} sort="retrieved">
                  Last retrieved
                </SortHeader>
                <TableHeader>Owner</TableHeader>
                <TableHeader>Attention</TableHeader>
              </TableRow>
            </TableHead>
            <EmployerListRows
              rows={page.rows.map((employer) =>
                employerListRow({
                  employer,
                  details: details.get(employer.id),
                  providerLabel,
                  now,
                  timeZone,
                }),
              )}
            />
          </Table>
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
              <span className="text-slate-600">
                {" "}
                (counted up to {COUNT_LIMIT.toLocaleString("en-GB")}; export for all)
              </span>
            ) : null}
          </span>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <PageSizes search={search} />
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
          </div>
        </nav>
      </Card>
    </>
  );
}
