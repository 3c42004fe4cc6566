import { cursorIsUsable, listEmployers } from "@/db/queries/employer-list";
import { appNow } from "@/lib/clock";
import { authenticateDataCaller } from "@/lib/data-proxy/auth";
import { employerJson, parseEmployerListParams } from "@/lib/data-proxy/employers";
import { AppError, errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * GET /api/employers: every (unarchived) employer, keyset-paged. A key needs the
 * `employers:read` scope; signed-in staff may call it too. `?customer_id=` finds one by the
 * caller's own id. Pages never skip or repeat an employer, however the list changes between them.
 */
export async function GET(request: Request) {
  try {
    await authenticateDataCaller(request, "employers:read");
    const params = parseEmployerListParams(new URL(request.url).searchParams);
    if (params.cursor && !cursorIsUsable(params.cursor, params.sort)) {
      throw new AppError(
        "invalid_input",
        "cursor: not a cursor this list gave out for this sort. Start without one and follow next_cursor.",
      );
    }
    const page = await listEmployers({
      now: await appNow(),
      sort: params.sort,
      after: params.cursor,
      pageSize: params.limit,
      status: params.status,
      provider: params.provider,
      customerId: params.customer_id,
    });
    return Response.json(
      {
        data: page.rows.map(employerJson),
        next_cursor: page.nextCursor,
        has_more: page.nextCursor !== null,
      },
      { headers: NO_STORE },
    );
  } catch (error) {
    return errorResponse(error, "employer list API", NO_STORE);
  }
}
