import { getEmployerWithCurrentConnection } from "@/db/queries/data-proxy";
import { authenticateDataCaller } from "@/lib/data-proxy/auth";
import { employerJson, parseEmployerRef } from "@/lib/data-proxy/employers";
import { AppError, errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * GET /api/employers/<id> or /api/employers/customer_id:<your id>: one employer, for any key
 * that reads data, so a service that knows only its own customer id can find Perch's id.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await authenticateDataCaller(request, "data:read");
    const ref = parseEmployerRef((await params).id);
    const found = ref ? await getEmployerWithCurrentConnection(ref) : undefined;
    if (!found) {
      throw new AppError(
        "not_found",
        "No employer with that id. Use Perch's employer id or customer_id:<your customer id>.",
      );
    }
    return Response.json({ data: employerJson(found.employer) }, { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, "employer API", NO_STORE);
  }
}
