import type { Connection } from "@/db/schema";
import type { ProxyResult } from "@/lib/data-proxy/read";

/**
 * The proxy's stable JSON shapes. A 200 carries Finch's payload under `data` with our freshness
 * block; a 202 is always the pending body, never an empty list; errors use the app-wide
 * `{ error: { code, message, … } }` shape. Finch's headers are passed on alongside.
 */

const PUBLIC_NAMES: Record<string, string> = { pay_statement: "pay-statement" };

export function publicProductName(product: string): string {
  return PUBLIC_NAMES[product] ?? product;
}

/** Finch's headers for this answer, as a plain record (Response.json copies it once). */
function finchHeaders(result: ProxyResult): Record<string, string> {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  const source =
    result.kind === "error"
      ? { requestId: result.requestId }
      : {
          requestId: result.headers.requestId,
          dataRetrieved: result.headers.dataRetrieved,
          lastAttemptedDate: result.headers.lastAttemptedDate,
          lastAttemptedResult: result.headers.lastAttemptedResult,
        };
  if (source.requestId) headers["Finch-Request-Id"] = source.requestId;
  if ("dataRetrieved" in source) {
    if (source.dataRetrieved) headers["Finch-Data-Retrieved"] = source.dataRetrieved;
    if (source.lastAttemptedDate) {
      headers["Finch-Last-Attempted-Update-Date"] = source.lastAttemptedDate;
    }
    if (source.lastAttemptedResult) {
      headers["Finch-Last-Attempted-Update-Result"] = source.lastAttemptedResult;
    }
  }
  return headers;
}

export function proxyResponse(
  result: ProxyResult,
  connection: Pick<Connection, "id" | "providerId">,
): Response {
  const headers = finchHeaders(result);
  const product = publicProductName(result.product);
  const connectionRef = { id: connection.id, provider: connection.providerId };

  if (result.kind === "ok") {
    const partial = result.items?.some((item) => item.status !== "ok") ?? false;
    return Response.json(
      {
        product,
        connection: connectionRef,
        data: result.data,
        ...(result.items ? { items: result.items, partial } : {}),
        freshness: {
          retrieved_at: result.freshness.retrievedAt?.toISOString() ?? null,
          last_attempted_at: result.freshness.lastAttemptedAt?.toISOString() ?? null,
          last_attempt_result: result.freshness.lastAttemptResult,
        },
        request_id: result.requestId,
      },
      { status: 200, headers },
    );
  }

  if (result.kind === "pending") {
    return Response.json(
      {
        status: "pending",
        product,
        group: result.group,
        expected_ready_at: result.expectedReadyAt?.toISOString() ?? null,
        message: result.message,
        connection: connectionRef,
        request_id: result.requestId,
      },
      { status: 202, headers },
    );
  }

  if (result.retryAfterSeconds !== null) {
    headers["Retry-After"] = String(result.retryAfterSeconds);
  }
  const { error } = result;
  return Response.json(
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ?? {}),
      },
    },
    { status: error.status, headers },
  );
}
