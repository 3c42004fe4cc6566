import { and, eq, sql } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { connectionProducts, type ConnectionProduct } from "@/db/schema";

export async function listConnectionProducts({
  connectionId,
}: {
  connectionId: string;
}): Promise<ConnectionProduct[]> {
  const db = await getDb();
  return db
    .select()
    .from(connectionProducts)
    .where(eq(connectionProducts.connectionId, connectionId));
}

export async function getConnectionProduct({
  connectionId,
  product,
}: {
  connectionId: string;
  product: string;
}): Promise<ConnectionProduct | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(connectionProducts)
    .where(
      and(
        eq(connectionProducts.connectionId, connectionId),
        eq(connectionProducts.product, product),
      ),
    )
    .limit(1);
  return row;
}

export interface ProductCallRecord {
  connectionId: string;
  product: string;
  httpStatus: number | null;
  calledAt: Date;
  requestId: string | null;
  /**
   * Finch's freshness headers. Only a 200 carries data, so only a 200 moves the retrieval time;
   * undefined leaves the stored value untouched (202s, auth failures, outages).
   */
  dataRetrievedAt?: Date | null;
  lastAttemptedAt?: Date | null;
  lastAttemptResult?: string | null;
  /** Set the first time the product answers 200. */
  ready?: boolean;
}

/**
 * Records one proxied call and returns the row as it was before, so the caller can tell a
 * transition (202 → 200) from a repeat without a second query racing the first.
 */
export async function recordProductCall(
  call: ProductCallRecord,
  database?: Database,
): Promise<{ previous: ConnectionProduct | undefined; current: ConnectionProduct }> {
  const db = database ?? (await getDb());
  return db.transaction(async (tx) => {
    const [previous] = await tx
      .select()
      .from(connectionProducts)
      .where(
        and(
          eq(connectionProducts.connectionId, call.connectionId),
          eq(connectionProducts.product, call.product),
        ),
      )
      .for("update")
      .limit(1);
    const changes = {
      lastHttpStatus: call.httpStatus,
      lastCalledAt: call.calledAt,
      lastRequestId: call.requestId,
      ...(call.dataRetrievedAt !== undefined ? { dataRetrievedAt: call.dataRetrievedAt } : {}),
      ...(call.lastAttemptedAt !== undefined ? { lastAttemptedAt: call.lastAttemptedAt } : {}),
      ...(call.lastAttemptResult !== undefined
        ? { lastAttemptResult: call.lastAttemptResult }
        : {}),
    };
    const [current] = await tx
      .insert(connectionProducts)
      .values({
        connectionId: call.connectionId,
        product: call.product,
        ...changes,
        firstReadyAt: call.ready ? call.calledAt : null,
      })
      .onConflictDoUpdate({
        target: [connectionProducts.connectionId, connectionProducts.product],
        set: {
          ...changes,
          ...(call.ready
            ? {
                firstReadyAt: sql`coalesce(${connectionProducts.firstReadyAt}, ${call.calledAt.toISOString()}::timestamptz)`,
              }
            : {}),
        },
      })
      .returning();
    return { previous, current };
  });
}
