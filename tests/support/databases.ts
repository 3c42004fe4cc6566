import { randomBytes } from "node:crypto";
import { openPglite, openPostgres, type DatabaseHandle } from "@/db/client";

export interface DatabaseTarget {
  name: "pglite" | "postgres";
  /** A fresh, migrated database that is dropped again on close. */
  open(): Promise<DatabaseHandle>;
}

function postgresServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

async function openFreshPostgres(serverUrl: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const name = `perch_test_${randomBytes(6).toString("hex")}`;
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

/** PGlite always; real PostgreSQL too when TEST_DATABASE_URL or DATABASE_URL names a server. */
export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: "pglite", open: () => openPglite(null) }];
  const serverUrl = postgresServerUrl();
  if (serverUrl) targets.push({ name: "postgres", open: () => openFreshPostgres(serverUrl) });
  return targets;
}
