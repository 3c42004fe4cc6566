import { errorResponse } from "@/lib/errors";
import { runFollowUp } from "@/lib/issues/run";
import { authoriseCron, fanOutSweep, sweepConfigFrom } from "@/lib/monitoring/cron";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/**
 * Vercel Cron calls this with `Authorization: Bearer $CRON_SECRET` (self-hosted runs a loop).
 * It fans out to `workers` parallel worker invocations; `?concurrency=&batch=&budget=&workers=`
 * override the PERCH_SWEEP_* defaults for one run.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    authoriseCron(request);
    const config = sweepConfigFrom(request);
    const sweep = await fanOutSweep({ origin: new URL(request.url).origin, config });
    // Issues, reminders and notifications follow the statuses the sweep just refreshed.
    const followUp = await runFollowUp();
    return Response.json({ ...sweep, followUp });
  } catch (error) {
    return errorResponse(error, "status sweep cron");
  }
}
