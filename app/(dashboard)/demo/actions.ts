"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordEvent } from "@/db/queries/events";
import { demoClockResetProblem } from "@/lib/demo/clock-reset";
import { getDemoEmulator } from "@/lib/demo/emulator";
import { AppError } from "@/lib/errors";
import { runFollowUp } from "@/lib/issues/run";
import { runSweep } from "@/lib/monitoring/sweep";
import { protectedAction } from "@/lib/safe-action";
import { formatDateTime } from "@/lib/status/relative-time";
import { env } from "@/lib/env";

const HOUR_MS = 3_600_000;

/**
 * Each jump is taken in steps, delivering the emulator's webhooks after every step, so Perch
 * learns of each change close to when it happened on the simulated clock (not all at the end).
 */
const STEPS = {
  day: { totalMs: 24 * HOUR_MS, stepMs: HOUR_MS, label: "1 day" },
  week: { totalMs: 7 * 24 * HOUR_MS, stepMs: 6 * HOUR_MS, label: "1 week" },
} as const;

const clockInput = z.object({ step: z.enum(["day", "week", "reset"]) });

/** Moves the demo's simulated clock, delivers what Finch would have sent, and sweeps. */
export const moveDemoClock = protectedAction(
  { role: "operator", schema: clockInput, name: "moveDemoClock" },
  async ({ step }, { user }) => {
    const running = getDemoEmulator();
    if (!running) throw new AppError("not_found", "The demo clock exists in demo mode only.");
    const emulator = await running;
    if (step === "reset") {
      const problem = demoClockResetProblem({
        demoNow: emulator.now(),
        realNow: new Date(),
        timeZone: env().timeZone,
      });
      if (problem) throw new AppError("conflict", problem);
      await emulator.resetClock();
      await emulator.flushWebhooks();
    } else {
      const { totalMs, stepMs } = STEPS[step];
      for (let moved = 0; moved < totalMs; moved += stepMs) {
        await emulator.advanceClock(stepMs);
        await emulator.flushWebhooks();
      }
    }
    const sweep = await runSweep({ all: true, maxPauseMs: 10_000 });
    await runFollowUp();
    const now = emulator.now();
    await recordEvent({
      occurredAt: now,
      source: "staff",
      type: "demo.clock_moved",
      actorUserId: user.id,
      actorLabel: user.email,
      summary:
        step === "reset"
          ? "Reset the demo clock to real time"
          : `Advanced the demo clock by ${STEPS[step].label} to ${formatDateTime(now, env().timeZone)}`,
      data: { step, now: now.toISOString(), checked: sweep.checked, changed: sweep.changed },
    });
    revalidatePath("/", "layout");
    return { now: now.toISOString(), checked: sweep.checked, changed: sweep.changed };
  },
);
