import type { TabProps } from "@/components/data/company-tab";
import { DeductionChanges } from "@/components/deductions/deduction-changes";
import { DeductionWriteSection } from "@/components/deductions/deduction-write-section";
import { benefitTypeLabel, contributionLabel, frequencyLabel } from "@/components/data/format";
import { FreshnessLine, ResultFrame } from "@/components/data/result-panels";
import { parseProductQuery } from "@/lib/data-proxy/params";
import { readProduct } from "@/lib/data-proxy/read";

export interface DeductionsTabProps extends TabProps {
  employerId: string;
  canWrite: boolean;
  changeFilter: string | undefined;
}

export async function DeductionsTab({
  connection,
  actorLabel,
  now,
  timeZone,
  employerId,
  canWrite,
  entityId,
}: DeductionsTabProps) {
  const result = await readProduct({
    connection,
    entityId,
    query: parseProductQuery("benefits", { include: "enrolled_count" }),
    actor: { label: actorLabel },
  });
  return (
    <ResultFrame result={result} timeZone={timeZone}>
      {({ data: benefits, freshness }) => {
        const enrolled = benefits.reduce((sum, b) => sum + (b.enrolled_count ?? 0), 0);
        return (
          <div className="space-y-4">
            <FreshnessLine
              freshness={freshness}
              assisted={connection.assisted}
              now={now}
              timeZone={timeZone}
            />
            <p className="text-sm text-slate-500">
              {benefits.length} {benefits.length === 1 ? "benefit" : "benefits"} · {enrolled}{" "}
              enrollments in total
            </p>
            <div className="overflow-x-auto rounded-md ring-1 ring-slate-200">
              <table className="min-w-full text-sm">
                <caption className="sr-only">Benefits and deductions</caption>
                <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-4 py-2">
                      Benefit
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Type
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Frequency
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Company contribution
                    </th>
                    <th scope="col" className="px-4 py-2 text-right">
                      Enrolled
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {benefits.map((benefit) => (
                    <tr key={benefit.benefit_id}>
                      <td className="px-4 py-2.5 font-medium text-slate-900">
                        {benefit.description ?? benefitTypeLabel(benefit.type)}
                      </td>
                      <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">
                        {benefitTypeLabel(benefit.type)}
                      </td>
                      <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">
                        {frequencyLabel(benefit.frequency)}
                      </td>
                      <td className="px-4 py-2.5 text-slate-700">
                        {contributionLabel(benefit.company_contribution)}
                      </td>
                      <td className="px-4 py-2.5 text-right tabular-nums">
                        {benefit.enrolled_count ?? <span title="Could not be loaded">—</span>}
                      </td>
                    </tr>
                  ))}
                  {!benefits.length ? (
                    <tr>
                      <td colSpan={5} className="px-4 py-10 text-center text-slate-500">
                        The provider reports no benefits for this employer.
                      </td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
            </div>
            {canWrite ? (
              <DeductionWriteSection
                employerId={employerId}
                connection={connection}
                actorLabel={actorLabel}
                benefits={benefits.map((b) => ({
                  id: b.benefit_id,
                  name: b.description ?? benefitTypeLabel(b.type),
                  type: b.type,
                }))}
              />
            ) : (
              <p className="text-sm text-slate-500">
                Operators and admins can enroll employees and change deductions here.
              </p>
            )}
          </div>
        );
      }}
    </ResultFrame>
  );
}

/** The tab: the provider's benefits (with the write form), then Perch's record of changes. */
export async function DeductionsPanel(props: DeductionsTabProps) {
  return (
    <div className="space-y-8">
      <DeductionsTab {...props} />
      <DeductionChanges
        employerId={props.employerId}
        filter={props.changeFilter}
        now={props.now}
        timeZone={props.timeZone}
      />
    </div>
  );
}
