import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  connectionGroups,
  connectionProducts,
  connections,
  employers,
  events,
  users,
  type Connection,
  type ConnectionGroup,
  type ConnectionProduct,
} from "@/db/schema";

export interface MonitoringState {
  connection: Connection;
  groups: ConnectionGroup[];
  products: ConnectionProduct[];
}

/** A connection with its per-group and per-product records: what the status rules read. */
export async function getMonitoringState({
  connectionId,
}: {
  connectionId: string;
}): Promise<MonitoringState | undefined> {
  const db = await getDb();
  const [connection] = await db
    .select()
    .from(connections)
    .where(eq(connections.id, connectionId))
    .limit(1);
  if (!connection) return undefined;
  const [groups, products] = await Promise.all([
    db.select().from(connectionGroups).where(eq(connectionGroups.connectionId, connectionId)),
    db.select().from(connectionProducts).where(eq(connectionProducts.connectionId, connectionId)),
  ]);
  return { connection, groups, products };
}

/** The employer's current connection (same rule as getCurrentConnection) with its records. */
export async function getCurrentMonitoringState({
  employerId,
}: {
  employerId: string;
}): Promise<MonitoringState | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ id: connections.id })
    .from(connections)
    .where(eq(connections.employerId, employerId))
    .orderBy(sql`${connections.disconnectedAt} is not null`, desc(connections.createdAt))
    .limit(1);
  return row ? getMonitoringState({ connectionId: row.id }) : undefined;
}

export interface ProductObservation {
  connectionId: string;
  product: string;
  httpStatus: number;
  requestId: string | null;
  dataRetrievedAt: Date | null;
  lastAttemptedAt: Date | null;
  lastAttemptResult: string | null;
  at: Date;
}

/**
 * Records what a data call returned for one product. Returns whether this was the product's
 * first 200 (the 202→200 transition) and the HTTP status seen before.
 */
export async function recordProductObservation(
  observation: ProductObservation,
): Promise<{ firstReady: boolean; previousStatus: number | null }> {
  const db = await getDb();
  const ready = observation.httpStatus === 200;
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(connectionProducts)
      .where(
        and(
          eq(connectionProducts.connectionId, observation.connectionId),
          eq(connectionProducts.product, observation.product),
        ),
      )
      .for("update")
      .limit(1);
    const values = {
      lastHttpStatus: observation.httpStatus,
      lastRequestId: observation.requestId,
      lastCalledAt: observation.at,
      firstReadyAt: before?.firstReadyAt ?? (ready ? observation.at : null),
      dataRetrievedAt: observation.dataRetrievedAt ?? before?.dataRetrievedAt ?? null,
      lastAttemptedAt: observation.lastAttemptedAt ?? before?.lastAttemptedAt ?? null,
      lastAttemptResult: observation.lastAttemptResult ?? before?.lastAttemptResult ?? null,
    };
    await tx
      .insert(connectionProducts)
      .values({ connectionId: observation.connectionId, product: observation.product, ...values })
      .onConflictDoUpdate({
        target: [connectionProducts.connectionId, connectionProducts.product],
        set: values,
      });
    return {
      firstReady: ready && !before?.firstReadyAt,
      previousStatus: before?.lastHttpStatus ?? null,
    };
  });
}

/** Stores the alerts' kinds on the employer row, where lists filter and the overview counts. */
export async function setEmployerAttention({
  employerId,
  kinds,
  since,
}: {
  employerId: string;
  kinds: string[];
  since: Date | null;
}): Promise<void> {
  const db = await getDb();
  const unique = [...new Set(kinds)].sort();
  await db
    .update(employers)
    .set({
      needsAttention: unique.length > 0,
      attentionKinds: unique,
      attentionSince: unique.length ? since : null,
      updatedAt: new Date(),
    })
    .where(eq(employers.id, employerId));
}

/** Notes a finished Finch sync (job.data_sync_all.completed) on the connection. */
export async function noteSuccessfulSync({
  connectionId,
  at,
}: {
  connectionId: string;
  at: Date;
}): Promise<void> {
  const db = await getDb();
  await db
    .update(connections)
    .set({ lastSuccessfulSync: at, updatedAt: new Date() })
    .where(eq(connections.id, connectionId));
}

