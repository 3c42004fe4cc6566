import { errorResponse } from "@/lib/errors";
import { runFollowUp } from "@/lib/issues/run";
import { authoriseCron } from "@/lib/monitoring/cron";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/**
 * Vercel Cron calls this with `Authorization: Bearer $CRON_SECRET`, a few minutes after each
 * status sweep: issues, employer reminders and notifications get their own invocation and time
 * budget instead of eating into the sweep's.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    authoriseCron(request);
    return Response.json(await runFollowUp());
  } catch (error) {
    return errorResponse(error, "follow-up cron");
  }
}
