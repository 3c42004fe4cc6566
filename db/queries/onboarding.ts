import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { applyConnectionStatus, syncEmployerSummary } from "@/db/queries/connections";
import {
  connectSessions,
  connections,
  events,
  exchangedCodes,
  invites,
  type Connection,
  type NewEvent,
} from "@/db/schema";

export type CodeClaim =
  | { claimed: true }
  | { claimed: false; status: "exchanging" | "done" | "failed"; connectionId: string | null };

/**
 * Claims an authorization code before it is sent to Finch. Only the first caller gets
 * `claimed: true`; a code whose earlier exchange failed may be claimed again (Finch refuses it
 * if it was in fact used, so that cannot create a second connection either), and so may a code
 * whose claim is older than `leaseMs` (its exchange crashed or was killed mid-flight).
 */
export async function claimCode({
  codeHash,
  connectSessionId,
  leaseMs,
}: {
  codeHash: string;
  connectSessionId: string | null;
  leaseMs: number;
}): Promise<CodeClaim> {
  const db = await getDb();
  const inserted = await db
    .insert(exchangedCodes)
    .values({ codeHash, connectSessionId, status: "exchanging" })
    .onConflictDoNothing()
    .returning();
  if (inserted.length) return { claimed: true };
  // The database's clock decides staleness, so instances with skewed clocks agree.
  const retried = await db
    .update(exchangedCodes)
    .set({ status: "exchanging", connectSessionId, claimedAt: sql`now()` })
    .where(
      and(
        eq(exchangedCodes.codeHash, codeHash),
        sql`(${exchangedCodes.status} = 'failed' or (${exchangedCodes.status} = 'exchanging' and ${exchangedCodes.claimedAt} < now() - ${leaseMs} * interval '1 millisecond'))`,
      ),
    )
    .returning();
  if (retried.length) return { claimed: true };
  const existing = await getExchangedCode({ codeHash });
  return {
    claimed: false,
    status: existing?.status ?? "exchanging",
    connectionId: existing?.connectionId ?? null,
  };
}

export async function getExchangedCode({ codeHash }: { codeHash: string }) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(exchangedCodes)
    .where(eq(exchangedCodes.codeHash, codeHash))
    .limit(1);
  return row;
}

export async function failCode({ codeHash }: { codeHash: string }): Promise<void> {
  const db = await getDb();
  await db
    .update(exchangedCodes)
    .set({ status: "failed" })
    .where(and(eq(exchangedCodes.codeHash, codeHash), eq(exchangedCodes.status, "exchanging")));
}

export interface ExchangedConnection {
  employerId: string;
  finchConnectionId: string;
  providerId: string;
  providerName: string | null;
  authMethod: string | null;
  assisted: boolean;
  products: string[];
  status: string;
  statusMessage: string | null;
  lastSuccessfulSync: Date | null;
  finchCompanyId: string | null;
  entityIds: string[];
  clientType: string | null;
  connectionType: string | null;
  accessTokenCiphertext: string;
  accessTokenKeyId: string;
}

export interface StoreConnectionInput {
  connection: ExchangedConnection;
  at: Date;
  timeZone: string;
  /** The code being exchanged (absent for sandbox connections made without Connect). */
  codeHash?: string | null;
  connectSessionId?: string | null;
  inviteId?: string | null;
  actor: { userId: string | null; label: string };
  /** Events to record besides the created/reauthenticated one, e.g. connect.code_exchanged. */
  extraEvents?: Omit<NewEvent, "connectionId" | "employerId">[];
}

export class ConnectionOwnershipError extends Error {}

/**
 * Stores a connection exactly once per Finch connection id, all in one transaction: the
 * connection row (new token, products, method), its status through applyConnectionStatus, the
 * employer summary, the events, the connect session and invite links, and the code's `done`.
 */