/** Employers with a live connection, for recomputing attention after the clock moves. */
export async function listMonitoredEmployerIds({
  after,
  limit,
}: {
  after?: string;
  limit: number;
}): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: employers.id })
    .from(employers)
    .where(
      and(
        sql`${employers.connectionStatus} is not null`,
        after ? sql`${employers.id} > ${after}` : undefined,
      ),
    )
    .orderBy(employers.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

export type AuditEntry = typeof events.$inferSelect & {
  actorEmail: string | null;
  employerName: string | null;
};

/** Staff actions, newest first, optionally for one person and/or one employer. */
export async function listAuditLog({
  actorUserId,
  employerId,
  before,
  limit = 50,
}: {
  actorUserId?: string;
  employerId?: string;
  before?: number;
  limit?: number;
}): Promise<AuditEntry[]> {
  const db = await getDb();
  const rows = await db
    .select({ event: events, actorEmail: users.email, employerName: employers.name })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorUserId))
    .leftJoin(employers, eq(employers.id, events.employerId))
    .where(
      and(
        eq(events.source, "staff"),
        actorUserId ? eq(events.actorUserId, actorUserId) : undefined,
        employerId ? eq(events.employerId, employerId) : undefined,
        before ? lt(events.id, before) : undefined,
      ),
    )
    .orderBy(desc(events.id))
    .limit(Math.min(limit, 200));
  return rows.map((r) => ({ ...r.event, actorEmail: r.actorEmail, employerName: r.employerName }));
}

/** Employers that staff have acted on, for the audit log's filter. */
export async function listAuditedEmployers({ limit = 200 }: { limit?: number } = {}) {
  const db = await getDb();
  return db
    .selectDistinct({ id: employers.id, name: employers.name })
    .from(events)
    .innerJoin(employers, eq(employers.id, events.employerId))
    .where(eq(events.source, "staff"))
    .orderBy(employers.name, employers.id)
    .limit(limit);
}

/**
 * getCurrentMonitoringState for many employers in three queries, however many there are: what a
 * sweep reads once per batch of checks instead of once per check.
 */
export async function getCurrentMonitoringStates({
  employerIds,
}: {
  employerIds: string[];
}): Promise<Map<string, MonitoringState>> {
  const states = new Map<string, MonitoringState>();
  if (!employerIds.length) return states;
  const db = await getDb();
  const current = await db
    .selectDistinctOn([connections.employerId])
    .from(connections)
    .where(inArray(connections.employerId, employerIds))
    .orderBy(
      connections.employerId,
      sql`${connections.disconnectedAt} is not null`,
      desc(connections.createdAt),
    );
  if (!current.length) return states;
  const ids = current.map((c) => c.id);
  const [groups, products] = await Promise.all([
    db.select().from(connectionGroups).where(inArray(connectionGroups.connectionId, ids)),
    db.select().from(connectionProducts).where(inArray(connectionProducts.connectionId, ids)),
  ]);
  const byConnection = new Map<string, MonitoringState>();
  for (const connection of current) {
    const state = { connection, groups: [], products: [] } as MonitoringState;
    byConnection.set(connection.id, state);
    states.set(connection.employerId, state);
  }
  for (const g of groups) byConnection.get(g.connectionId)?.groups.push(g);
  for (const p of products) byConnection.get(p.connectionId)?.products.push(p);
  return states;
}

export interface EmployerAttention {
  employerId: string;
  kinds: string[];
  since: Date | null;
}

/** setEmployerAttention for many employers in one statement; rows already right are not touched. */
export async function setEmployersAttention(rows: EmployerAttention[]): Promise<void> {
  if (!rows.length) return;
  const db = await getDb();
  const values = JSON.stringify(
    rows.map((row) => {
      const kinds = [...new Set(row.kinds)].sort();
      return {
        id: row.employerId,
        kinds,
        since: kinds.length ? (row.since?.toISOString() ?? null) : null,
      };
    }),
  );
  await db.execute(sql`
    update ${employers} as e set
      needs_attention = cardinality(o.kinds) > 0,
      attention_kinds = o.kinds,
      attention_since = o.since,
      updated_at = now()
    from (
      select id, since, array(select jsonb_array_elements_text(kinds)) as kinds
      from jsonb_to_recordset(${values}::jsonb) as r(id uuid, kinds jsonb, since timestamptz)
    ) as o
    where e.id = o.id
      and (e.attention_kinds is distinct from o.kinds
        or e.attention_since is distinct from o.since
        or e.needs_attention is distinct from (cardinality(o.kinds) > 0))`);
}
