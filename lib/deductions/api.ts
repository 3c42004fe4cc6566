import "server-only";
import { z } from "zod";
import { getDeductionChange } from "@/db/queries/deduction-changes";
import { bearerToken, verifyApiKey } from "@/lib/api-keys";
import { appNow } from "@/lib/clock";
import { requestDeductionChange, type ChangeActor } from "@/lib/deductions/changes";
import type { DeductionChangeRequest } from "@/lib/deductions/requests";
import { changeView } from "@/lib/deductions/view";
import { AppError, errorResponse } from "@/lib/errors";
import { currentUser, hasRole } from "@/lib/session";

/**
 * The data API's deduction writes: `POST /api/employers/<id>/benefits…`. A caller is a service
 * with a `data:write` API key (read keys are refused with 403), or a signed-in operator or
 * admin. Every write needs an `Idempotency-Key`: a retry with the same key and body returns the
 * first change and writes nothing.
 */

const NO_STORE = { "Cache-Control": "no-store" };
const idempotencyKeySchema = z
  .string()
  .trim()
  .min(8, "Idempotency-Key: use at least 8 characters, e.g. a UUID")
  .max(200, "Idempotency-Key: at most 200 characters")
  .regex(/^[\x21-\x7e]+$/, "Idempotency-Key: printable ASCII without spaces");

async function authenticateWriter(request: Request): Promise<ChangeActor> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const token = bearerToken(header);
    const key = token ? await verifyApiKey(token, "data:write") : null;
    if (key) {
      return { kind: "api_key", apiKeyId: key.id, label: `API key “${key.name}” (${key.prefix}…)` };
    }
    if (token && (await verifyApiKey(token, "data:read"))) {
      throw new AppError(
        "forbidden",
        "This API key may only read. Writing deductions needs a key created with the data:write scope.",
      );
    }
    throw new AppError(
      "unauthenticated",
      "That API key is not valid: it may have been revoked or mistyped. Send `Authorization: Bearer perch_live_…`.",
    );
  }
  const user = await currentUser();
  if (!user) {
    throw new AppError(
      "unauthenticated",
      "Sign in to Perch, or send a Perch API key with the data:write scope as `Authorization: Bearer perch_live_…`.",
    );
  }
  if (!hasRole(user, "operator")) {
    throw new AppError("forbidden", "Your role can view deductions but not change them.");
  }
  return { kind: "user", userId: user.id, label: user.email };
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON.");
  }
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError(
      "invalid_input",
      parsed.error.issues
        .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
        .join("; "),
      { fieldErrors: z.flattenError(parsed.error).fieldErrors },
    );
  }
  return parsed.data;
}

/** One write route: authenticate, parse, record and send, answer with the change and its deadline. */
export async function handleDeductionWrite<T>(
  request: Request,
  employerId: string,
  schema: z.ZodType<T>,
  build: (body: T) => DeductionChangeRequest,
): Promise<Response> {
  try {
    const actor = await authenticateWriter(request);
    const rawKey = request.headers.get("idempotency-key");
    if (rawKey === null) {
      throw new AppError(
        "invalid_input",
        "Send an Idempotency-Key header (e.g. a UUID) so a retried request never writes twice.",
      );
    }
    const idempotencyKey = parseBody(idempotencyKeySchema, rawKey);
    const body = parseBody(schema, await readJson(request));
    const { change, created } = await requestDeductionChange({
      employerId,
      request: build(body),
      actor,
      idempotencyKey,
    });
    return Response.json(
      { change: changeView(change, await appNow()) },
      {
        status: created ? 201 : 200,
        headers: { ...NO_STORE, ...(created ? {} : { "Idempotent-Replayed": "true" }) },
      },
    );
  } catch (error) {
    return errorResponse(error, "deduction write", NO_STORE);
  }
}

/** `GET /api/employers/<id>/deduction-changes/<changeId>`: follow a change (read keys suffice). */
export async function handleDeductionChangeRead(
  request: Request,
  employerId: string,
  changeId: string,
): Promise<Response> {
  try {
    const header = request.headers.get("authorization");
    if (header !== null) {
      const token = bearerToken(header);
      if (!token || !(await verifyApiKey(token, "data:read"))) {
        throw new AppError(
          "unauthenticated",
          "That API key is not valid: it may have been revoked or mistyped.",
        );
      }
    } else {
      const user = await currentUser();
      if (!user)
        throw new AppError("unauthenticated", "Sign in to Perch, or send a Perch API key.");
      if (!hasRole(user, "viewer")) throw new AppError("forbidden", "Your role cannot read this.");
    }
    if (!z.uuid().safeParse(changeId).success || !z.uuid().safeParse(employerId).success) {
      throw new AppError("not_found", "No deduction change with that id for this employer.");
    }
    const change = await getDeductionChange({ id: changeId, employerId });
    if (!change)
      throw new AppError("not_found", "No deduction change with that id for this employer.");
    return Response.json({ change: changeView(change, await appNow()) }, { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, "deduction change read", NO_STORE);
  }
}
