import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  parseSweepConfig,
  SWEEP_QUERY_NAMES,
  workerShare,
  type SweepConfig,
} from "@/lib/monitoring/sweep-config";
import { runSweep, type SweepReport } from "@/lib/monitoring/sweep";

/** The path each fan-out worker is started at (relative to the cron route's origin). */
export const SWEEP_WORKER_PATH = "/api/cron/status-sweep/worker";

export type SweepSummary = Omit<SweepReport, "checks">;

/** Vercel Cron (and each fan-out worker) sends `Authorization: Bearer $CRON_SECRET`. */
export function authoriseCron(request: Request): void {
  const secret = env().cronSecret;
  const header = request.headers.get("authorization");
  const given = Buffer.from(header ?? "");
  const expected = Buffer.from(`Bearer ${secret ?? ""}`);
  if (!secret || !header || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError("unauthenticated", "A valid CRON_SECRET bearer token is required.");
  }
}

/** The run's settings: PERCH_SWEEP_* defaults, overridden by the query string; 400 if invalid. */
export function sweepConfigFrom(request: Request): SweepConfig {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const result = parseSweepConfig(query, SWEEP_QUERY_NAMES, env().sweep);
  if (!result.ok) {
    throw new AppError("invalid_input", `Invalid sweep settings: ${result.problems.join("; ")}.`, {
      problems: result.problems,
    });
  }
  return result.config;
}

/** One sweep run in this invocation, within its share of the batch and its time budget. */
export async function runSweepWorker(config: SweepConfig): Promise<SweepSummary> {
  const { checks: _checks, ...summary } = await runSweep({
    concurrency: config.concurrency,
    batchSize: config.batchSize,
    budgetMs: config.budgetSeconds * 1000,
    maxPauseMs: Math.min(20_000, config.budgetSeconds * 1000),
  });
  return summary;
}

export interface FanOutReport {
  workers: number;
  leased: number;
  checked: number;
  changed: number;
  failed: number;
  skipped: number;
  outOfTime: boolean;
  runs: (SweepSummary | { error: string })[];
  durationMs: number;
}

/**
 * The cron invocation starts `workers` invocations of the worker route at once, each leasing
 * from the same queue (the leases keep them apart), so one schedule checks workers × as many
 * connections as one serial run could. With one worker the run happens here.
 */
export async function fanOutSweep({
  origin,
  config,
}: {
  origin: string;
  config: SweepConfig;
}): Promise<FanOutReport> {
  const started = Date.now();
  const share = workerShare(config);
  if (config.workers === 1) {
    const run = await runSweepWorker(share);
    return { ...totals([run]), workers: 1, runs: [run], durationMs: Date.now() - started };
  }
  const url = new URL(SWEEP_WORKER_PATH, origin);
  url.searchParams.set("concurrency", String(share.concurrency));
  url.searchParams.set("batch", String(share.batchSize));
  url.searchParams.set("budget", String(share.budgetSeconds));
  const runs = await Promise.all(
    Array.from({ length: config.workers }, async (): Promise<SweepSummary | { error: string }> => {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${env().cronSecret}` },
          // A worker finishes its in-flight checks after its budget; give it room, then move on.
          signal: AbortSignal.timeout((share.budgetSeconds + 15) * 1000),
        });
        if (!response.ok) return { error: `worker answered ${response.status}` };
        return (await response.json()) as SweepSummary;
      } catch (error) {
        console.error("[perch] a sweep worker did not answer:", error);
        return { error: "worker did not answer" };
      }
    }),
  );
  return {
    ...totals(runs),
    workers: config.workers,
    runs,
    durationMs: Date.now() - started,
  };
}

function totals(runs: (SweepSummary | { error: string })[]) {
  const ok = runs.filter((r): r is SweepSummary => !("error" in r));
  const sum = (key: "leased" | "checked" | "changed" | "failed" | "skipped") =>
    ok.reduce((total, run) => total + run[key], 0);
  return {
    leased: sum("leased"),
    checked: sum("checked"),
    changed: sum("changed"),
    failed: sum("failed"),
    skipped: sum("skipped"),
    outOfTime: ok.some((r) => r.outOfTime),
  };
}
