import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { connectionEntities, type ConnectionEntity } from "@/db/schema";
import { ENTITY_ATTENTION_STATUSES, nextEntityState } from "@/lib/status/entities";

const needsAttentionCount = sql<number>`count(*) filter (where ${inArray(
  connectionEntities.status,
  ENTITY_ATTENTION_STATUSES,
)})`.mapWith(Number);

export interface EntityReport {
  finchEntityId: string;
  name: string | null;
  sourceId: string | null;
  status: string;
}

export async function listConnectionEntities({
  connectionId,
}: {
  connectionId: string;
}): Promise<ConnectionEntity[]> {
  const db = await getDb();
  return db
    .select()
    .from(connectionEntities)
    .where(eq(connectionEntities.connectionId, connectionId))
    .orderBy(asc(connectionEntities.createdAt), asc(connectionEntities.sourceId));
}

/**
 * Records what introspection said about each entity. Only multi-entity connections get rows:
 * a single entity is the connection itself, whose status lives on `connections`.
 */
export async function saveEntityReports({
  connectionId,
  employerId,
  entities,
  at,
}: {
  connectionId: string;
  employerId: string;
  entities: EntityReport[];
  at: Date;
}): Promise<void> {
  // Finch keeps disconnected entities in the list, so a multi-entity connection never drops below
  // two: single-entity connections (nearly all) cost the sweep no query here.
  if (entities.length < 2) return;
  const existing = await listConnectionEntities({ connectionId });
  const db = await getDb();
  for (const report of entities) {
    const previous = existing.find((row) => row.finchEntityId === report.finchEntityId) ?? null;
    const state = nextEntityState(previous, report.status, at);
    await db
      .insert(connectionEntities)
      .values({
        connectionId,
        employerId,
        finchEntityId: report.finchEntityId,
        name: report.name,
        sourceId: report.sourceId,
        ...state,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoUpdate({
        target: [connectionEntities.connectionId, connectionEntities.finchEntityId],
        set: { name: report.name, sourceId: report.sourceId, ...state, updatedAt: at },
      });
  }
}

/** A webhook's `account.updated` for one entity. Returns null when the entity is not on file. */
export async function applyEntityStatus({
  connectionId,
  finchEntityId,
  status,
  at,
}: {
  connectionId: string;
  finchEntityId: string;
  status: string;
  at: Date;
}): Promise<{ changed: boolean; previous: string } | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(connectionEntities)
    .where(
      and(
        eq(connectionEntities.connectionId, connectionId),
        eq(connectionEntities.finchEntityId, finchEntityId),
      ),
    )
    .limit(1);
  if (!row) return null;
  const state = nextEntityState(row, status, at);
  await db
    .update(connectionEntities)
    .set({ ...state, updatedAt: at })
    .where(eq(connectionEntities.id, row.id));
  return { changed: row.status !== status, previous: row.status };
}

export async function noteEntityDataRetrieved({
  connectionId,
  finchEntityId,
  retrievedAt,
}: {
  connectionId: string;
  finchEntityId: string;
  retrievedAt: Date;
}): Promise<void> {
  const db = await getDb();
  await db
    .update(connectionEntities)
    .set({
      dataRetrievedAt: sql`greatest(${connectionEntities.dataRetrievedAt}, ${retrievedAt.toISOString()}::timestamptz)`,
    })
    .where(
      and(
        eq(connectionEntities.connectionId, connectionId),
        eq(connectionEntities.finchEntityId, finchEntityId),
      ),
    );
}

/** Across the portfolio, exact: employers with several entities, their entities, broken ones. */
export async function countEntityTotals(): Promise<{
  employers: number;
  entities: number;
  needsAttention: number;
}> {
  const db = await getDb();
  const [row] = await db
    .select({
      employers: sql<number>`count(distinct ${connectionEntities.employerId})`.mapWith(Number),
      entities: count(),
      needsAttention: needsAttentionCount,
    })
    .from(connectionEntities)
    .where(sql`${connectionEntities.status} <> 'disconnected'`);
  return row ?? { employers: 0, entities: 0, needsAttention: 0 };
}
