"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CopyText } from "@/components/ui/copy-text";
import { TableBody, TableCell, TableRow } from "@/components/ui/table";
import type { EmployerListRow, ShownInstant } from "@/lib/employers/list-rows";

function Instant({ at }: { at: ShownInstant }) {
  return (
    <time dateTime={at.iso} title={at.title}>
      {at.text}
    </time>
  );
}

/**
 * The employer list's rows. A client component on purpose: the server sends each row as a small
 * record (lib/employers/list-rows) instead of its element tree, which halves what a 50-row page
 * serializes; the HTML is the same server-rendered markup either way.
 */
export function EmployerListRows({ rows }: { rows: EmployerListRow[] }) {
  return (
    <TableBody>
      {rows.map((row) => (
        <TableRow key={row.id} className="hover:bg-slate-50">
          <TableCell>
            <Link
              href={`/employers/${row.id}`}
              className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
            >
              {row.name}
            </Link>
            <p className="text-xs text-slate-600">
              Customer id <span className="font-mono">{row.customerId}</span>
            </p>
            <CopyText value={row.id} label={`employer id of ${row.name}`} short />
          </TableCell>
          <TableCell>
            {row.status ? (
              <Badge
                tone={row.status.tone}
                title={row.status.description}
                data-status={row.status.status}
              >
                {row.status.label}
              </Badge>
            ) : (
              <Badge tone="neutral">Not connected</Badge>
            )}
            {row.entities ? <p className="mt-1 text-xs text-slate-500">{row.entities}</p> : null}
            {row.statusChanged ? (
              <p className="mt-1 text-xs text-slate-600">
                <Instant at={row.statusChanged} />
              </p>
            ) : null}
          </TableCell>
          <TableCell className="text-slate-700">
            {row.provider ?? "—"}
            {row.kind ? <p className="text-xs text-slate-600">{row.kind}</p> : null}
          </TableCell>
          <TableCell className="whitespace-nowrap text-slate-700">
            {row.expectedReady ? <Instant at={row.expectedReady} /> : "—"}
          </TableCell>
          <TableCell className="whitespace-nowrap text-slate-700">
            {row.configurationDay ?? "—"}
          </TableCell>
          <TableCell className="whitespace-nowrap text-slate-700">
            {row.lastRetrieved ? <Instant at={row.lastRetrieved} /> : "—"}
          </TableCell>
          <TableCell className="text-slate-700">{row.owner ?? "—"}</TableCell>
          <TableCell>
            <div className="flex flex-wrap gap-1">
              {row.alerts.map((alert) => (
                <Badge key={alert} tone="warning">
                  {alert}
                </Badge>
              ))}
            </div>
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  );
}
