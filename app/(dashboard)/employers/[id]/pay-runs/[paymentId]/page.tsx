import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatDayRange, formatIsoDay, formatMoney, humanize } from "@/components/data/format";
import { ErrorPanel, FreshnessLine, PendingPanel } from "@/components/data/result-panels";
import { PayStatementRow } from "@/components/data/pay-statement-row";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { getCurrentConnection } from "@/db/queries/connections";
import { getEmployerById } from "@/db/queries/employers";
import { appNow } from "@/lib/clock";
import { connectionHasProduct, parseProductQuery } from "@/lib/data-proxy/params";
import { readProduct } from "@/lib/data-proxy/read";
import { loadDirectory, personName } from "@/lib/data-proxy/views";
import { env } from "@/lib/env";
import { requirePageUser } from "@/lib/session";

type Params = { id: string; paymentId: string };
type SearchParams = Record<string, string | string[] | undefined>;

export const metadata: Metadata = { title: "Pay run" };

const PAGE_SIZE = 50;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export default async function PayRunPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<SearchParams>;
}) {
  const { id, paymentId } = await params;
  const query = await searchParams;
  const user = await requirePageUser("viewer", `/employers/${id}/pay-runs/${paymentId}`);
  const employer = await getEmployerById({ id });
  if (!employer) notFound();
  const connection = await getCurrentConnection({ employerId: id });
  if (
    !connection?.accessTokenCiphertext ||
    !connectionHasProduct(connection.products, "pay_statement")
  ) {
    notFound();
  }
  const [now, { timeZone }] = [await appNow(), env()];
  const actor = { label: user.email };
  const payDate = /^\d{4}-\d{2}-\d{2}$/.test(one(query.pay_date)) ? one(query.pay_date) : null;
  const page = Math.max(1, Number.parseInt(one(query.page), 10) || 1);

  const [summary, statements, directory] = await Promise.all([
    payDate && connectionHasProduct(connection.products, "payment")
      ? readProduct({
          connection,
          query: parseProductQuery("payment", { start_date: payDate, end_date: payDate }),
          actor,
        })
      : null,
    readProduct({
      connection,
      query: parseProductQuery("pay_statement", {
        payment_ids: [paymentId],
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
      actor,
    }),
    connectionHasProduct(connection.products, "directory")
      ? loadDirectory(connection.id, user.email)
      : null,
  ]);
  const run = summary?.kind === "ok" ? summary.data.find((p) => p.id === paymentId) : undefined;
  const names = new Map(
    directory?.kind === "ok" ? directory.people.map((p) => [p.id, personName(p)]) : [],
  );
  const item = statements.kind === "ok" ? statements.data.responses[0] : undefined;
  if (item?.code === 404) notFound();
  const base = `/employers/${id}`;
  const body = item?.code === 200 && item.body && "pay_statements" in item.body ? item.body : null;
  const total = body?.paging?.count ?? body?.pay_statements?.length ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageHref = (n: number) =>
    `${base}/pay-runs/${paymentId}?${new URLSearchParams({ ...(payDate ? { pay_date: payDate } : {}), page: String(n) })}`;

  return (
    <>
      <PageHeader
        breadcrumb={
          <Breadcrumb
            items={[
              { href: "/employers", label: "Employers" },
              { href: base, label: employer.name },
              { href: `${base}?tab=payroll#data`, label: "Payroll" },
            ]}
          />
        }
        title={`Pay run ${payDate ? formatIsoDay(payDate) : ""}`.trim()}
        description={
          run?.pay_period
            ? `Pay period ${formatDayRange(run.pay_period.start_date, run.pay_period.end_date)}${run.pay_frequencies?.length ? ` · ${run.pay_frequencies.map(humanize).join(", ")}` : ""}`
            : undefined
        }
      />
      {run ? (
        <dl className="mb-6 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
          {(
            [
              ["People paid", String(run.individual_ids?.length ?? "—")],
              ["Gross pay", formatMoney(run.gross_pay)],
              ["Employee taxes", formatMoney(run.employee_taxes)],
              ["Employer taxes", formatMoney(run.employer_taxes)],
              ["Net pay", formatMoney(run.net_pay)],
              ["Company debit", formatMoney(run.company_debit)],
            ] as const
          ).map(([label, value]) => (
            <div
              key={label}
              className="rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200"
            >
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="mt-1 text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <Card>
        <CardHeader
          title="Pay statements"
          description={
            body
              ? `${total} ${total === 1 ? "statement" : "statements"} · open one for earnings, taxes, deductions and contributions`
              : undefined
          }
        />
        <div className="px-5 py-4">
          {statements.kind === "pending" ? (
            <PendingPanel result={statements} timeZone={timeZone} />
          ) : statements.kind === "error" ? (
            <ErrorPanel result={statements} />
          ) : item?.code === 202 ? (
            <Alert tone="info" title="Finch is still fetching these pay statements">
              {item.body && "message" in item.body
                ? item.body.message
                : "Please check back shortly."}
            </Alert>
          ) : !body ? (
            <Alert tone="warning">Finch did not return pay statements for this pay run.</Alert>
          ) : (
            <div className="space-y-4">
              <FreshnessLine
                freshness={statements.freshness}
                assisted={connection.assisted}
                now={now}
                timeZone={timeZone}
              />
              <div className="overflow-x-auto rounded-md ring-1 ring-slate-200">
                <table className="min-w-full text-sm">
                  <caption className="sr-only">Pay statements</caption>
                  <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="px-4 py-2">
                        Person
                      </th>
                      <th scope="col" className="px-4 py-2">
                        Type
                      </th>
                      <th scope="col" className="px-4 py-2 text-right">
                        Hours
                      </th>
                      <th scope="col" className="px-4 py-2 text-right">
                        Gross
                      </th>
                      <th scope="col" className="px-4 py-2 text-right">
                        Taxes
                      </th>
                      <th scope="col" className="px-4 py-2 text-right">
                        Deductions
                      </th>
                      <th scope="col" className="px-4 py-2 text-right">
                        Net
                      </th>
                      <th scope="col" className="px-4 py-2">
                        <span className="sr-only">Details</span>
                      </th>
                    </tr>
                  </thead>
                  {(body.pay_statements ?? []).map((statement, i) => (
                    <PayStatementRow
                      key={`${statement.individual_id}-${i}`}
                      statement={statement}
                      name={names.get(statement.individual_id ?? "") ?? "Unknown person"}
                      href={
                        statement.individual_id
                          ? `${base}/employees/${statement.individual_id}`
                          : null
                      }
                    />
                  ))}
                </table>
              </div>
              {pages > 1 ? (
                <nav
                  className="flex items-center justify-between text-sm"
                  aria-label="Pay statement pages"
                >
                  <span className="text-slate-500">
                    Page {page} of {pages}
                  </span>
                  <div className="flex gap-2">
                    {page > 1 ? (
                      <ButtonLink href={pageHref(page - 1)} variant="secondary" size="sm">
                        Previous
                      </ButtonLink>
                    ) : null}
                    {page < pages ? (
                      <ButtonLink href={pageHref(page + 1)} variant="secondary" size="sm">
                        Next
                      </ButtonLink>
                    ) : null}
                  </div>
                </nav>
              ) : null}
            </div>
          )}
        </div>
      </Card>
    </>
  );
}
