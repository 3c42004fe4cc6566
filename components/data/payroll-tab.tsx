import Link from "next/link";
import type { TabProps } from "@/components/data/company-tab";
import { formatDayRange, formatIsoDay, formatMoney, sumMoney } from "@/components/data/format";
import { FreshnessLine, ResultFrame } from "@/components/data/result-panels";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { parseProductQuery } from "@/lib/data-proxy/params";
import { readProduct } from "@/lib/data-proxy/read";
import { isAppError } from "@/lib/errors";

export interface PayrollTabProps extends TabProps {
  employerId: string;
  from: string;
  to: string;
}

export async function PayrollTab({
  connection,
  actorLabel,
  now,
  timeZone,
  employerId,
  from,
  to,
  entityId,
}: PayrollTabProps) {
  const base = `/employers/${employerId}`;
  let query;
  let rangeError: string | null = null;
  try {
    query = parseProductQuery("payment", { start_date: from, end_date: to });
  } catch (error) {
    if (!isAppError(error)) throw error;
    const fields = (error.details?.fieldErrors ?? {}) as Record<string, string[]>;
    rangeError = Object.values(fields).flat()[0] ?? error.message;
  }

  const form = (
    <form action={base} method="get" className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="tab" value="payroll" />
      <div>
        <label htmlFor="pay-runs-from" className="block text-xs font-medium text-slate-600">
          Paid from
        </label>
        <Input
          id="pay-runs-from"
          name="from"
          type="date"
          defaultValue={from}
          className="mt-1 w-40"
        />
      </div>
      <div>
        <label htmlFor="pay-runs-to" className="block text-xs font-medium text-slate-600">
          Paid to
        </label>
        <Input id="pay-runs-to" name="to" type="date" defaultValue={to} className="mt-1 w-40" />
      </div>
      <button type="submit" className={buttonClasses("secondary", "md")}>
        Show pay runs
      </button>
    </form>
  );

  if (!query) {
    return (
      <div className="space-y-4">
        {form}
        <Alert tone="warning">{rangeError}</Alert>
      </div>
    );
  }

  const result = await readProduct({ connection, query, actor: { label: actorLabel }, entityId });
  return (
    <div className="space-y-4">
      <ResultFrame result={result} timeZone={timeZone}>
        {({ data, freshness }) => {
          const runs = [...data].sort((a, b) => (b.pay_date ?? "").localeCompare(a.pay_date ?? ""));
          const currency = runs.find((r) => r.gross_pay?.currency)?.gross_pay?.currency ?? "usd";
          const total = (
            pick: (r: (typeof runs)[number]) => { amount?: number | null } | null,
          ) => ({
            amount: sumMoney(runs.map(pick)),
            currency,
          });
          return (
            <>
              <FreshnessLine
                freshness={freshness}
                assisted={connection.assisted}
                now={now}
                timeZone={timeZone}
              />
              <div className="flex flex-wrap items-end justify-between gap-3">
                {form}
                <ButtonLink
                  href={`${base}/export/pay-runs?${new URLSearchParams({ from, to })}`}
                  variant="secondary"
                  size="sm"
                  prefetch={false}
                >
                  Export CSV
                </ButtonLink>
              </div>
              <div className="overflow-x-auto rounded-md ring-1 ring-slate-200">
                <table className="min-w-full text-sm">
                  <caption className="sr-only">
                    Pay runs paid {formatIsoDay(from)} to {formatIsoDay(to)}
                  </caption>
                  <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="px-3 py-2">
                        Pay date
                      </th>
                      <th scope="col" className="px-3 py-2">
                        Period
                      </th>
                      <th scope="col" className="px-3 py-2 text-right">
                        People
                      </th>
                      <th scope="col" className="px-3 py-2 text-right">
                        Gross
                      </th>
                      <th scope="col" className="px-3 py-2 text-right">
                        Employee taxes
                      </th>
                      <th scope="col" className="px-3 py-2 text-right">
                        Employer taxes
                      </th>
                      <th scope="col" className="px-3 py-2 text-right">
                        Net
                      </th>
                      <th scope="col" className="px-3 py-2 text-right">
                        Company debit
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100 tabular-nums">
                    {runs.map((run) => (
                      <tr key={run.id} className="hover:bg-slate-50">
                        <td className="whitespace-nowrap px-3 py-2.5">
                          <Link
                            href={`${base}/pay-runs/${run.id}?${new URLSearchParams({ pay_date: run.pay_date ?? "" })}`}
                            className="font-medium text-brand-700 hover:underline"
                          >
                            {formatIsoDay(run.pay_date)}
                          </Link>
                        </td>
                        <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">
                          {run.pay_period
                            ? formatDayRange(run.pay_period.start_date, run.pay_period.end_date)
                            : "—"}
                        </td>
                        <td className="px-3 py-2.5 text-right">
                          {run.individual_ids?.length ?? "—"}
                        </td>
                        <td className="px-3 py-2.5 text-right">{formatMoney(run.gross_pay)}</td>
                        <td className="px-3 py-2.5 text-right">
                          {formatMoney(run.employee_taxes)}
                        </td>
                        <td className="px-3 py-2.5 text-right">
                          {formatMoney(run.employer_taxes)}
                        </td>
                        <td className="px-3 py-2.5 text-right">{formatMoney(run.net_pay)}</td>
                        <td className="px-3 py-2.5 text-right">{formatMoney(run.company_debit)}</td>
                      </tr>
                    ))}
                    {!runs.length ? (
                      <tr>
                        <td colSpan={8} className="px-4 py-10 text-center text-slate-500">
                          No pay runs were paid in this range.
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                  {runs.length ? (
                    <tfoot className="border-t border-slate-200 bg-slate-50 font-medium tabular-nums text-slate-900">
                      <tr>
                        <th scope="row" colSpan={3} className="px-3 py-2.5 text-left">
                          Total for {runs.length} pay {runs.length === 1 ? "run" : "runs"}
                        </th>
                        <td className="px-3 py-2.5 text-right">
                          {formatMoney(total((r) => r.gross_pay))}
                        </td>
                        <td className="px-3 py-2.5 text-right">
                          {formatMoney(total((r) => r.employee_taxes))}
                        </td>
                        <td className="px-3 py-2.5 text-right">
                          {formatMoney(total((r) => r.employer_taxes))}
                        </td>
                        <td className="px-3 py-2.5 text-right">
                          {formatMoney(total((r) => r.net_pay))}
                        </td>
                        <td className="px-3 py-2.5 text-right">
                          {formatMoney(total((r) => r.company_debit))}
                        </td>
                      </tr>
                    </tfoot>
                  ) : null}
                </table>
              </div>
            </>
          );
        }}
      </ResultFrame>
    </div>
  );
}
