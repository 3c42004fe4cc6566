import { getProxyContext } from "@/db/queries/data-proxy";
import { authenticateDataCaller } from "@/lib/data-proxy/auth";
import { parseEmployerRef } from "@/lib/data-proxy/employers";
import { proxyResponse } from "@/lib/data-proxy/envelope";
import { entityForRead, requestedEntity } from "@/lib/data-proxy/entity";
import {
  connectionHasProduct,
  parseProductQuery,
  productFromUrlName,
  PROXY_PRODUCTS,
} from "@/lib/data-proxy/params";
import { readProduct } from "@/lib/data-proxy/read";
import { AppError, errorResponse } from "@/lib/errors";
import { requestSessionClaims } from "@/lib/session";
import { productLabel } from "@/lib/status/products";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

function hasCredentials(request: Request): boolean {
  return request.headers.has("authorization") || request.headers.has("cookie");
}

/** GET /api/employers/<id>/data/<product>: an employer's Finch data, read with its stored token. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string; product: string }> },
) {
  try {
    const { id, product: productName } = await params;
    // One query before Finch is called: the employer, its connection and entities, and for a
    // signed-in caller the user's row (the session check). Looked up only for callers with
    // credentials, and used only once the caller passes. Perch's id, or customer_id:<yours>.
    const ref = parseEmployerRef(id);
    const claims =
      !request.headers.has("authorization") && request.headers.has("cookie")
        ? await requestSessionClaims()
        : null;
    const sessionClaims = claims && claims !== "chunked" ? claims : null;
    const lookup =
      ref && hasCredentials(request)
        ? getProxyContext({ ref, userId: sessionClaims?.uid ?? null })
        : null;
    lookup?.catch(() => undefined);
    const preloaded = sessionClaims && lookup ? await lookup : undefined;
    const caller = await authenticateDataCaller(
      request,
      "data:read",
      sessionClaims && preloaded ? { claims: sessionClaims, user: preloaded.user } : undefined,
    );
    const product = productFromUrlName(productName);
    if (!product) {
      throw new AppError(
        "not_found",
        `Unknown product “${productName}”. Use one of: ${PROXY_PRODUCTS.map((p) => p.replace("_", "-")).join(", ")}.`,
      );
    }
    const searchParams = new URL(request.url).searchParams;
    const query = parseProductQuery(product, searchParams);

    const found = ref ? await (lookup ?? getProxyContext({ ref })) : undefined;
    if (!found) throw new AppError("not_found", "No employer with that id.");
    const { connection } = found;
    if (!connection) {
      throw new AppError("conflict", "This employer has not connected through Finch yet.");
    }
    if (!connectionHasProduct(connection.products, product)) {
      throw new AppError(
        "conflict",
        `This employer's connection does not include ${productLabel(product)}; reconnect with that product to read it.`,
      );
    }

    const entityId = await entityForRead(connection, requestedEntity(searchParams), found.entities);
    const result = await readProduct({
      connection,
      query,
      entityId,
      actor:
        caller.kind === "user"
          ? { userId: caller.user.id, label: caller.label }
          : { label: caller.label },
    });
    return proxyResponse(result, connection);
  } catch (error) {
    return errorResponse(error, "data proxy", NO_STORE);
  }
}
