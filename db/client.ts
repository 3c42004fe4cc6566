import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "@/db/schema";

/**
 * Opening a database, with no dependency on the app environment, so tests and scripts can
 * open their own. Both drivers expose the same query builder; they are typed as one.
 */
export type Database = PostgresJsDatabase<typeof schema>;

export interface DatabaseHandle {
  db: Database;
  driver: "postgres" | "pglite";
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function migrationCount(): number {
  const journal = JSON.parse(
    readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

export async function openPostgres(url: string, { migrate = true } = {}): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzle(client, { schema });
  if (migrate) {
    const { migrate: runMigrations } = await import("drizzle-orm/postgres-js/migrator");
    // Several instances may start at once; one advisory lock makes them migrate in turn.
    const reserved = await client.reserve();
    try {
      await reserved`select pg_advisory_lock(727274)`;
      await runMigrations(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await reserved`select pg_advisory_unlock(727274)`;
      reserved.release();
    }
  }
  return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
}

export async function openPglite(
  dataDir: string | null,
  { migrate = true } = {},
): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  // An in-memory PGlite cannot load extensions (pg_trgm), so "ephemeral" means a temporary folder.
  const directory = dataDir ?? mkdtempSync(path.join(os.tmpdir(), "perch-pglite-"));
  mkdirSync(directory, { recursive: true });
  const client = new PGlite(directory, { extensions: { pg_trgm } });
  const db = drizzle(client, { schema }) as unknown as Database;
  if (migrate) {
    const { migrate: runMigrations } = await import("drizzle-orm/pglite/migrator");
    await runMigrations(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
  return {
    db,
    driver: "pglite",
    async close() {
      await client.close();
      if (!dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * A new, migrated database on the PostgreSQL server `serverUrl` names, dropped again on close:
 * for tests, benchmarks and verification scripts that must not touch anyone's data.
 */
export async function openFreshPostgres(
  serverUrl: string,
  { prefix = "perch_tmp" }: { prefix?: string } = {},
): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString());
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export function openDatabase(options: {
  url?: string;
  dataDir?: string | null;
}): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url) : openPglite(options.dataDir ?? null);
}
