import { errorResponse } from "@/lib/errors";
import { receiveFinchWebhook } from "@/lib/monitoring/webhooks";

export const dynamic = "force-dynamic";

/** Finch's webhook deliveries: verified on the raw body, stored once, applied. */
export async function POST(request: Request): Promise<Response> {
  try {
    const result = await receiveFinchWebhook(request);
    return Response.json(
      { outcome: result.outcome, detail: result.detail },
      { status: result.status },
    );
  } catch (error) {
    return errorResponse(error, "finch webhook");
  }
}
