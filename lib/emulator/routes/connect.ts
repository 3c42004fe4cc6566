import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { hashSecret, isClient, requireClient } from "../auth";
import { isLive, issueToken } from "../connections";
import { liveEntityIds } from "../entities";
import type { EmulatorContext, RequestContext } from "../context";
import { errors, json, parseWith, readJsonBody, type Router } from "../http";
import { MINUTE_MS } from "../lifecycle";
import { productListSchema } from "../products";
import { findProvider } from "../providers";
import { AUTH_METHODS, type SessionRecord } from "../records";

const MAX_SESSION_MINUTES = 129_600;
const DEFAULT_REAUTH_MINUTES = 43_200;
/** Authorization codes are single-use and short-lived, like OAuth codes. */
export const CODE_TTL_MS = 10 * MINUTE_MS;

const newSessionSchema = z.object({
  customer_id: z.string().min(1).max(255),
  customer_name: z.string().min(1).max(255),
  customer_email: z.email().nullish(),
  products: productListSchema,
  redirect_uri: z.url().nullish(),
  minutes_to_expire: z.number().int().min(1).max(MAX_SESSION_MINUTES).nullish(),
  sandbox: z.enum(["finch", "provider"]).nullish(),
  manual: z.boolean().nullish(),
  integration: z
    .object({ provider: z.string().min(1), auth_method: z.enum(AUTH_METHODS).nullish() })
    .nullish(),
});

const reauthSessionSchema = z.object({
  connection_id: z.string().min(1),
  minutes_to_expire: z.number().int().min(1).max(MAX_SESSION_MINUTES).nullish(),
  products: productListSchema.nullish(),
  redirect_uri: z.url().nullish(),
});

const tokenRequestSchema = z.object({
  code: z.string().min(1),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  redirect_uri: z.string().nullish(),
});

function connectUrl(rc: RequestContext, sessionId: string): string {
  return `${rc.origin}/authorize?session=${sessionId}`;
}

export function registerConnectRoutes(router: Router<RequestContext>, ctx: EmulatorContext): void {
  router.add("POST", "/connect/sessions", async (rc) => {
    requireClient(ctx, rc.request);
    const body = parseWith(newSessionSchema, await readJsonBody(rc.request));
    const integration = body.integration ?? null;
    if (integration) {
      const provider = findProvider(integration.provider);
      if (!provider)
        throw errors.badRequest(`integration.provider: unknown provider '${integration.provider}'`);
      if (integration.auth_method && !provider.methods.includes(integration.auth_method)) {
        throw errors.badRequest(
          `integration.auth_method: ${provider.displayName} does not support '${integration.auth_method}' (supported: ${provider.methods.join(", ")})`,
        );
      }
      if (body.sandbox === "provider" && integration.auth_method === "assisted") {
        throw errors.badRequest("Assisted integrations are not available in the Provider Sandbox");
      }
    }
    const t = ctx.tickNow();
    const session: SessionRecord = {
      id: randomUUID(),
      kind: "new",
      connectionId: null,
      customerId: body.customer_id,
      customerName: body.customer_name,
      customerEmail: body.customer_email ?? null,
      products: body.products,
      redirectUri: body.redirect_uri ?? null,
      manual: body.manual ?? false,
      integration: integration
        ? { provider: integration.provider, authMethod: integration.auth_method ?? null }
        : null,
      sandbox: body.sandbox ?? null,
      createdAt: t,
      expiresAt: t + (body.minutes_to_expire ?? MAX_SESSION_MINUTES) * MINUTE_MS,
      completedAt: null,
    };
    ctx.state.sessions[session.id] = session;
    ctx.store.changed();
    return json({ session_id: session.id, connect_url: connectUrl(rc, session.id) });
  });

  router.add("POST", "/connect/sessions/reauthenticate", async (rc) => {
    requireClient(ctx, rc.request);
    const body = parseWith(reauthSessionSchema, await readJsonBody(rc.request));
    const t = ctx.tickNow();
    const connection = ctx.state.connections[body.connection_id];
    if (!connection) throw errors.notFound(`No connection with id '${body.connection_id}'`);
    if (!isLive(connection, t)) {
      throw errors.badRequest(
        "This connection has been disconnected and cannot be re-authenticated; create a new connection instead",
      );
    }
    const session: SessionRecord = {
      id: randomUUID(),
      kind: "reauth",
      connectionId: connection.id,
      customerId: connection.customerId ?? connection.id,
      customerName: connection.customerName ?? "",
      customerEmail: connection.customerEmail,
      products: body.products ?? connection.products,
      redirectUri: body.redirect_uri ?? null,
      manual: connection.authMethod === "assisted",
      integration: { provider: connection.providerId, authMethod: connection.authMethod },
      sandbox:
        connection.connectionType === "finch"
          ? "finch"
          : connection.clientType === "sandbox"
            ? "provider"
            : null,
      createdAt: t,
      expiresAt: t + (body.minutes_to_expire ?? DEFAULT_REAUTH_MINUTES) * MINUTE_MS,
      completedAt: null,
    };
    ctx.state.sessions[session.id] = session;
    ctx.store.changed();
    return json({ session_id: session.id, connect_url: connectUrl(rc, session.id) });
  });

  router.add("POST", "/auth/token", async (rc) => {
    const raw = await readJsonBody(rc.request);
    const fields = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    if (!isClient(ctx, fields.client_id, fields.client_secret)) throw errors.invalidClient();
    const body = parseWith(tokenRequestSchema, raw);
    const t = ctx.tickNow();
    const code = ctx.state.codes[hashSecret(body.code)];
    if (!code || code.usedAt !== null || code.expiresAt <= t) {
      throw errors.invalidGrant(
        "The authorization code is invalid, expired or has already been used",
      );
    }
    if (body.redirect_uri && code.redirectUri && body.redirect_uri !== code.redirectUri) {
      throw errors.invalidGrant("redirect_uri does not match the one used to create the session");
    }
    const connection = ctx.state.connections[code.connectionId];
    if (!connection)
      throw errors.invalidGrant(
        "The authorization code is invalid, expired or has already been used",
      );
    code.usedAt = t;
    const { raw: accessToken } = issueToken(ctx, connection, code.products, t);
    return json({
      access_token: accessToken,
      token_type: "bearer",
      connection_id: connection.id,
      customer_id: connection.customerId,
      customer_name: connection.customerName,
      account_id: connection.accountId,
      company_id: connection.companyId,
      client_type: connection.clientType,
      connection_type: connection.connectionType,
      products: code.products,
      provider_id: connection.providerId,
      entity_ids: liveEntityIds(connection, t),
    });
  });
}

export function newAuthorizationCode(): string {
  return randomBytes(24).toString("hex");
}
