import { databaseHealth } from "@/db/queries/health";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** For load balancers and operators: 200 when the database is reachable and migrated, else 503. */
export async function GET() {
  const { mode } = env();
  const finch = {
    mode,
    api:
      mode === "demo" ? "built-in emulator" : (env().finch.baseUrl ?? "https://api.tryfinch.com"),
  };
  try {
    const db = await databaseHealth();
    const current = db.migrationsApplied === db.migrationsExpected;
    const body = {
      status: current ? "ok" : "unhealthy",
      reason: current
        ? undefined
        : `database has ${db.migrationsApplied} of ${db.migrationsExpected} migrations applied`,
      database: {
        reachable: true,
        driver: db.driver,
        migrations: { applied: db.migrationsApplied, expected: db.migrationsExpected, current },
      },
      finch,
    };
    return Response.json(body, {
      status: current ? 200 : 503,
      headers: { "cache-control": "no-store" },
    });
  } catch (error) {
    console.error("[perch] health check: database unreachable", error);
    return Response.json(
      {
        status: "unhealthy",
        reason: "database unreachable",
        database: { reachable: false },
        finch,
      },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
