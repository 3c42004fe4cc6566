import { errorResponse } from "@/lib/errors";
import { authoriseCron, runSweepWorker, sweepConfigFrom } from "@/lib/monitoring/cron";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** One fan-out worker: a sweep run through the shared leases, started by the cron route. */
export async function POST(request: Request): Promise<Response> {
  try {
    authoriseCron(request);
    const config = sweepConfigFrom(request);
    return Response.json(await runSweepWorker({ ...config, workers: 1 }));
  } catch (error) {
    return errorResponse(error, "status sweep worker");
  }
}
