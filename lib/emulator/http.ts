import { randomUUID } from "node:crypto";
import type { ZodError } from "zod";

/** A Finch-shaped API error: rendered as `{code, name, finch_code?, message}` with `code` as the HTTP status. */
export class FinchError extends Error {
  constructor(
    readonly status: number,
    readonly name: string,
    message: string,
    readonly finchCode?: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody(): Record<string, unknown> {
    return {
      ...this.extra,
      code: this.status,
      name: this.name,
      ...(this.finchCode ? { finch_code: this.finchCode } : {}),
      message: this.message,
    };
  }
}

export const errors = {
  badRequest: (message: string) => new FinchError(400, "bad_request", message, "invalid_request"),
  unprocessable: (message: string, finchCode = "unsupported_parameters") =>
    new FinchError(422, "unprocessable_request_error", message, finchCode),
  missingAuth: () =>
    new FinchError(
      401,
      "unauthorized_request_error",
      "Unauthorized request: no authentication given",
    ),
  invalidToken: () =>
    new FinchError(401, "invalid_token_error", "The access token is invalid or has been revoked"),
  invalidClient: () =>
    new FinchError(
      401,
      "invalid_client_error",
      "Client authentication failed: unknown client_id or wrong client_secret",
    ),
  invalidGrant: (message: string) => new FinchError(400, "invalid_grant_error", message),
  insufficientScope: (product: string) =>
    new FinchError(
      403,
      "insufficient_scope_error",
      `This access token was not granted the '${product}' product`,
    ),
  notFound: (message: string, finchCode = "item_not_found") =>
    new FinchError(404, "not_found_error", message, finchCode),
  routeNotFound: (method: string, path: string) =>
    new FinchError(404, "not_found_error", `Route ${method} ${path} not found`),
  notImplemented: (message: string) => new FinchError(501, "not_implemented_error", message),
};

export function zodMessage(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

/** Parses `schema` or throws Finch's 400 `invalid_request` with a message naming every bad field. */
export function parseWith<T>(
  schema: {
    safeParse(value: unknown): { success: true; data: T } | { success: false; error: ZodError };
  },
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw errors.badRequest(zodMessage(result.error));
  return result.data;
}

/**
 * A JSON answer that keeps its text: served over HTTP it streams like any Response, and read back
 * in-process (Perch's demo transport, lib/finch/client.ts) `text()` and `json()` answer from the
 * string instead of a web stream, which costs a tenth of a millisecond per read under Next.js's
 * async hooks. Reading it twice fails as it does for any Response.
 */
class JsonResponse extends Response {
  #text: string | null;

  constructor(text: string, init: ResponseInit) {
    super(text, init);
    this.#text = text;
  }

  override async text(): Promise<string> {
    return this.#take();
  }

  override async json(): Promise<unknown> {
    return JSON.parse(this.#take());
  }

  #take(): string {
    const text = this.#text;
    if (text === null || this.bodyUsed) {
      throw new TypeError("Body is unusable: Body has already been read");
    }
    this.#text = null;
    return text;
  }
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new JsonResponse(JSON.stringify(data), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/**
 * Finch's "data is still being configured" answer. No body and no Content-Type: it is the only
 * 202 shape that every SDK page type parses without throwing.
 */
export function accepted(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 202, headers });
}

export function errorResponse(error: FinchError): Response {
  return json(error.toBody(), error.status, error.headers);
}

export function withRequestId(response: Response): Response {
  const requestId = randomUUID();
  try {
    response.headers.set("finch-request-id", requestId);
    return response;
  } catch {
    // Responses built from fetch() have immutable headers; copy them.
    const headers = new Headers(response.headers);
    headers.set("finch-request-id", requestId);
    return new Response(response.body, { status: response.status, headers });
  }
}

export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw errors.badRequest("The request body is not valid JSON");
  }
}

/** Reads `name[]` and `name` query parameters, as the SDK sends arrays in bracket form. */
export function queryList(url: URL, name: string): string[] {
  return [...url.searchParams.getAll(`${name}[]`), ...url.searchParams.getAll(name)].flatMap((v) =>
    v.split(",").filter((item) => item !== ""),
  );
}

export type Handler<C> = (ctx: C) => Promise<Response> | Response;

interface Route<C> {
  method: string;
  segments: string[];
  handler: Handler<C>;
}

/** A minimal method + path router; `:name` segments become params. */
export class Router<C> {
  private readonly routes: Route<C>[] = [];

  add(method: string, pattern: string, handler: Handler<C>): this {
    this.routes.push({ method, segments: pattern.split("/").filter(Boolean), handler });
    return this;
  }

  match(
    method: string,
    path: string,
  ): { handler: Handler<C>; params: Record<string, string> } | { allowed: string[] } | null {
    const parts = path.split("/").filter(Boolean);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { allowed } : null;
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(":")) {
      params[pattern[i].slice(1)] = decodeURIComponent(parts[i]);
    } else if (pattern[i] !== parts[i]) {
      return null;
    }
  }
  return params;
}
