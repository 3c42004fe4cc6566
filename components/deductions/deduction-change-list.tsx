import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { DeductionChangeCounts, DeductionChangeRow } from "@/db/queries/deduction-changes";
import {
  DEDUCTION_CHANGE_FILTERS,
  DISPLAY_STATE_LABELS,
  KIND_LABELS,
  displayState,
  type DeductionChangeFilter,
  type DeductionChangeKind,
  type DeductionChangeStatus,
  type DisplayState,
} from "@/lib/deductions/rules";
import { deadlineRule } from "@/lib/deductions/view";
import { formatDateTime, relativeTime } from "@/lib/status/relative-time";

const STATE_TONES: Record<DisplayState, BadgeTone> = {
  pending: "info",
  in_progress: "brand",
  overdue: "danger",
  complete: "success",
  failed: "danger",
};

const FILTER_LABELS: Record<DeductionChangeFilter, string> = {
  pending: "Pending",
  overdue: "Overdue",
  failed: "Failed",
  complete: "Complete",
};

export interface DeductionChangeFiltersProps {
  counts: DeductionChangeCounts;
  active: DeductionChangeFilter | null;
  href: (filter: DeductionChangeFilter | null) => string;
}

/** All / pending / overdue / failed / complete, each with its exact count. */
export function DeductionChangeFilters({ counts, active, href }: DeductionChangeFiltersProps) {
  const items: [DeductionChangeFilter | null, string, number][] = [
    [null, "All", counts.all],
    ...DEDUCTION_CHANGE_FILTERS.map(
      (f) => [f, FILTER_LABELS[f], counts[f]] as [DeductionChangeFilter, string, number],
    ),
  ];
  return (
    <nav aria-label="Filter deduction changes" className="flex flex-wrap gap-2">
      {items.map(([filter, label, count]) => (
        <Link
          key={label}
          href={href(filter)}
          scroll={false}
          aria-current={filter === active ? "page" : undefined}
          className={cn(
            "rounded-full px-3 py-1 text-sm ring-1 ring-inset",
            filter === active
              ? "bg-brand-50 font-medium text-brand-700 ring-brand-300"
              : "text-slate-600 ring-slate-200 hover:bg-slate-50",
          )}
        >
          {label} <span className="tabular-nums">{count}</span>
        </Link>
      ))}
    </nav>
  );
}

export interface DeductionChangeListProps {
  rows: DeductionChangeRow[];
  now: Date;
  timeZone: string;
  showEmployer?: boolean;
  empty: string;
}

/** Deduction changes, newest first: what was asked, by whom, its state and its deadline. */
export function DeductionChangeList({
  rows,
  now,
  timeZone,
  showEmployer,
  empty,
}: DeductionChangeListProps) {
  return (
    <div className="overflow-x-auto rounded-md ring-1 ring-slate-200">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Deduction changes</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">
              Requested
            </th>
            {showEmployer ? (
              <th scope="col" className="px-4 py-2">
                Employer
              </th>
            ) : null}
            <th scope="col" className="px-4 py-2">
              Change
            </th>
            <th scope="col" className="px-4 py-2">
              State
            </th>
            <th scope="col" className="px-4 py-2">
              Deadline
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const state = displayState(
              { status: row.status as DeductionChangeStatus, deadlineAt: row.deadlineAt },
              now,
            );
            return (
              <tr key={row.id} data-testid="deduction-change" data-state={state}>
                <td className="whitespace-nowrap px-4 py-2.5 align-top text-slate-700">
                  <time dateTime={row.requestedAt.toISOString()}>
                    {formatDateTime(row.requestedAt, timeZone)}
                  </time>
                  <p className="text-xs text-slate-500">{row.requestedByLabel}</p>
                </td>
                {showEmployer ? (
                  <td className="px-4 py-2.5 align-top">
                    <Link
                      href={`/employers/${row.employerId}?tab=deductions#data`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {row.employerName}
                    </Link>
                  </td>
                ) : null}
                <td className="min-w-[18rem] px-4 py-2.5 align-top text-slate-800">
                  <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
                    {KIND_LABELS[row.kind as DeductionChangeKind] ?? row.kind}
                  </p>
                  <p>{row.summary}</p>
                  {row.error ? <p className="mt-1 text-xs text-red-700">{row.error}</p> : null}
                  {row.verification === "mismatch" ? (
                    <p className="mt-1 text-xs text-red-700">
                      Read-back mismatch: {row.verificationDetail.join("; ")}
                    </p>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 align-top">
                  <Badge tone={STATE_TONES[state]}>{DISPLAY_STATE_LABELS[state]}</Badge>
                  {row.confirmedBy ? (
                    <p className="mt-1 text-xs text-slate-500">
                      Confirmed by {row.confirmedBy === "job" ? "job status" : row.confirmedBy}
                      {row.completedAt ? ` · ${formatDateTime(row.completedAt, timeZone)}` : ""}
                    </p>
                  ) : null}
                  {row.verification === "matched" ? (
                    <p className="text-xs text-emerald-700">Read back: matches</p>
                  ) : row.verification === "not_readable" ? (
                    <p className="text-xs text-slate-500">Write-only at this provider</p>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 align-top text-slate-700">
                  <time dateTime={row.deadlineAt.toISOString()}>
                    {formatDateTime(row.deadlineAt, timeZone)}
                  </time>
                  <p
                    className={cn(
                      "text-xs",
                      state === "overdue" ? "font-medium text-red-700" : "text-slate-500",
                    )}
                  >
                    {state === "pending" || state === "in_progress" || state === "overdue"
                      ? `due ${relativeTime(row.deadlineAt, now)} · `
                      : ""}
                    {deadlineRule(row.assisted)}
                  </p>
                </td>
              </tr>
            );
          })}
          {!rows.length ? (
            <tr>
              <td colSpan={showEmployer ? 5 : 4} className="px-4 py-8 text-center text-slate-500">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
