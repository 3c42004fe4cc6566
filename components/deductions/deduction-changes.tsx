import {
  DeductionChangeFilters,
  DeductionChangeList,
} from "@/components/deductions/deduction-change-list";
import { countDeductionChanges, listDeductionChanges } from "@/db/queries/deduction-changes";
import { parseChangeFilter } from "@/lib/deductions/rules";

export interface DeductionChangesProps {
  employerId: string;
  filter: string | undefined;
  now: Date;
  timeZone: string;
}

const SHOWN = 50;

/** One employer's deduction changes with exact counts per filter. */
export async function DeductionChanges({
  employerId,
  filter,
  now,
  timeZone,
}: DeductionChangesProps) {
  const active = parseChangeFilter(filter);
  const [counts, rows] = await Promise.all([
    countDeductionChanges({ employerId, now }),
    listDeductionChanges({ employerId, filter: active ?? undefined, now, limit: SHOWN }),
  ]);
  const href = (f: string | null) =>
    `/employers/${employerId}?tab=deductions${f ? `&changes=${f}` : ""}#deduction-changes`;
  return (
    <section id="deduction-changes" aria-labelledby="deduction-changes-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="deduction-changes-title" className="text-sm font-semibold text-slate-900">
          Deduction changes
        </h3>
        <DeductionChangeFilters counts={counts} active={active} href={href} />
      </div>
      <DeductionChangeList
        rows={rows}
        now={now}
        timeZone={timeZone}
        empty="No deduction changes match."
      />
    </section>
  );
}
