import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import { openDatabase, type Database, type DatabaseHandle } from "@/db/client";

export type { Database } from "@/db/client";

const globalForDb = globalThis as unknown as { perchDb?: Promise<DatabaseHandle> };

/**
 * The app's database: postgres.js when DATABASE_URL is set, embedded PGlite under the data
 * directory otherwise. Opened lazily (never while `next build` evaluates modules), once per
 * process; a failed open is not cached, so the next request tries again.
 */
export async function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!globalForDb.perchDb) {
    const { databaseUrl, dataDir } = env();
    const opening = openDatabase({ url: databaseUrl, dataDir: path.join(dataDir, "pglite") });
    globalForDb.perchDb = opening;
    opening.catch(() => {
      if (globalForDb.perchDb === opening) globalForDb.perchDb = undefined;
    });
  }
  return globalForDb.perchDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Tests point the app's queries at a database they opened themselves. */
export function setDatabaseForTests(handle: DatabaseHandle | undefined): void {
  globalForDb.perchDb = handle ? Promise.resolve(handle) : undefined;
}
