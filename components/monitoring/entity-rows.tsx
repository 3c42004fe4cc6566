import { RelativeTime } from "@/components/monitoring/relative-time";
import { StatusBadge } from "@/components/monitoring/status-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { listConnectionEntities } from "@/db/queries/entities";
import type { Connection, ConnectionEntity } from "@/db/schema";
import { env } from "@/lib/env";
import { connectionCountdowns } from "@/lib/status/countdown";
import { entityNeedsAttention, entitySummary } from "@/lib/status/entities";
import { groupsForProducts } from "@/lib/status/products";

export interface EntityRowsProps {
  connection: Connection | null;
  now: Date;
}

function countdownsOf(
  entity: ConnectionEntity,
  connection: Connection,
  now: Date,
  timeZone: string,
) {
  // Perch learns an entity's readiness from its status: connected means every group is ready.
  const readyAt = entity.status === "connected" ? entity.statusChangedAt : null;
  return connectionCountdowns({
    products: connection.products,
    assisted: connection.assisted,
    verifiedAt: entity.permissionsVerifiedAt,
    readyAtByGroup: Object.fromEntries(
      groupsForProducts(connection.products).map((group) => [group, readyAt]),
    ),
    now,
    timeZone,
  });
}

/** A multi-entity connection: one row per legal entity with its own status, countdowns and freshness. */
export async function EntityRows({ connection, now }: EntityRowsProps) {
  if (!connection) return null;
  const entities = await listConnectionEntities({ connectionId: connection.id });
  if (entities.length === 0) return null;
  const { timeZone } = env();
  const live = entities.filter((e) => e.status !== "disconnected");
  const summary = entitySummary({
    total: live.length,
    needsAttention: live.filter((e) => entityNeedsAttention(e.status)).length,
  });
  return (
    <Card id="entities">
      <CardHeader
        title="Entities"
        description={`${summary}. Finch reports each legal entity of this connection separately; data is read one entity at a time.`}
      />
      <div className="overflow-x-auto px-5 pb-5">
        <table className="w-full text-left text-sm" aria-label="Entities">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 pr-4 font-medium">Entity</th>
              <th className="py-2 pr-4 font-medium">Status</th>
              <th className="py-2 pr-4 font-medium">Configuration</th>
              <th className="py-2 font-medium">Data retrieved</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entities.map((entity) => (
              <tr key={entity.id} data-entity-id={entity.finchEntityId}>
                <th scope="row" className="py-3 pr-4 font-medium text-slate-900">
                  {entity.name ?? entity.finchEntityId}
                  <div className="font-mono text-xs font-normal text-slate-500">
                    {entity.finchEntityId}
                  </div>
                </th>
                <td className="py-3 pr-4">
                  <StatusBadge status={entity.status} />
                  <div className="mt-1 text-xs text-slate-500">
                    since <RelativeTime at={entity.statusChangedAt} now={now} timeZone={timeZone} />
                  </div>
                </td>
                <td className="py-3 pr-4 text-slate-700">
                  {entity.status === "disconnected" ? (
                    "—"
                  ) : (
                    <ul className="space-y-0.5">
                      {countdownsOf(entity, connection, now, timeZone).map((countdown) => (
                        <li key={countdown.group}>
                          <span className="text-slate-500">{countdown.label}:</span>{" "}
                          {countdown.summary}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="py-3 text-slate-700">
                  {entity.dataRetrievedAt ? (
                    <RelativeTime at={entity.dataRetrievedAt} now={now} timeZone={timeZone} />
                  ) : (
                    "Not read yet"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
