import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { getDb } from "@/db";
import { apiKeys, users, type ApiKey } from "@/db/schema";

export async function insertApiKey(values: {
  name: string;
  prefix: string;
  keyHash: string;
  scope: string;
  createdBy: string | null;
  createdAt: Date;
}): Promise<ApiKey> {
  const db = await getDb();
  const [row] = await db.insert(apiKeys).values(values).returning();
  return row;
}

export async function getApiKeyByHash({
  keyHash,
}: {
  keyHash: string;
}): Promise<ApiKey | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).limit(1);
  return row;
}

export async function getApiKeyById({ id }: { id: string }): Promise<ApiKey | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const db = await getDb();
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return row;
}

export type ApiKeyListItem = Omit<ApiKey, "keyHash"> & { createdByEmail: string | null };

/** Every key, newest first, without hashes; revoked keys stay listed as history. */
export async function listApiKeys(): Promise<ApiKeyListItem[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scope: apiKeys.scope,
      createdBy: apiKeys.createdBy,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
      createdByEmail: users.email,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(desc(apiKeys.createdAt));
  return rows;
}

/** Revokes a key once; returns the key only when this call revoked it. */
export async function revokeApiKey({
  id,
  at,
}: {
  id: string;
  at: Date;
}): Promise<ApiKey | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

/** Notes a use, at most once per `minIntervalMs`, so busy keys do not write on every call. */
export async function touchApiKey({
  id,
  at,
  minIntervalMs,
}: {
  id: string;
  at: Date;
  minIntervalMs: number;
}): Promise<void> {
  const db = await getDb();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: at })
    .where(
      and(
        eq(apiKeys.id, id),
        or(
          isNull(apiKeys.lastUsedAt),
          lt(apiKeys.lastUsedAt, new Date(at.getTime() - minIntervalMs)),
        ),
      ),
    );
}
