import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { CURRENT_CONNECTION_FIRST } from "@/db/queries/current-connection";
import { connectionGroups, connections, employers, events, type Connection } from "@/db/schema";
import { describeStatus, normalizeStatus } from "@/lib/status/catalogue";
import { addCalendarDays } from "@/lib/status/calendar";
import { nextCheckAt } from "@/lib/status/next-check";
import { PRODUCT_GROUPS, groupsForProducts } from "@/lib/status/products";
import type { EventSource } from "@/db/schema";

export async function getConnectionById({ id }: { id: string }): Promise<Connection | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(connections).where(eq(connections.id, id)).limit(1);
  return row;
}

export async function getConnectionByFinchId({ finchConnectionId }: { finchConnectionId: string }) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(connections)
    .where(eq(connections.finchConnectionId, finchConnectionId))
    .limit(1);
  return row;
}

/** The employer's newest connection (a disconnected one stays as history behind a newer one). */
export async function getCurrentConnection({
  employerId,
}: {
  employerId: string;
}): Promise<Connection | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(connections)
    .where(eq(connections.employerId, employerId))
    .orderBy(...CURRENT_CONNECTION_FIRST)
    .limit(1);
  return row;
}

export async function listConnectionsForEmployer({
  employerId,
}: {
  employerId: string;
}): Promise<Connection[]> {
  const db = await getDb();
  return db
    .select()
    .from(connections)
    .where(eq(connections.employerId, employerId))
    .orderBy(desc(connections.createdAt));
}

export interface StatusObservation {
  connectionId: string;
  status: string;
  message?: string | null;
  /** When the status held, by Finch's evidence (a webhook's Finch-Timestamp), else when seen. */
  at: Date;
  /** When Perch learnt it, if later than `at`; kept beside Finch's verification instant. */
  noticedAt?: Date;
  source: EventSource;
  finchEventId?: string | null;
  actorUserId?: string | null;
  actorLabel?: string | null;
  lastSuccessfulSync?: Date | null;
  timeZone: string;
}

/**
 * Records what Finch says a connection's status is. Only a change writes a status event; the
 * first `processing` or `connected` of an assisted connection starts its configuration periods.
 * Also keeps the employer's summary columns and the next sweep time in step.
 */
export async function applyConnectionStatus(
  observation: StatusObservation,
  database?: Database,
): Promise<{ changed: boolean; previous: string | null; connection: Connection | undefined }> {
  const db = database ?? (await getDb());
  const status = normalizeStatus(observation.status);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(connections)
      .where(eq(connections.id, observation.connectionId))
      .for("update")
      .limit(1);
    if (!current) return { changed: false, previous: null, connection: undefined };

    const changed = current.status !== status;
    const verifies =
      current.assisted &&
      !current.permissionsVerifiedAt &&
      (status === "processing" || status === "connected");
    const verifiedAt = verifies ? observation.at : current.permissionsVerifiedAt;
    const [updated] = await tx
      .update(connections)
      .set({
        status,
        statusMessage: observation.message ?? current.statusMessage,
        statusChangedAt: changed ? observation.at : current.statusChangedAt,
        permissionsVerifiedAt: verifiedAt,
        permissionsVerifiedNoticedAt: verifies
          ? (observation.noticedAt ?? observation.at)
          : current.permissionsVerifiedNoticedAt,
        lastSuccessfulSync: observation.lastSuccessfulSync ?? current.lastSuccessfulSync,
        disconnectedAt:
          status === "disconnected"
            ? (current.disconnectedAt ?? observation.at)
            : current.disconnectedAt,
        accessTokenCiphertext: status === "disconnected" ? null : current.accessTokenCiphertext,
        accessTokenKeyId: status === "disconnected" ? null : current.accessTokenKeyId,
        nextCheckAt: changed
          ? nextCheckAt({
              status,
              assisted: current.assisted,
              now: observation.at,
              lastWebhookAt: current.lastWebhookAt,
            })
          : current.nextCheckAt,
        updatedAt: new Date(),
      })
      .where(eq(connections.id, current.id))
      .returning();

    if (verifies && verifiedAt) {
      for (const group of groupsForProducts(current.products)) {
        const expectedReadyAt = addCalendarDays(
          verifiedAt,
          PRODUCT_GROUPS[group].configurationDays,
          observation.timeZone,
        );
        await tx
          .insert(connectionGroups)
          .values({ connectionId: current.id, group, expectedReadyAt })
          .onConflictDoUpdate({
            target: [connectionGroups.connectionId, connectionGroups.group],
            set: { expectedReadyAt },
          });
      }
    }

    if (changed) {
      const from = describeStatus(current.status).label;
      const to = describeStatus(status).label;
      await tx.insert(events).values({
        occurredAt: observation.at,
        source: observation.source,
        type: "connection.status_changed",
        employerId: current.employerId,
        connectionId: current.id,
        actorUserId: observation.actorUserId ?? null,
        actorLabel: observation.actorLabel ?? null,
        finchEventId: observation.finchEventId ?? null,
        summary: `Status changed from ${from} to ${to}`,
        data: {
          from: current.status,
          to: status,
          message: observation.message ?? null,
          verifiedPermissions: verifies,
        },
      });
      await syncEmployerSummary(tx as unknown as Database, current.employerId);
    }
    return { changed, previous: current.status, connection: updated };
  });
}

/** Copies the current connection's status onto the employer row that lists filter and sort on. */
export async function syncEmployerSummary(db: Database, employerId: string): Promise<void> {
  const [current] = await db
    .select()
    .from(connections)
    .where(eq(connections.employerId, employerId))
    .orderBy(...CURRENT_CONNECTION_FIRST)
    .limit(1);
  await db
    .update(employers)
    .set({
      connectionStatus: current?.status ?? null,
      providerId: current?.providerId ?? null,
      assisted: current?.assisted ?? null,
      statusChangedAt: current?.statusChangedAt ?? null,
      updatedAt: new Date(),
    })
    .where(eq(employers.id, employerId));
}

export async function listConnectionGroups({ connectionId }: { connectionId: string }) {
  const db = await getDb();
  return db.select().from(connectionGroups).where(eq(connectionGroups.connectionId, connectionId));
}

/** Marks a product group ready the first time one of its endpoints answers 200 (or Finch says so). */
export async function markGroupReady(
  {
    connectionId,
    group,
    at,
    noticedAt,
    source,
  }: {
    connectionId: string;
    group: string;
    /** Finch's instant (lib/status readinessInstant); `noticedAt` is when Perch saw it. */
    at: Date;
    noticedAt?: Date;
    source: string;
  },
  database?: Database,
): Promise<boolean> {
  const db = database ?? (await getDb());
  const rows = await db
    .insert(connectionGroups)
    .values({
      connectionId,
      group,
      readyAt: at,
      readyNoticedAt: noticedAt ?? at,
      readySource: source,
    })
    .onConflictDoUpdate({
      target: [connectionGroups.connectionId, connectionGroups.group],
      set: { readyAt: at, readyNoticedAt: noticedAt ?? at, readySource: source },
      setWhere: sql`${connectionGroups.readyAt} is null`,
    })
    .returning();
  return rows.length > 0;
}

export async function touchConnection(
  { id }: { id: string },
  changes: Partial<Connection>,
): Promise<void> {
  const db = await getDb();
  await db
    .update(connections)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(connections.id, id)));
}
