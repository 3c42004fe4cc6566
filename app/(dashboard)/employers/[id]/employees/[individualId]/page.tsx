import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatIsoDay, formatMoney, formatPhone, humanize } from "@/components/data/format";
import { ErrorPanel, FreshnessLine, PendingPanel } from "@/components/data/result-panels";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { getCurrentConnection } from "@/db/queries/connections";
import { getEmployerById } from "@/db/queries/employers";
import { appNow } from "@/lib/clock";
import { connectionHasProduct, parseProductQuery } from "@/lib/data-proxy/params";
import { readProduct } from "@/lib/data-proxy/read";
import { loadDirectory, personName } from "@/lib/data-proxy/views";
import { env } from "@/lib/env";
import { hasRole, requirePageUser } from "@/lib/session";

type Params = { id: string; individualId: string };

export const metadata: Metadata = { title: "Employee" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-4 py-2 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 text-slate-900">{children}</dd>
    </div>
  );
}

function address(
  l:
    | {
        line1?: string | null;
        line2?: string | null;
        city?: string | null;
        state?: string | null;
        postal_code?: string | null;
        country?: string | null;
      }
    | null
    | undefined,
): string {
  if (!l) return "—";
  return (
    [l.line1, l.line2, l.city, [l.state, l.postal_code].filter(Boolean).join(" "), l.country]
      .filter(Boolean)
      .join(", ") || "—"
  );
}

