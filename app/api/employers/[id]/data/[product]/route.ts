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
  type ProductQueryMap,
  type ProxyProduct,
} from "@/lib/data-proxy/params";
import { readProduct } from "@/lib/data-proxy/read";
import { earlyAnswerFor, ReadAhead } from "@/lib/data-proxy/read-ahead";
import { AppError, errorResponse } from "@/lib/errors";
import { requestSessionClaims } from "@/lib/session";
import { productLabel } from "@/lib/status/products";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** This process's memory of what each signed-in user read (lib/data-proxy/read-ahead). */
const readAhead = new ReadAhead();

function hasCredentials(request: Request): boolean {
  return request.headers.has("authorization") || request.headers.has("cookie");
}

type Query = { product: ProxyProduct; params: ProductQueryMap[ProxyProduct] };

/** The product and its parameters, or the error to answer once the caller is known. */
function parseRead(productName: string, searchParams: URLSearchParams): Query | AppError {
  const product = productFromUrlName(productName);
  if (!product) {
    return new AppError(
      "not_found",
      `Unknown product “${productName}”. Use one of: ${PROXY_PRODUCTS.map((p) => p.replace("_", "-")).join(", ")}.`,
    );
  }
  try {
    return parseProductQuery(product, searchParams);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
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
        ? await requestSessionClaims(request)
        : null;
    const sessionClaims = claims && claims !== "chunked" ? claims : null;
    const lookup =
      ref && hasCredentials(request)
        ? getProxyContext({ ref, userId: sessionClaims?.uid ?? null })
        : null;
    lookup?.catch(() => undefined);
    const searchParams = new URL(request.url).searchParams;
    const read = parseRead(productName, searchParams);
    // While the query runs, Finch may already be asked what this user read here moments ago.
    const early =
      sessionClaims && ref && !(read instanceof AppError)
        ? readAhead.start({
            userId: sessionClaims.uid,
            ref,
            query: read,
            requestedEntity: requestedEntity(searchParams),
          })
        : null;
    const preloaded = sessionClaims && lookup ? await lookup : undefined;
    let caller;
    try {
      caller = await authenticateDataCaller(
        request,
        "data:read",
        sessionClaims && preloaded ? { claims: sessionClaims, user: preloaded.user } : undefined,
      );
    } catch (error) {
      if (sessionClaims && ref) readAhead.forget(sessionClaims.uid, ref);
      throw error;
    }
    if (read instanceof AppError) throw read;

    const found = ref ? await (lookup ?? getProxyContext({ ref })) : undefined;
    if (!found) throw new AppError("not_found", "No employer with that id.");
    const { connection } = found;
    if (!connection) {
      throw new AppError("conflict", "This employer has not connected through Finch yet.");
    }
    if (!connectionHasProduct(connection.products, read.product)) {
      throw new AppError(
        "conflict",
        `This employer's connection does not include ${productLabel(read.product)}; reconnect with that product to read it.`,
      );
    }

    const entityId = await entityForRead(connection, requestedEntity(searchParams), found.entities);
    const context = { connection, entities: found.entities };
    if (sessionClaims && ref) readAhead.remember(sessionClaims.uid, ref, context);
    const result = await readProduct({
      connection,
      query: read,
      entityId,
      answer: earlyAnswerFor(early, context),
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
