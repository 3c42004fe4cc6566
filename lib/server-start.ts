import "server-only";
import { getDb } from "@/db";
import { ensureDemoAdmin } from "@/lib/demo/bootstrap";
import { startDemoPortfolio } from "@/lib/demo/portfolio";
import { env } from "@/lib/env";
import { startStatusScheduler } from "@/lib/monitoring/scheduler";

/**
 * Runs once when the Node server starts: validates the environment (a bad value stops the
 * process with a clear message), opens and migrates the database, prepares demo mode.
 * Failures other than configuration are logged and retried on first use, so a briefly
 * unreachable database does not keep the server down. A fresh demo builds its portfolio in the
 * background, once the server answers.
 */
export async function startServer(): Promise<void> {
  try {
    env();
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  try {
    await getDb();
    await ensureDemoAdmin();
    startDemoPortfolio();
  } catch (error) {
    console.error(
      "[perch] start-up: the database is not available yet; pages that need it will retry.",
      error,
    );
  }
  startStatusScheduler();
}
