import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { CURRENT_CONNECTION_FIRST } from "@/db/queries/current-connection";
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
import type { AttentionInstants } from "@/lib/status/attention";

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
    .orderBy(...CURRENT_CONNECTION_FIRST)
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

/**
 * Stores when each alert kind begins for the employer (lib/status/attention.ts), so lists, counts
 * and the overview compare them with the moment of reading and never need a sweep to flip.
 */
export async function setEmployerAttention({
  employerId,
  instants,
}: {
  employerId: string;
  instants: AttentionInstants;
}): Promise<void> {
  // Only when an instant moves: an unchanged row is not rewritten (nor its triggers run).
  await setEmployersAttention([{ employerId, instants }]);
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
    .orderBy(connections.employerId, ...CURRENT_CONNECTION_FIRST);
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
  instants: AttentionInstants;
}

/** setEmployerAttention for many employers in one statement; rows already right are not touched. */
export async function setEmployersAttention(rows: EmployerAttention[]): Promise<void> {
  if (!rows.length) return;
  const db = await getDb();
  const iso = (value: Date | null) => value?.toISOString() ?? null;
  const values = JSON.stringify(
    rows.map(({ employerId, instants: i }) => ({
      id: employerId,
      attention_at: iso(i.attentionAt),
      pending_too_long_at: iso(i.pendingTooLongAt),
      configuration_overdue_at: iso(i.configurationOverdueAt),
      employer_action_needed_at: iso(i.employerActionNeededAt),
      reauth_needed_at: iso(i.reauthNeededAt),
      stale_data_at: iso(i.staleDataAt),
    })),
  );
  await db.execute(sql`
    update ${employers} as e set
      attention_at = o.attention_at,
      pending_too_long_at = o.pending_too_long_at,
      configuration_overdue_at = o.configuration_overdue_at,
      employer_action_needed_at = o.employer_action_needed_at,
      reauth_needed_at = o.reauth_needed_at,
      stale_data_at = o.stale_data_at
    from jsonb_to_recordset(${values}::jsonb) as o(
      id uuid, attention_at timestamptz, pending_too_long_at timestamptz,
      configuration_overdue_at timestamptz, employer_action_needed_at timestamptz,
      reauth_needed_at timestamptz, stale_data_at timestamptz)
    where e.id = o.id
      and (e.attention_at, e.pending_too_long_at, e.configuration_overdue_at,
        e.employer_action_needed_at, e.reauth_needed_at, e.stale_data_at)
        is distinct from (o.attention_at, o.pending_too_long_at, o.configuration_overdue_at,
        o.employer_action_needed_at, o.reauth_needed_at, o.stale_data_at)`);
}
