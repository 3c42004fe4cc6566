import { asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { users, type Role, type User } from "@/db/schema";

export async function getUserByEmail({ email }: { email: string }): Promise<User | undefined> {
  const db = await getDb();
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return user;
}

export async function getUserById({ id }: { id: string }): Promise<User | undefined> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

export async function listUsers(): Promise<User[]> {
  const db = await getDb();
  return db
    .select()
    .from(users)
    .orderBy(asc(sql`lower(${users.email})`));
}

export async function countActiveAdmins(): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(sql`${users.role} = 'admin' and ${users.active}`);
  return row?.n ?? 0;
}

export async function createUser(input: {
  email: string;
  name: string | null;
  role: Role;
  passwordHash: string | null;
}): Promise<User | undefined> {
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({ ...input, email: input.email.trim().toLowerCase() })
    .onConflictDoNothing()
    .returning();
  return user;
}

export async function updateUser(
  { id }: { id: string },
  changes: Partial<Pick<User, "role" | "active" | "passwordHash" | "name" | "lastSignInAt">>,
): Promise<User | undefined> {
  const db = await getDb();
  const [user] = await db
    .update(users)
    .set({
      ...changes,
      // A new password ends every session signed in with the old one.
      ...(changes.passwordHash !== undefined
        ? { sessionVersion: sql`${users.sessionVersion} + 1` }
        : {}),
      updatedAt: new Date(),
    })
    .where(eq(users.id, id))
    .returning();
  return user;
}

/** Ends every session of this user: tokens issued before now stop working on their next use. */
export async function revokeSessions({ id }: { id: string }): Promise<void> {
  const db = await getDb();
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id));
}
