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
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";

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
    <Table caption="Deduction changes" wrapperClassName="rounded-md ring-1 ring-slate-200">
      <TableHead>
        <TableRow>
          <TableHeader>Requested</TableHeader>
          {showEmployer ? <TableHeader>Employer</TableHeader> : null}
          <TableHeader>Change</TableHeader>
          <TableHeader>State</TableHeader>
          <TableHeader>Deadline</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => {
          const state = displayState(
            { status: row.status as DeductionChangeStatus, deadlineAt: row.deadlineAt },
            now,
          );
          return (
            <TableRow key={row.id} data-testid="deduction-change" data-state={state}>
              <TableCell className="whitespace-nowrap align-top text-slate-700">
                <time dateTime={row.requestedAt.toISOString()}>
                  {formatDateTime(row.requestedAt, timeZone)}
                </time>
                <p className="text-xs text-slate-500">{row.requestedByLabel}</p>
              </TableCell>
              {showEmployer ? (
                <TableCell className="align-top">
                  <Link
                    href={`/employers/${row.employerId}?tab=deductions#data`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {row.employerName}
                  </Link>
                </TableCell>
              ) : null}
              <TableCell className="min-w-[18rem] align-top text-slate-800">
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
              </TableCell>
              <TableCell className="whitespace-nowrap align-top">
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
              </TableCell>
              <TableCell className="whitespace-nowrap align-top text-slate-700">
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
              </TableCell>
            </TableRow>
          );
        })}
        {!rows.length ? (
          <TableRow>
            <TableCell colSpan={showEmployer ? 5 : 4} className="text-center text-slate-500">
              {empty}
            </TableCell>
          </TableRow>
        ) : null}
      </TableBody>
    </Table>
  );
}