export default async function EmployeePage({ params }: { params: Promise<Params> }) {
  const { id, individualId } = await params;
  const user = await requirePageUser("viewer", `/employers/${id}/employees/${individualId}`);
  const employer = await getEmployerById({ id });
  if (!employer) notFound();
  const connection = await getCurrentConnection({ employerId: id });
  if (!connection?.accessTokenCiphertext) notFound();
  const [now, { timeZone }] = [await appNow(), env()];
  const actor = { label: user.email };
  const ids = { individual_ids: [individualId] };

  const [individual, employment] = await Promise.all([
    connectionHasProduct(connection.products, "individual")
      ? readProduct({ connection, query: parseProductQuery("individual", ids), actor })
      : null,
    connectionHasProduct(connection.products, "employment")
      ? readProduct({ connection, query: parseProductQuery("employment", ids), actor })
      : null,
  ]);
  const person = individual?.kind === "ok" ? individual.data.responses[0] : undefined;
  const job = employment?.kind === "ok" ? employment.data.responses[0] : undefined;
  if (person?.code === 404 && (!job || job.code === 404)) notFound();

  const personBody = person?.code === 200 ? person.body : null;
  const jobBody = job?.code === 200 ? job.body : null;
  const p = personBody && "first_name" in personBody ? personBody : null;
  const e = jobBody && "title" in jobBody ? jobBody : null;
  const name = p ? personName(p) : e ? personName(e) : "Employee";

  let managerName: string | null = null;
  if (e?.manager?.id) {
    const directory = connectionHasProduct(connection.products, "directory")
      ? await loadDirectory(connection.id, user.email)
      : null;
    const manager =
      directory?.kind === "ok" ? directory.people.find((x) => x.id === e.manager?.id) : undefined;
    managerName = manager ? personName(manager) : null;
  }
  const seesIncome = hasRole(user, "operator");
  const base = `/employers/${id}`;

  return (
    <>
      <PageHeader
        breadcrumb={
          <Breadcrumb
            items={[
              { href: "/employers", label: "Employers" },
              { href: base, label: employer.name },
              { href: `${base}?tab=directory#data`, label: "Directory" },
            ]}
          />
        }
        title={name}
        description={
          e ? (
            <span className="flex flex-wrap items-center gap-2">
              {e.title ?? "No title"}
              {e.department?.name ? ` · ${e.department.name}` : ""}
              {e.is_active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
            </span>
          ) : undefined
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Employment" />
          <CardBody>
            {employment === null ? (
              <p className="text-sm text-slate-500">
                This connection does not include employment data.
              </p>
            ) : employment.kind === "pending" ? (
              <PendingPanel result={employment} timeZone={timeZone} />
            ) : employment.kind === "error" ? (
              <ErrorPanel result={employment} />
            ) : !e ? (
              <p className="text-sm text-slate-500">
                {job?.body && "message" in job.body
                  ? job.body.message
                  : "Finch has no employment record for this person."}
              </p>
            ) : (
              <>
                <FreshnessLine
                  freshness={employment.freshness}
                  assisted={connection.assisted}
                  now={now}
                  timeZone={timeZone}
                />
                <dl className="mt-3 divide-y divide-slate-100">
                  <Row label="Title">{e.title ?? "—"}</Row>
                  <Row label="Department">{e.department?.name ?? "—"}</Row>
                  <Row label="Manager">
                    {e.manager?.id ? (
                      <Link
                        href={`${base}/employees/${e.manager.id}`}
                        className="text-brand-700 hover:underline"
                      >
                        {managerName ?? "View manager"}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </Row>
                  <Row label="Type">
                    {humanize(e.employment?.type)}
                    {e.employment?.subtype ? ` · ${humanize(e.employment.subtype)}` : ""}
                  </Row>
                  <Row label="Status">{humanize(e.employment_status)}</Row>
                  <Row label="Started">{formatIsoDay(e.start_date)}</Row>
                  {e.end_date ? <Row label="Ended">{formatIsoDay(e.end_date)}</Row> : null}
                  <Row label="Work location">{address(e.location)}</Row>
                  <Row label="FLSA status">{humanize(e.flsa_status)}</Row>
                  {e.class_code ? <Row label="Class code">{e.class_code}</Row> : null}
                  {e.source_id ? <Row label="Provider id">{e.source_id}</Row> : null}
                </dl>
              </>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Contact" />
          <CardBody>
            {individual === null ? (
              <p className="text-sm text-slate-500">
                This connection does not include individual data.
              </p>
            ) : individual.kind === "pending" ? (
              <PendingPanel result={individual} timeZone={timeZone} />
            ) : individual.kind === "error" ? (
              <ErrorPanel result={individual} />
            ) : !p ? (
              <p className="text-sm text-slate-500">
                Finch has no personal record for this person.
              </p>
            ) : (
              <>
                <FreshnessLine
                  freshness={individual.freshness}
                  assisted={connection.assisted}
                  now={now}
                  timeZone={timeZone}
                />
                <dl className="mt-3 divide-y divide-slate-100">
                  <Row label="Legal name">
                    {[p.first_name, p.middle_name, p.last_name].filter(Boolean).join(" ") || "—"}
                  </Row>
                  {p.preferred_name ? <Row label="Preferred name">{p.preferred_name}</Row> : null}
                  <Row label="E-mail">
                    {p.emails?.length
                      ? p.emails.map((m) => (
                          <span key={m.data} className="block">
                            {m.data} <span className="text-slate-500">({m.type ?? "other"})</span>
                          </span>
                        ))
                      : "—"}
                  </Row>
                  <Row label="Phone">
                    {p.phone_numbers?.length
                      ? p.phone_numbers.map((n, i) => (
                          <span key={`${n?.data}-${i}`} className="block">
                            {formatPhone(n?.data)}{" "}
                            <span className="text-slate-500">({n?.type ?? "other"})</span>
                          </span>
                        ))
                      : "—"}
                  </Row>
                  <Row label="Residence">{address(p.residence)}</Row>
                </dl>
              </>
            )}
          </CardBody>
        </Card>
        {e ? (
          <Card className="lg:col-span-2">
            <CardHeader title="Compensation" />
            <CardBody>
              {seesIncome ? (
                <dl className="divide-y divide-slate-100">
                  <Row label="Current income">
                    {e.income ? (
                      <>
                        {formatMoney(e.income)} {humanize(e.income.unit).toLowerCase()}
                        <span className="text-slate-500">
                          {" "}
                          since {formatIsoDay(e.income.effective_date)}
                        </span>
                      </>
                    ) : (
                      "—"
                    )}
                  </Row>
                  {(e.income_history ?? []).filter(Boolean).map((h, i) => (
                    <Row key={i} label={i === 0 ? "History" : ""}>
                      {formatMoney(h)} {humanize(h?.unit).toLowerCase()}
                      <span className="text-slate-500">
                        {" "}
                        from {formatIsoDay(h?.effective_date)}
                      </span>
                    </Row>
                  ))}
                </dl>
              ) : (
                <p className="text-sm text-slate-500" data-testid="income-hidden">
                  Income is shown to operators and admins only.
                </p>
              )}
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
