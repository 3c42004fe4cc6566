import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { countDeductionChanges, listFailedOrOverdueChanges } from "@/db/queries/deduction-changes";
import { isOverdue, type DeductionChangeStatus } from "@/lib/deductions/rules";
import { relativeTime } from "@/lib/status/relative-time";

const SHOWN = 5;

/** Overview alerts: deduction changes that failed or are past Finch's deadline right now. */
export async function DeductionAlerts({ now }: { now: Date }) {
  const [counts, rows] = await Promise.all([
    countDeductionChanges({ now }),
    listFailedOrOverdueChanges({ now, limit: SHOWN }),
  ]);
  if (counts.overdue + counts.failed === 0) return null;
  return (
    <Card className="mt-6" data-testid="deduction-alerts">
      <CardHeader
        title="Deduction write-backs need attention"
        description={`${counts.overdue} overdue · ${counts.failed} failed. A missed deduction is a payroll error for a real person.`}
        actions={
          <Link
            href={counts.overdue ? "/deductions?filter=overdue" : "/deductions?filter=failed"}
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            All changes →
          </Link>
        }
      />
      <ul className="divide-y divide-slate-100">
        {rows.map((row) => {
          const overdue = isOverdue(
            { status: row.status as DeductionChangeStatus, deadlineAt: row.deadlineAt },
            now,
          );
          return (
            <li key={row.id} className="flex items-start justify-between gap-3 px-5 py-2.5">
              <div className="min-w-0">
                <Link
                  href={`/employers/${row.employerId}?tab=deductions#deduction-changes`}
                  className="text-sm font-medium text-brand-700 hover:underline"
                >
                  {row.employerName}
                </Link>
                <p className="truncate text-xs text-slate-500">{row.summary}</p>
              </div>
              <Badge tone="danger">
                {overdue ? `Overdue · due ${relativeTime(row.deadlineAt, now)}` : "Failed"}
              </Badge>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