export async function storeExchangedConnection(
  input: StoreConnectionInput,
  database?: Database,
): Promise<{ connection: Connection; created: boolean }> {
  const db = database ?? (await getDb());
  const { connection: values, at, actor } = input;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const [existing] = await tx
      .select()
      .from(connections)
      .where(eq(connections.finchConnectionId, values.finchConnectionId))
      .for("update")
      .limit(1);
    if (existing && existing.employerId !== values.employerId) {
      throw new ConnectionOwnershipError(
        `Finch connection ${values.finchConnectionId} belongs to another employer`,
      );
    }
    const { status, statusMessage, lastSuccessfulSync, ...rest } = values;
    let row: Connection;
    if (existing) {
      [row] = await tx
        .update(connections)
        .set({
          ...rest,
          providerName: rest.providerName ?? existing.providerName,
          disconnectedAt: null,
          checkFailures: 0,
          lastCheckError: null,
          updatedAt: new Date(),
        })
        .where(eq(connections.id, existing.id))
        .returning();
    } else {
      [row] = await tx
        .insert(connections)
        .values({
          ...rest,
          status,
          statusMessage,
          lastSuccessfulSync,
          statusChangedAt: at,
          nextCheckAt: at,
          // The app clock: in demo mode the "Connected" date is the demo's.
          createdAt: at,
          updatedAt: at,
        })
        .returning();
    }
    const applied = await applyConnectionStatus(
      {
        connectionId: row.id,
        status,
        message: statusMessage,
        at,
        source: "connect",
        actorUserId: actor.userId,
        actorLabel: actor.label,
        lastSuccessfulSync,
        timeZone: input.timeZone,
      },
      tx,
    );
    await syncEmployerSummary(tx, values.employerId);

    const common = {
      occurredAt: at,
      employerId: values.employerId,
      connectionId: row.id,
      actorUserId: actor.userId,
      actorLabel: actor.label,
    };
    for (const event of input.extraEvents ?? [])
      await tx.insert(events).values({ ...common, ...event });
    const provider = values.providerName ?? values.providerId;
    await tx.insert(events).values({
      ...common,
      source: "connect",
      type: existing ? "connection.reauthenticated" : "connection.created",
      summary: existing
        ? `Connection to ${provider} re-authenticated; new access token stored`
        : `Connected to ${provider} (${values.assisted ? "assisted" : (values.authMethod ?? "automated")})`,
      data: {
        finchConnectionId: values.finchConnectionId,
        providerId: values.providerId,
        authMethod: values.authMethod,
        assisted: values.assisted,
        products: values.products,
        status,
        connectSessionId: input.connectSessionId ?? null,
        inviteId: input.inviteId ?? null,
      },
    });

    if (input.codeHash) {
      await tx
        .update(exchangedCodes)
        .set({ status: "done", connectionId: row.id })
        .where(eq(exchangedCodes.codeHash, input.codeHash));
    }
    if (input.connectSessionId) {
      await tx
        .update(connectSessions)
        .set({ status: "completed", completedAt: at, connectionId: row.id })
        .where(eq(connectSessions.id, input.connectSessionId));
    }
    if (input.inviteId) {
      await tx.update(invites).set({ connectionId: row.id }).where(eq(invites.id, input.inviteId));
    }
    return { connection: applied.connection ?? row, created: !existing };
  });
}

/** After Finch confirmed a disconnect: token gone, status `disconnected`, row kept as history. */
export async function markDisconnected(
  {
    connectionId,
    at,
    actor,
    timeZone,
  }: { connectionId: string; at: Date; actor: { userId: string; label: string }; timeZone: string },
  database?: Database,
): Promise<Connection | undefined> {
  const db = database ?? (await getDb());
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const { connection } = await applyConnectionStatus(
      {
        connectionId,
        status: "disconnected",
        message: "Disconnected from Perch",
        at,
        source: "staff",
        actorUserId: actor.userId,
        actorLabel: actor.label,
        timeZone,
      },
      tx,
    );
    if (!connection) return undefined;
    // applyConnectionStatus nulls the token on a change; make sure even a repeat leaves none.
    await tx
      .update(connections)
      .set({
        accessTokenCiphertext: null,
        accessTokenKeyId: null,
        disconnectedAt: sql`coalesce(${connections.disconnectedAt}, ${at.toISOString()}::timestamptz)`,
      })
      .where(eq(connections.id, connectionId));
    await syncEmployerSummary(tx, connection.employerId);
    // The invite links that made or re-authenticated this connection must not start new Connect
    // sessions for it once ops have cut it off.
    await tx
      .update(invites)
      .set({ revokedAt: at })
      .where(and(eq(invites.connectionId, connectionId), isNull(invites.revokedAt)));
    await tx.insert(events).values({
      occurredAt: at,
      source: "staff",
      type: "connection.disconnected",
      employerId: connection.employerId,
      connectionId,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      summary: `${actor.label} disconnected ${connection.providerName ?? connection.providerId}`,
      data: { finchConnectionId: connection.finchConnectionId },
    });
    return connection;
  });
}
