import { and, eq, ne } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { employers, type Employer } from "@/db/schema";

const UUID = /^[0-9a-f-]{36}$/i;

export async function getEmployerById({ id }: { id: string }): Promise<Employer | undefined> {
  if (!UUID.test(id)) return undefined;
  const db = await getDb();
  const [row] = await db.select().from(employers).where(eq(employers.id, id)).limit(1);
  return row;
}

export async function getEmployerByCustomerId({
  customerId,
}: {
  customerId: string;
}): Promise<Employer | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(employers)
    .where(eq(employers.customerId, customerId))
    .limit(1);
  return row;
}

export interface EmployerInput {
  name: string;
  customerId: string;
  contactEmail: string | null;
}

/** Inserts an employer; undefined when the customer id is already taken. */
export async function createEmployer(
  input: EmployerInput & { createdBy: string | null; createdAt?: Date },
  database?: Database,
): Promise<Employer | undefined> {
  const db = database ?? (await getDb());
  const values = { ...input, updatedAt: input.createdAt };
  const [row] = await db.insert(employers).values(values).onConflictDoNothing().returning();
  return row;
}

/** Updates name, customer id and contact; undefined when the customer id belongs to another employer. */
export async function updateEmployer({
  id,
  ...changes
}: EmployerInput & { id: string }): Promise<Employer | undefined> {
  const db = await getDb();
  const [clash] = await db
    .select({ id: employers.id })
    .from(employers)
    .where(and(eq(employers.customerId, changes.customerId), ne(employers.id, id)))
    .limit(1);
  if (clash) return undefined;
  const [row] = await db
    .update(employers)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(employers.id, id))
    .returning();
  return row;
}

export async function setEmployerArchived({
  id,
  archivedAt,
}: {
  id: string;
  archivedAt: Date | null;
}): Promise<Employer | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(employers)
    .set({ archivedAt, updatedAt: new Date() })
    .where(eq(employers.id, id))
    .returning();
  return row;
}

/** Whether any employer exists, archived or not: one row read, never a count. */
export async function hasAnyEmployer(): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: employers.id }).from(employers).limit(1);
  return Boolean(row);
}
