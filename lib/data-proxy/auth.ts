import "server-only";
import type { ApiKey } from "@/db/schema";
import { bearerToken, verifyApiKey, type ApiKeyScope } from "@/lib/api-keys";
import { AppError } from "@/lib/errors";
import type { SessionUserRow } from "@/db/queries/data-proxy";
import type { SessionClaims } from "@/lib/security/session-token";
import { currentUser, hasRole, sessionUserFrom, type SessionUser } from "@/lib/session";

export type DataCaller =
  | { kind: "user"; user: SessionUser; label: string }
  | { kind: "api_key"; key: ApiKey; label: string };

/**
 * Who may read data through the proxy: an internal service presenting a live Perch API key
 * (`Authorization: Bearer perch_live_…`), or a signed-in ops user. A request that sends an
 * Authorization header is judged on that header alone, never on a cookie that rode along.
 */
export async function authenticateDataCaller(
  request: Request,
  scope: ApiKeyScope = "data:read",
  /**
   * The session's claims and the user's row, when the caller read the row in its own query
   * (the proxy reads it with the employer): judged exactly as `currentUser()` would.
   */
  session?: { claims: SessionClaims; user: SessionUserRow | undefined },
): Promise<DataCaller> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const token = bearerToken(header);
    const key = token ? await verifyApiKey(token, scope) : null;
    if (!key) {
      throw new AppError(
        "unauthenticated",
        `That API key is not valid for this call: it may have been revoked or mistyped, or lack the ${scope} scope. Send \`Authorization: Bearer perch_live_…\`.`,
      );
    }
    return { kind: "api_key", key, label: `API key “${key.name}” (${key.prefix}…)` };
  }
  const user = session ? sessionUserFrom(session.user, session.claims) : await currentUser();
  if (!user) {
    throw new AppError(
      "unauthenticated",
      "Sign in to Perch, or send a Perch API key as `Authorization: Bearer perch_live_…`.",
    );
  }
  if (!hasRole(user, "viewer")) {
    throw new AppError("forbidden", "Your role cannot read employer data.");
  }
  return { kind: "user", user, label: user.email };
}
