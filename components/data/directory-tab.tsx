import Link from "next/link";
import type { TabProps } from "@/components/data/company-tab";
import { FreshnessLine, ErrorPanel, PendingPanel } from "@/components/data/result-panels";
import { Badge } from "@/components/ui/badge";
import { ButtonLink, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { loadDirectory, loadEmployments, personName } from "@/lib/data-proxy/views";
import type { FinchEmployment } from "@/lib/finch/types";

const PAGE_SIZE = 25;

export interface DirectoryTabProps extends TabProps {
  employerId: string;
  q: string;
  page: number;
}

function matches(
  person: {
    first_name?: string | null;
    middle_name?: string | null;
    last_name?: string | null;
    department?: { name?: string | null } | null;
  },
  q: string,
): boolean {
  const haystack = [
    person.first_name,
    person.middle_name,
    person.last_name,
    person.department?.name,
  ]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export async function DirectoryTab({
  connection,
  actorLabel,
  now,
  timeZone,
  employerId,
  q,
  page,
  entityId = null,
}: DirectoryTabProps) {
  const directory = await loadDirectory(connection.id, actorLabel, entityId);
  if (directory.kind === "pending") return <PendingPanel result={directory} timeZone={timeZone} />;
  if (directory.kind === "error") return <ErrorPanel result={directory} />;

  const byId = new Map(directory.people.map((p) => [p.id, p]));
  const filtered = q ? directory.people.filter((p) => matches(p, q)) : directory.people;
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const visible = filtered.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const employments = await loadEmployments(
    connection,
    visible.map((p) => p.id),
    actorLabel,
    entityId,
  );
  const titles = employments.kind === "ok" ? employments.byId : new Map<string, FinchEmployment>();
  const base = `/employers/${employerId}`;
  const pageHref = (n: number) =>
    `${base}?${new URLSearchParams({ tab: "directory", ...(q ? { q } : {}), page: String(n) })}`;
  const activeCount = directory.people.filter((p) => p.is_active).length;

  return (
    <div className="space-y-4">
      <FreshnessLine
        freshness={directory.first.freshness}
        assisted={connection.assisted}
        now={now}
        timeZone={timeZone}
      />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <form action={base} method="get" className="flex items-center gap-2" role="search">
          <input type="hidden" name="tab" value="directory" />
          <label htmlFor="directory-search" className="sr-only">
            Search people
          </label>
          <Input
            id="directory-search"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Name or department"
            className="w-64"
          />
          <button type="submit" className={buttonClasses("secondary", "md")}>
            Search
          </button>
          {q ? (
            <Link
              href={`${base}?tab=directory`}
              className="text-sm text-slate-500 hover:text-slate-700"
            >
              Clear
            </Link>
          ) : null}
        </form>
        <div className="flex items-center gap-3 text-sm text-slate-500">
          <span>
            {directory.total} people · {activeCount} active
          </span>
          <ButtonLink
            href={`${base}/export/directory`}
            variant="secondary"
            size="sm"
            prefetch={false}
          >
            Export CSV
          </ButtonLink>
        </div>
      </div>
      {directory.truncated ? (
        <p className="text-xs text-amber-700">
          Showing the first {directory.people.length} of {directory.total} people.
        </p>
      ) : null}
      {employments.kind !== "ok" ? (
        <p className="text-xs text-amber-700">
          Job titles could not be loaded:{" "}
          {employments.kind === "error"
            ? employments.error.message
            : "Finch is still preparing employment data."}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-md ring-1 ring-slate-200">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Employee directory</caption>
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">
                Name
              </th>
              <th scope="col" className="px-4 py-2">
                Title
              </th>
              <th scope="col" className="px-4 py-2">
                Department
              </th>
              <th scope="col" className="px-4 py-2">
                Manager
              </th>
              <th scope="col" className="px-4 py-2">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {visible.map((person) => {
              const manager = person.manager?.id ? byId.get(person.manager.id) : undefined;
              const employment = titles.get(person.id);
              return (
                <tr key={person.id} className="hover:bg-slate-50">
                  <td className="px-4 py-2.5">
                    <Link
                      href={`${base}/employees/${person.id}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {personName(person)}
                    </Link>
                  </td>
                  <td className="px-4 py-2.5 text-slate-700">{employment?.title ?? "—"}</td>
                  <td className="px-4 py-2.5 text-slate-700">{person.department?.name ?? "—"}</td>
                  <td className="px-4 py-2.5 text-slate-700">
                    {manager ? personName(manager) : person.manager?.id ? "Unknown" : "—"}
                  </td>
                  <td className="px-4 py-2.5">
                    {person.is_active ? (
                      <Badge tone="success">Active</Badge>
                    ) : (
                      <Badge>Inactive</Badge>
                    )}
                  </td>
                </tr>
              );
            })}
            {!visible.length ? (
              <tr>
                <td colSpan={5} className="px-4 py-10 text-center text-slate-500">
                  {q ? `Nobody matches “${q}”.` : "The provider lists nobody yet."}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="flex items-center justify-between text-sm" aria-label="Directory pages">
          <span className="text-slate-500">
            {(current - 1) * PAGE_SIZE + 1}–{Math.min(current * PAGE_SIZE, filtered.length)} of{" "}
            {filtered.length}
          </span>
          <div className="flex gap-2">
            {current > 1 ? (
              <ButtonLink href={pageHref(current - 1)} variant="secondary" size="sm" scroll={false}>
                Previous
              </ButtonLink>
            ) : null}
            {current < pages ? (
              <ButtonLink href={pageHref(current + 1)} variant="secondary" size="sm" scroll={false}>
                Next
              </ButtonLink>
            ) : null}
          </div>
        </nav>
      ) : null}
    </div>
  );
}
