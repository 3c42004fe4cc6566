import Link from "next/link";
import { Suspense } from "react";
import { CompanyTab } from "@/components/data/company-tab";
import { DeductionsPanel } from "@/components/data/deductions-tab";
import { DirectoryTab } from "@/components/data/directory-tab";
import { PayrollTab } from "@/components/data/payroll-tab";
import { SyncPanel } from "@/components/data/sync-panel";
import { TabSkeleton } from "@/components/data/tab-skeleton";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { listConnectionEntities } from "@/db/queries/entities";
import type { Connection, Employer } from "@/db/schema";
import { connectionHasProduct } from "@/lib/data-proxy/params";
import { defaultPayRunRange } from "@/lib/data-proxy/ranges";
import { env } from "@/lib/env";
import { hasRole, type SessionUser } from "@/lib/session";

export interface EmployerDataProps {
  employer: Employer;
  connection: Connection | null;
  user: SessionUser;
  searchParams: Record<string, string | string[] | undefined>;
  now: Date;
}

const TABS = [
  { id: "company", label: "Company", product: "company" },
  { id: "directory", label: "Directory", product: "directory" },
  { id: "payroll", label: "Payroll", product: "payment" },
  { id: "deductions", label: "Deductions", product: "benefits" },
] as const;
type TabId = (typeof TABS)[number]["id"];

function param(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** The employer's HR and payroll data, one tab per product the connection was granted. */
export async function EmployerData({
  employer,
  connection,
  user,
  searchParams,
  now,
}: EmployerDataProps) {
  if (!connection || connection.status === "disconnected" || !connection.accessTokenCiphertext) {
    return null;
  }
  const tabs = TABS.filter((tab) => connectionHasProduct(connection.products, tab.product));
  if (!tabs.length) return null;
  const requested = param(searchParams.tab);
  const active: TabId = tabs.find((t) => t.id === requested)?.id ?? tabs[0].id;
  const { timeZone } = env();
  // A multi-entity connection is read one entity at a time: the chosen one, else the first live.
  const entities = (await listConnectionEntities({ connectionId: connection.id })).filter(
    (e) => e.status !== "disconnected",
  );
  const requestedEntity = param(searchParams.entity_id);
  const entity = entities.find((e) => e.finchEntityId === requestedEntity) ?? entities[0] ?? null;
  const entityId = entity?.finchEntityId ?? null;
  const entityQuery =
    entityId && entities.length > 1 ? `&entity_id=${encodeURIComponent(entityId)}` : "";
  const base = `/employers/${employer.id}`;
  const common = { connection, actorLabel: user.email, now, timeZone, entityId };
  const range = defaultPayRunRange(now, timeZone);
  const page = Number.parseInt(param(searchParams.page), 10);

  return (
    <Card id="data" className="scroll-mt-16">
      <CardHeader
        title="Data"
        description={`Read live from ${connection.providerName ?? connection.providerId} through Finch.`}
        actions={
          <Suspense fallback={null}>
            <SyncPanel
              employerId={employer.id}
              connection={connection}
              canSync={hasRole(user, "operator")}
              now={now}
              timeZone={timeZone}
            />
          </Suspense>
        }
      />
      {entities.length > 1 ? (
        <nav aria-label="Entity" className="flex flex-wrap items-center gap-2 px-5 pb-3 text-sm">
          <span className="text-slate-500">Entity:</span>
          {entities.map((e) => (
            <Link
              key={e.id}
              href={`${base}?tab=${active}&entity_id=${encodeURIComponent(e.finchEntityId)}#data`}
              aria-current={e.id === entity?.id ? "true" : undefined}
              scroll={false}
              className={cn(
                "rounded-full border px-3 py-1",
                e.id === entity?.id
                  ? "border-brand-600 bg-brand-50 text-brand-700"
                  : "border-slate-200 text-slate-600 hover:border-slate-300",
              )}
            >
              {e.name ?? e.finchEntityId}
            </Link>
          ))}
        </nav>
      ) : null}
      <nav aria-label="Data" className="border-b border-slate-100 px-5">
        <ul className="-mb-px flex gap-6" role="tablist">
          {tabs.map((tab) => (
            <li key={tab.id} role="presentation">
              <Link
                href={`${base}?tab=${tab.id}${entityQuery}#data`}
                role="tab"
                aria-selected={tab.id === active}
                scroll={false}
                className={cn(
                  "inline-block border-b-2 px-1 py-3 text-sm font-medium",
                  tab.id === active
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-700",
                )}
              >
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div
        className="px-5 py-5"
        role="tabpanel"
        aria-label={tabs.find((t) => t.id === active)?.label}
      >
        <Suspense key={`${active}:${JSON.stringify(searchParams)}`} fallback={<TabSkeleton />}>
          {active === "company" ? <CompanyTab {...common} /> : null}
          {active === "directory" ? (
            <DirectoryTab
              {...common}
              employerId={employer.id}
              q={param(searchParams.q).trim().slice(0, 100)}
              page={Number.isFinite(page) ? page : 1}
            />
          ) : null}
          {active === "payroll" ? (
            <PayrollTab
              {...common}
              employerId={employer.id}
              from={param(searchParams.from) || range.from}
              to={param(searchParams.to) || range.to}
            />
          ) : null}
          {active === "deductions" ? (
            <DeductionsPanel
              {...common}
              employerId={employer.id}
              canWrite={hasRole(user, "operator")}
              changeFilter={param(searchParams.changes) || undefined}
            />
          ) : null}
        </Suspense>
      </div>
    </Card>
  );
}
