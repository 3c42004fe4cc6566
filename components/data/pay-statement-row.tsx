"use client";

import Link from "next/link";
import { useState } from "react";
import { benefitTypeLabel, formatMoney, humanize } from "@/components/data/format";
import type { FinchPayStatement } from "@/lib/finch/types";

type Line = {
  name?: string | null;
  type?: string | null;
  amount?: number | null;
  currency?: string | null;
  hours?: number | null;
  employer?: boolean | null;
  pre_tax?: boolean | null;
};

function lines(value: unknown): Line[] {
  return Array.isArray(value) ? (value.filter(Boolean) as Line[]) : [];
}

function sum(items: Line[], filter: (l: Line) => boolean = () => true): number {
  return items.reduce((total, l) => total + (filter(l) ? (l.amount ?? 0) : 0), 0);
}

function LineList({
  title,
  items,
  note,
}: {
  title: string;
  items: Line[];
  note?: (l: Line) => string | null;
}) {
  return (
    <div>
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {items.length ? (
        <ul className="mt-1.5 space-y-1 text-sm">
          {items.map((l, i) => (
            <li key={i} className="flex justify-between gap-4">
              <span className="text-slate-700">
                {l.name ?? humanize(l.type)}
                {note?.(l) ? <span className="text-slate-500"> · {note(l)}</span> : null}
              </span>
              <span className="tabular-nums text-slate-900">{formatMoney(l)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1.5 text-sm text-slate-500">None</p>
      )}
    </div>
  );
}

export interface PayStatementRowProps {
  statement: FinchPayStatement;
  name: string;
  href: string | null;
}

/** One person's pay statement: a summary row that opens to every line item. */
export function PayStatementRow({ statement, name, href }: PayStatementRowProps) {
  const [open, setOpen] = useState(false);
  const currency = statement.gross_pay?.currency ?? "usd";
  const earnings = lines(statement.earnings);
  const taxes = lines(statement.taxes);
  const deductions = lines(statement.employee_deductions);
  const contributions = lines(statement.employer_contributions);
  const detailsId = `statement-${statement.individual_id}`;
  return (
    <tbody className="border-t border-slate-100 tabular-nums">
      <tr className={open ? "bg-slate-50" : "hover:bg-slate-50"}>
        <td className="px-4 py-2.5">
          {href ? (
            <Link href={href} className="font-medium text-brand-700 hover:underline">
              {name}
            </Link>
          ) : (
            name
          )}
        </td>
        <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">{humanize(statement.type)}</td>
        <td className="px-4 py-2.5 text-right">{statement.total_hours ?? "—"}</td>
        <td className="px-4 py-2.5 text-right">{formatMoney(statement.gross_pay)}</td>
        <td className="px-4 py-2.5 text-right">
          {formatMoney({ amount: sum(taxes, (t) => !t.employer), currency })}
        </td>
        <td className="px-4 py-2.5 text-right">
          {formatMoney({ amount: sum(deductions), currency })}
        </td>
        <td className="px-4 py-2.5 text-right font-medium">{formatMoney(statement.net_pay)}</td>
        <td className="px-4 py-2.5 text-right">
          <button
            type="button"
            className="text-sm font-medium text-brand-700 hover:underline"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`${open ? "Hide" : "Show"} line items for ${name}`}
            onClick={() => setOpen((v) => !v)}
          >
            {open ? "Hide" : "Details"}
          </button>
        </td>
      </tr>
      {open ? (
        <tr id={detailsId} className="bg-slate-50">
          <td colSpan={8} className="px-4 pb-4 pt-1">
            <div className="grid gap-6 rounded-md bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-4">
              <LineList
                title="Earnings"
                items={earnings}
                note={(l) => (l.hours ? `${l.hours} h` : null)}
              />
              <LineList
                title="Taxes"
                items={taxes}
                note={(l) => (l.employer ? "paid by employer" : null)}
              />
              <LineList
                title="Deductions"
                items={deductions}
                note={(l) => (l.pre_tax ? "pre-tax" : null)}
              />
              <LineList
                title="Company contributions"
                items={contributions}
                note={(l) => (l.type ? benefitTypeLabel(l.type) : null)}
              />
            </div>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}
