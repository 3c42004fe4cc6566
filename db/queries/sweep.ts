import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { connectionGroups, connectionProducts, connections, type Connection } from "@/db/schema";

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

export interface RecordedCheck {
  id: string;
  outcome: CheckOutcome;
  /** The status the check concluded; the schedule only applies while the row still has it. */
  status: string;
  /** Finch's status message and last sync from introspection, when the status did not change. */
  statusMessage?: string | null;
  lastSuccessfulSync?: Date | null;
}

/**
 * Records a batch of finished checks and gives their leases back, in one statement. A row whose
 * status moved under the check (a webhook, an ops action) keeps the schedule its writer set, so
 * a webhook's "confirm this at once" survives a check that saw the old status.
 */
export async function recordChecks({
  owner,
  checks,
}: {
  owner: string;
  checks: RecordedCheck[];
}): Promise<void> {
  if (!checks.length) return;
  const db = await getDb();
  const rows = JSON.stringify(
    checks.map((c) => ({
      id: c.id,
      status: c.status,
      last_checked_at: c.outcome.lastCheckedAt.toISOString(),
      next_check_at: c.outcome.nextCheckAt.toISOString(),
      check_failures: c.outcome.checkFailures,
      last_check_error: c.outcome.lastCheckError,
      status_message: c.statusMessage ?? null,
      last_successful_sync: c.lastSuccessfulSync?.toISOString() ?? null,
    })),
  );
  await db.execute(sql`
    update ${connections} as c set
      last_checked_at = o.last_checked_at,
      next_check_at = case when c.status = o.status then o.next_check_at else c.next_check_at end,
      check_failures = o.check_failures,
      last_check_error = o.last_check_error,
      status_message = coalesce(o.status_message, c.status_message),
      last_successful_sync = coalesce(o.last_successful_sync, c.last_successful_sync),
      lease_until = null,
      lease_owner = null,
      updated_at = now()
    from jsonb_to_recordset(${rows}::jsonb) as o(
      id uuid, status text, last_checked_at timestamptz, next_check_at timestamptz,
      check_failures integer, last_check_error text, status_message text,
      last_successful_sync timestamptz)
    where c.id = o.id and c.lease_owner = ${owner}`);
}

/** Gives back leases this owner took but never started (the run's time ran out), in one statement. */
export async function releaseLeases({
  ids,
  owner,
}: {
  ids: string[];
  owner: string;
}): Promise<void> {
  if (!ids.length) return;
  const db = await getDb();
  await db
    .update(connections)
    .set({ leaseUntil: null, leaseOwner: null })
    .where(and(inArray(connections.id, ids), eq(connections.leaseOwner, owner)));
}

export interface ProbeState {
  readyGroups: Set<string>;
  lastHttpStatus: Map<string, number | null>;
}

/** Which groups are ready and what each product last answered, for many connections at once. */
export async function loadProbeStates({
  connectionIds,
}: {
  connectionIds: string[];
}): Promise<Map<string, ProbeState>> {
  const states = new Map<string, ProbeState>(
    connectionIds.map((id) => [id, { readyGroups: new Set(), lastHttpStatus: new Map() }]),
  );
  if (!connectionIds.length) return states;
  const db = await getDb();
  const [groups, products] = await Promise.all([
    db
      .select({ connectionId: connectionGroups.connectionId, group: connectionGroups.group })
      .from(connectionGroups)
      .where(
        and(
          inArray(connectionGroups.connectionId, connectionIds),
          isNotNull(connectionGroups.readyAt),
        ),
      ),
    db
      .select({
        connectionId: connectionProducts.connectionId,
        product: connectionProducts.product,
        lastHttpStatus: connectionProducts.lastHttpStatus,
      })
      .from(connectionProducts)
      .where(inArray(connectionProducts.connectionId, connectionIds)),
  ]);
  for (const g of groups) states.get(g.connectionId)?.readyGroups.add(g.group);
  for (const p of products)
    states.get(p.connectionId)?.lastHttpStatus.set(p.product, p.lastHttpStatus);
  return states;
}
