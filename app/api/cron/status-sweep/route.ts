import { errorResponse } from "@/lib/errors";
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
    // Issues, reminders and notifications run from /api/cron/follow-up, with their own budget.
    return Response.json(await fanOutSweep({ origin: new URL(request.url).origin, config }));
  } catch (error) {
    return errorResponse(error, "status sweep cron");
  }
}
