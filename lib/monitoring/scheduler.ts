import "server-only";
import { env } from "@/lib/env";
import { runFollowUp } from "@/lib/issues/run";
import { runSweep } from "@/lib/monitoring/sweep";

/** How often the self-hosted loop looks for due connections; each connection has its own cadence. */
export const SWEEP_INTERVAL_MS = 60_000;

const globalForScheduler = globalThis as unknown as {
  perchScheduler?: { timer: NodeJS.Timeout; running: boolean };
};

/**
 * Self-hosted status sweeps: one in-process loop per server, started once however often this is
 * called. Overlapping ticks are skipped here, and leases keep several instances apart. On Vercel
 * (or with PERCH_SCHEDULER=off) the cron route does this instead.
 */
export function startStatusScheduler(): boolean {
  if (!env().schedulerEnabled || globalForScheduler.perchScheduler) return false;
  const state = { running: false, timer: undefined as unknown as NodeJS.Timeout };
  const tick = async () => {
    if (state.running) return;
    state.running = true;
    try {
      await runSweep();
      await runFollowUp();
    } catch (error) {
      console.error("[perch] status sweep failed; the next run will retry.", error);
    } finally {
      state.running = false;
    }
  };
  state.timer = setInterval(() => void tick(), SWEEP_INTERVAL_MS);
  state.timer.unref();
  globalForScheduler.perchScheduler = state;
  return true;
}

export function stopStatusScheduler(): void {
  const scheduler = globalForScheduler.perchScheduler;
  if (!scheduler) return;
  clearInterval(scheduler.timer);
  globalForScheduler.perchScheduler = undefined;
}
