import { createHash, timingSafeEqual } from "node:crypto";
import type { EmulatorContext } from "./context";
import { errors } from "./http";
import type { ConnectionRecord, TokenRecord } from "./records";

export function hashSecret(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function isClient(ctx: EmulatorContext, clientId: unknown, clientSecret: unknown): boolean {
  return (
    typeof clientId === "string" &&
    typeof clientSecret === "string" &&
    safeEqual(clientId, ctx.clientId) &&
    safeEqual(clientSecret, ctx.clientSecret)
  );
}

/** Basic auth with the application's client id and secret (connect sessions, sandbox connections). */
export function requireClient(ctx: EmulatorContext, request: Request): void {
  const header = request.headers.get("authorization");
  if (!header) throw errors.missingAuth();
  const match = /^Basic\s+(.+)$/i.exec(header.trim());
  if (!match) throw errors.invalidClient();
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 0 || !isClient(ctx, decoded.slice(0, separator), decoded.slice(separator + 1))) {
    throw errors.invalidClient();
  }
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match ? match[1].trim() : null;
}

export interface Grant {
  token: TokenRecord;
  connection: ConnectionRecord;
}

/** Bearer auth with an access token: 401 `unauthorized_request_error` if absent, `invalid_token_error` if unknown or revoked. */
export function requireToken(ctx: EmulatorContext, request: Request): Grant {
  const header = request.headers.get("authorization");
  if (!header) throw errors.missingAuth();
  const raw = bearerToken(request);
  if (!raw) throw errors.invalidToken();
  const token = ctx.state.tokens[hashSecret(raw)];
  const connection = token ? ctx.state.connections[token.connectionId] : undefined;
  if (!token || token.revokedAt !== null || !connection) throw errors.invalidToken();
  return { token, connection };
}
