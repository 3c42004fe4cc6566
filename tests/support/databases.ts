import { openFreshPostgres, openPglite, type DatabaseHandle } from "@/db/client";

export interface DatabaseTarget {
  name: "pglite" | "postgres";
  /** A fresh, migrated database that is dropped again on close. */
  open(): Promise<DatabaseHandle>;
}

function postgresServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/** PGlite always; real PostgreSQL too when TEST_DATABASE_URL or DATABASE_URL names a server. */
export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: "pglite", open: () => openPglite(null) }];
  const serverUrl = postgresServerUrl();
  if (serverUrl)
    targets.push({
      name: "postgres",
      open: () => openFreshPostgres(serverUrl, { prefix: "perch_test" }),
    });
  return targets;
}
