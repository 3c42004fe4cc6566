import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { connections, type Connection } from "@/db/schema";

export interface LeaseRequest {
  /** Who holds the lease (process and run), so only its holder may release it. */
  owner: string;
  /** The app's clock: connections whose nextCheckAt is at or before it are due. */
  now: Date;
  /** Wall-clock time: leases are about real processes, so they expire in real time. */
  wallNow?: Date;
  leaseMs: number;
  limit: number;
  /** Check these connections whether due or not (an ops refresh, the demo clock). */
  connectionIds?: string[];
  /** Every live connection, due or not. */
  all?: boolean;
}

/**
 * Leases due connections in one short transaction. `FOR UPDATE SKIP LOCKED` makes concurrent
 * sweeps (other instances, overlapping cron runs) pass over rows another one is leasing, and the
 * lease expiry keeps a leased row out of every other sweep until its holder releases it.
 */
export async function leaseDueConnections(request: LeaseRequest): Promise<Connection[]> {
  const db = await getDb();
  const wallNow = request.wallNow ?? new Date();
  const leaseUntil = new Date(wallNow.getTime() + request.leaseMs);
  const conditions: (SQL | undefined)[] = [
    isNull(connections.disconnectedAt),
    isNotNull(connections.accessTokenCiphertext),
    or(isNull(connections.leaseUntil), lt(connections.leaseUntil, wallNow)),
  ];
  if (request.connectionIds) {
    if (!request.connectionIds.length) return [];
    conditions.push(inArray(connections.id, request.connectionIds));
  } else if (!request.all) {
    conditions.push(lte(connections.nextCheckAt, request.now));
  }
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: connections.id })
      .from(connections)
      .where(and(...conditions))
      .orderBy(asc(connections.nextCheckAt), asc(connections.id))
      .limit(request.limit)
      // Named connections (an ops refresh) wait for a webhook that is updating the row instead
      // of skipping it; the lease condition, re-checked after the wait, still keeps runs apart.
      .for("update", request.connectionIds ? {} : { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(connections)
      .set({ leaseUntil, leaseOwner: request.owner })
      .where(
        inArray(
          connections.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
  });
}

export interface CheckOutcome {
  lastCheckedAt: Date;
  nextCheckAt: Date;
  checkFailures: number;
  lastCheckError: string | null;
}

/** Records how a check went and gives the lease back, if this owner still holds it. */
export async function releaseConnection({
  id,
  owner,
  outcome,
}: {
  id: string;
  owner: string;
  outcome: CheckOutcome | null;
}): Promise<void> {
  const db = await getDb();
  await db
    .update(connections)
    .set({ ...(outcome ?? {}), leaseUntil: null, leaseOwner: null, updatedAt: new Date() })
    .where(and(eq(connections.id, id), eq(connections.leaseOwner, owner)));
}
