import { sql } from "drizzle-orm";
import { getDatabaseHandle } from "@/db";
import { migrationCount } from "@/db/client";

export async function databaseHealth(): Promise<{
  driver: "postgres" | "pglite";
  migrationsApplied: number;
  migrationsExpected: number;
}> {
  const { db, driver } = await getDatabaseHandle();
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sql`drizzle.__drizzle_migrations`);
  return { driver, migrationsApplied: rows[0]?.n ?? 0, migrationsExpected: migrationCount() };
}
