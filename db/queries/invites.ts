import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { invites, type Invite } from "@/db/schema";

export type NewInvite = typeof invites.$inferInsert;

export async function insertInvite(values: NewInvite): Promise<Invite> {
  const db = await getDb();
  const [row] = await db.insert(invites).values(values).returning();
  return row;
}

export async function getInviteByTokenHash({
  tokenHash,
}: {
  tokenHash: string;
}): Promise<Invite | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(invites).where(eq(invites.tokenHash, tokenHash)).limit(1);
  return row;
}

export async function getInviteById({ id }: { id: string }): Promise<Invite | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(invites).where(eq(invites.id, id)).limit(1);
  return row;
}

export async function listInvites({
  employerId,
  limit = 20,
}: {
  employerId: string;
  limit?: number;
}): Promise<Invite[]> {
  const db = await getDb();
  return db
    .select()
    .from(invites)
    .where(eq(invites.employerId, employerId))
    .orderBy(desc(invites.createdAt))
    .limit(limit);
}

export async function countActiveInvites({
  employerId,
  now,
}: {
  employerId: string;
  now: Date;
}): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ id: invites.id })
    .from(invites)
    .where(
      and(
        eq(invites.employerId, employerId),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, now),
      ),
    );
  return rows.length;
}

/** Revokes an invite of this employer; undefined if there is none or it was already revoked. */
export async function revokeInviteRow({
  id,
  employerId,
  at,
}: {
  id: string;
  employerId: string;
  at: Date;
}): Promise<Invite | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(invites)
    .set({ revokedAt: at })
    .where(and(eq(invites.id, id), eq(invites.employerId, employerId), isNull(invites.revokedAt)))
    .returning();
  return row;
}

export async function touchInvite({
  id,
  lastOpenedAt,
  connectionId,
}: {
  id: string;
  lastOpenedAt?: Date;
  connectionId?: string;
}): Promise<void> {
  const db = await getDb();
  await db
    .update(invites)
    .set({
      ...(lastOpenedAt ? { lastOpenedAt } : {}),
      ...(connectionId ? { connectionId } : {}),
    })
    .where(eq(invites.id, id));
}
