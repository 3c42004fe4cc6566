import { lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rateLimits } from "@/db/schema";

/**
 * Fixed-window counter shared by every instance. Returns the count after this hit and when the
 * window resets; the caller decides what "too many" is.
 */
export async function hitRateLimit({
  key,
  windowMs,
  now = new Date(),
}: {
  key: string;
  windowMs: number;
  now?: Date;
}): Promise<{ count: number; resetAt: Date }> {
  const db = await getDb();
  const resetAt = new Date(now.getTime() + windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.resetAt} <= ${now.toISOString()}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
        resetAt: sql`case when ${rateLimits.resetAt} <= ${now.toISOString()}::timestamptz then ${resetAt.toISOString()}::timestamptz else ${rateLimits.resetAt} end`,
      },
    })
    .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
  return row;
}

export async function peekRateLimit({ key, now = new Date() }: { key: string; now?: Date }) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(rateLimits)
    .where(
      sql`${rateLimits.key} = ${key} and ${rateLimits.resetAt} > ${now.toISOString()}::timestamptz`,
    );
  return row ? { count: row.count, resetAt: row.resetAt } : { count: 0, resetAt: now };
}

export async function clearRateLimit({ key }: { key: string }): Promise<void> {
  const db = await getDb();
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}

export async function pruneRateLimits({ now = new Date() } = {}): Promise<void> {
  const db = await getDb();
  await db.delete(rateLimits).where(lt(rateLimits.resetAt, now));
}
