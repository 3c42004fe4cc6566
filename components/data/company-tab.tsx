import { formatPhone, humanize, maskEin } from "@/components/data/format";
import { FreshnessLine, ResultFrame } from "@/components/data/result-panels";
import type { Connection } from "@/db/schema";
import { parseProductQuery } from "@/lib/data-proxy/params";
import { readProduct } from "@/lib/data-proxy/read";

export interface TabProps {
  connection: Connection;
  actorLabel: string;
  now: Date;
  timeZone: string;
  /** The Finch entity to read, for a multi-entity connection. */
  entityId?: string | null;
}

export async function CompanyTab({ connection, actorLabel, now, timeZone, entityId }: TabProps) {
  const result = await readProduct({
    connection,
    entityId,
    query: parseProductQuery("company", {}),
    actor: { label: actorLabel },
  });
  return (
    <ResultFrame result={result} timeZone={timeZone}>
      {({ data: company, freshness }) => {
        const departments = (company.departments ?? []).filter((d): d is NonNullable<typeof d> =>
          Boolean(d?.name),
        );
        const locations = (company.locations ?? []).filter((l): l is NonNullable<typeof l> =>
          Boolean(l),
        );
        return (
          <div className="space-y-5">
            <FreshnessLine
              freshness={freshness}
              assisted={connection.assisted}
              now={now}
              timeZone={timeZone}
            />
            <dl className="grid gap-x-6 gap-y-4 text-sm [overflow-wrap:anywhere] sm:grid-cols-2 lg:grid-cols-4">
              <div>
                <dt className="text-slate-500">Legal name</dt>
                <dd className="mt-0.5 font-medium text-slate-900">{company.legal_name ?? "—"}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Entity</dt>
                <dd className="mt-0.5 text-slate-900">
                  {humanize(company.entity?.type)}
                  {company.entity?.subtype ? ` · ${humanize(company.entity.subtype)}` : ""}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">EIN</dt>
                <dd
                  className="mt-0.5 font-mono text-slate-900"
                  title="Masked; Finch holds the full number"
                >
                  {maskEin(company.ein)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Primary contact</dt>
                <dd className="mt-0.5 text-slate-900">
                  {company.primary_email ?? "—"}
                  {company.primary_phone_number ? (
                    <span className="block text-slate-500">
                      {formatPhone(company.primary_phone_number)}
                    </span>
                  ) : null}
                </dd>
              </div>
            </dl>
            <div className="grid gap-6 lg:grid-cols-2">
              <section aria-labelledby="departments-heading">
                <h3 id="departments-heading" className="text-sm font-semibold text-slate-900">
                  Departments{" "}
                  <span className="font-normal text-slate-500">({departments.length})</span>
                </h3>
                {departments.length ? (
                  <ul className="mt-2 flex flex-wrap gap-2">
                    {departments.map((d, i) => (
                      <li
                        key={`${d.name}-${i}`}
                        className="rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700"
                      >
                        {d.name}
                        {d.parent?.name ? (
                          <span className="text-slate-600"> in {d.parent.name}</span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-2 text-sm text-slate-500">The provider lists no departments.</p>
                )}
              </section>
              <section aria-labelledby="locations-heading">
                <h3 id="locations-heading" className="text-sm font-semibold text-slate-900">
                  Locations <span className="font-normal text-slate-500">({locations.length})</span>
                </h3>
                {locations.length ? (
                  <ul className="mt-2 space-y-2 text-sm text-slate-700">
                    {locations.map((l, i) => (
                      <li key={i}>
                        {l.name ? <span className="font-medium">{l.name}: </span> : null}
                        {[
                          l.line1,
                          l.line2,
                          l.city,
                          [l.state, l.postal_code].filter(Boolean).join(" "),
                          l.country,
                        ]
                          .filter(Boolean)
                          .join(", ")}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-2 text-sm text-slate-500">The provider lists no locations.</p>
                )}
              </section>
            </div>
          </div>
        );
      }}
    </ResultFrame>
  );
}
