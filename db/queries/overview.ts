import { and, asc, count, eq, gte, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { connectionGroups, connections, employers } from "@/db/schema";

export interface StatusCount {
  status: string | null;
  count: number;
}

/** Employers per connection status (null: never connected), archived ones left out. */
export async function countEmployersByStatus(): Promise<StatusCount[]> {
  const db = await getDb();
  const rows = await db
    .select({ status: employers.connectionStatus, count: count() })
    .from(employers)
    .where(isNull(employers.archivedAt))
    .groupBy(employers.connectionStatus);
  return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
}

/** How many employers carry each alert kind, plus "any". */
export async function countAttentionKinds(): Promise<Record<string, number>> {
  const db = await getDb();
  const rows = await db
    .select({ kind: sql<string>`unnest(${employers.attentionKinds})`, count: count() })
    .from(employers)
    .where(and(isNull(employers.archivedAt), eq(employers.needsAttention, true)))
    .groupBy(sql`1`);
  const [{ any }] = await db
    .select({ any: count() })
    .from(employers)
    .where(and(isNull(employers.archivedAt), eq(employers.needsAttention, true)));
  return Object.fromEntries([["any", Number(any)], ...rows.map((r) => [r.kind, Number(r.count)])]);
}

/** Employers needing attention, longest-waiting first. */
export async function listAttentionEmployers({ limit }: { limit: number }) {
  const db = await getDb();
  return db
    .select()
    .from(employers)
    .where(and(isNull(employers.archivedAt), eq(employers.needsAttention, true)))
    .orderBy(asc(employers.attentionSince), asc(employers.id))
    .limit(limit);
}

export interface PendingGroup {
  employerId: string;
  employerName: string;
  connectionId: string;
  group: string;
  expectedReadyAt: Date;
}

/** Product groups not ready yet, expected in [from, until) (or before `until` when from is null). */
export async function listExpectedGroups({
  from,
  until,
  limit = 500,
}: {
  from: Date | null;
  until: Date;
  limit?: number;
}): Promise<PendingGroup[]> {
  const db = await getDb();
  const rows = await db
    .select({
      employerId: employers.id,
      employerName: employers.name,
      connectionId: connections.id,
      group: connectionGroups.group,
      expectedReadyAt: connectionGroups.expectedReadyAt,
    })
    .from(connectionGroups)
    .innerJoin(connections, eq(connections.id, connectionGroups.connectionId))
    .innerJoin(employers, eq(employers.id, connections.employerId))
    .where(
      and(
        isNull(connectionGroups.readyAt),
        isNull(connections.disconnectedAt),
        isNull(employers.archivedAt),
        from ? gte(connectionGroups.expectedReadyAt, from) : undefined,
        lt(connectionGroups.expectedReadyAt, until),
      ),
    )
    .orderBy(asc(connectionGroups.expectedReadyAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, expectedReadyAt: r.expectedReadyAt! }));
}
