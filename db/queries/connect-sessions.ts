import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { connectSessions, type ConnectSession } from "@/db/schema";

export type NewConnectSession = typeof connectSessions.$inferInsert;

export async function insertConnectSession(values: NewConnectSession): Promise<ConnectSession> {
  const db = await getDb();
  const [row] = await db.insert(connectSessions).values(values).returning();
  return row;
}

export async function getConnectSessionByFinchId({
  finchSessionId,
}: {
  finchSessionId: string;
}): Promise<ConnectSession | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(connectSessions)
    .where(eq(connectSessions.finchSessionId, finchSessionId))
    .limit(1);
  return row;
}

export async function getConnectSessionById({
  id,
}: {
  id: string;
}): Promise<ConnectSession | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(connectSessions).where(eq(connectSessions.id, id)).limit(1);
  return row;
}

/**
 * Redirect flow: the state is single use. Returns the session the state belonged to and clears
 * the hash in the same statement, so a replayed callback finds nothing.
 */
export async function consumeSessionState({
  stateHash,
}: {
  stateHash: string;
}): Promise<ConnectSession | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(connectSessions)
    .set({ stateHash: null })
    .where(eq(connectSessions.stateHash, stateHash))
    .returning();
  return row;
}

export async function markConnectSession({
  id,
  status,
  completedAt,
  connectionId,
}: {
  id: string;
  status: string;
  completedAt?: Date | null;
  connectionId?: string | null;
}): Promise<void> {
  const db = await getDb();
  await db
    .update(connectSessions)
    .set({
      status,
      ...(completedAt !== undefined ? { completedAt } : {}),
      ...(connectionId !== undefined ? { connectionId } : {}),
    })
    .where(and(eq(connectSessions.id, id), isNull(connectSessions.completedAt)));
}

export async function listConnectSessions({
  employerId,
  limit = 10,
}: {
  employerId: string;
  limit?: number;
}): Promise<ConnectSession[]> {
  const db = await getDb();
  return db
    .select()
    .from(connectSessions)
    .where(eq(connectSessions.employerId, employerId))
    .orderBy(desc(connectSessions.createdAt))
    .limit(limit);
}
