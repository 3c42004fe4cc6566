import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashSecret } from "../auth";
import {
  changeStatusAt,
  createConnection,
  forceStatus,
  isLive,
  takeScenario,
} from "../connections";
import {
  ASSISTED_ADMIN_EMAIL,
  connectPageCsp,
  renderConnectPage,
  type ConnectPageModel,
  type ConnectPageProvider,
} from "../connect-page";
import type { EmulatorContext, RequestContext } from "../context";
import {
  entityOptionsFor,
  entityStatusAt,
  liveEntityIds,
  newEntity,
  type EntityChoice,
} from "../entities";
import { json, readJsonBody, FinchError, type Router } from "../http";
import { HOUR_MS, lifecycleAt } from "../lifecycle";
import { PRODUCT_DESCRIPTIONS, type Product } from "../products";
import { findProvider, methodsForSession, PROVIDERS, type ProviderSpec } from "../providers";
import {
  AUTH_METHODS,
  type AssistedScenario,
  type ConnectionRecord,
  type SessionRecord,
} from "../records";
import { CODE_TTL_MS, newAuthorizationCode } from "./connect";

/** Finch's documented sandbox credentials; anything else is "wrong" in the emulator. */
export const SANDBOX_CREDENTIALS = {
  username: "good_user",
  password: "good_pass",
  apiToken: "good_token",
};

const completionSchema = z.object({
  session_id: z.string().min(1),
  provider_id: z.string().min(1),
  auth_method: z.enum(AUTH_METHODS),
  username: z.string().optional(),
  password: z.string().optional(),
  api_token: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  outcome: z.enum(["success", "no_account_setup", "wrong_permissions"]).optional(),
  entities: z
    .array(
      z.object({
        source_id: z.string().min(1),
        outcome: z.enum(["success", "no_account_setup", "wrong_permissions"]).optional(),
      }),
    )
    .max(50)
    .optional(),
});

type Completion = z.infer<typeof completionSchema>;

function pageError(status: number, type: string, message: string): Response {
  return json({ error: { type, message } }, status);
}

function sessionProblem(
  session: SessionRecord | undefined,
  t: number,
): { title: string; message: string } | null {
  if (!session)
    return {
      title: "Session not found",
      message: "This Finch Connect link is invalid. Ask for a new link.",
    };
  if (session.completedAt !== null) {
    return {
      title: "Already connected",
      message:
        "This Finch Connect session has already been used. Ask for a new link to connect again.",
    };
  }
  if (session.expiresAt <= t)
    return {
      title: "Session expired",
      message: "This Finch Connect link has expired. Ask for a new link.",
    };
  return null;
}

function providersFor(
  ctx: EmulatorContext,
  session: SessionRecord,
): { provider: ProviderSpec; methods: ConnectPageProvider["methods"] }[] {
  if (session.kind === "reauth" && session.connectionId) {
    const connection = ctx.state.connections[session.connectionId];
    const provider = connection ? findProvider(connection.providerId) : undefined;
    return provider && connection ? [{ provider, methods: [connection.authMethod] }] : [];
  }
  const candidates = session.integration
    ? PROVIDERS.filter((p) => p.id === session.integration?.provider)
    : PROVIDERS;
  return candidates
    .map((provider) => ({
      provider,
      methods: methodsForSession(provider, session.manual, session.integration?.authMethod ?? null),
    }))
    .filter((entry) => entry.methods.length > 0);
}

function pageModel(
  ctx: EmulatorContext,
  session: SessionRecord | undefined,
  t: number,
): ConnectPageModel {
  const problem = sessionProblem(session, t);
  if (problem || !session) return { kind: "error", ...(problem ?? { title: "", message: "" }) };
  const providers = providersFor(ctx, session).map(({ provider, methods }) => ({
    id: provider.id,
    name: provider.displayName,
    color: provider.primaryColor,
    initials: provider.displayName
      .split(/\s+/)
      .map((w) => w[0])
      .join("")
      .slice(0, 2)
      .toUpperCase(),
    methods,
    adminPath: provider.adminPath ?? null,
    entities: entityOptionsFor(provider.id, session.customerName),
  }));
  if (providers.length === 0) {
    return {
      kind: "error",
      title: "Provider unavailable",
      message: "The requested provider cannot be connected with this session.",
    };
  }
  const labels = [...new Set(session.products.map((p) => PRODUCT_DESCRIPTIONS[p as Product] ?? p))];
  return {
    kind: "ready",
    sessionId: session.id,
    customerName: session.customerName,
    products: labels,
    providers,
    preselected: session.kind === "reauth" || session.integration ? providers[0].id : null,
    reauth: session.kind === "reauth",
    connectedEntities: connectedSourceIds(ctx, session, t),
    defaultScenario: ctx.state.scenario.next,
    assistedEmail: ASSISTED_ADMIN_EMAIL,
  };
}

function connectedSourceIds(ctx: EmulatorContext, session: SessionRecord, t: number): string[] {
  const connection = session.connectionId ? ctx.state.connections[session.connectionId] : null;
  if (!connection?.entities) return [];
  const live = liveEntityIds(connection, t);
  return connection.entities.filter((e) => live.includes(e.id)).map((e) => e.sourceId);
}

/**
 * The entities picked on the page. A provider with entities needs at least one; a client that
 * sends none (an older page, a script) gets the first, like a single-entity connection.
 */
function entityChoices(
  input: Completion,
  providerId: string,
  customerName: string,
  fallback: AssistedScenario,
): EntityChoice[] | string {
  const options = entityOptionsFor(providerId, customerName);
  if (options.length === 0) return [];
  if (!input.entities) return [{ sourceId: options[0].sourceId, outcome: fallback }];
  const unknown = input.entities.filter((e) => !options.some((o) => o.sourceId === e.source_id));
  if (unknown.length > 0) return `Unknown entity ${unknown.map((e) => e.source_id).join(", ")}`;
  return input.entities.map((e) => ({
    sourceId: e.source_id,
    outcome: input.auth_method === "assisted" ? (e.outcome ?? fallback) : "success",
  }));
}

/** Re-auth adds newly picked entities (and revives re-picked ones); it never removes any. */
function addEntities(
  ctx: EmulatorContext,
  connection: ConnectionRecord,
  choices: EntityChoice[],
  t: number,
): void {
  const entities = connection.entities;
  if (!entities) return;
  const options = entityOptionsFor(connection.providerId, connection.customerName ?? "");
  const pendingMs = Math.round(ctx.state.scenario.pendingHours * HOUR_MS);
  changeStatusAt(ctx, connection, t, (c) => {
    for (const choice of choices) {
      const existing = entities.find((e) => e.sourceId === choice.sourceId);
      const option = options.find((o) => o.sourceId === choice.sourceId);
      if (existing) {
        if (entityStatusAt(c, existing, t) === "disconnected")
          existing.statusEvents.push({ at: t, status: "resume" });
      } else if (option) {
        entities.push(newEntity(option, c.authMethod, choice.outcome, t, pendingMs));
      }
    }
  });
}

function credentialsProblem(input: Completion): string | null {
  switch (input.auth_method) {
    case "credential":
      return input.username === SANDBOX_CREDENTIALS.username &&
        input.password === SANDBOX_CREDENTIALS.password
        ? null
        : "Incorrect username or password";
    case "api_token": {
      const tokenOk = input.api_token === SANDBOX_CREDENTIALS.apiToken;
      const pairOk =
        input.client_id === SANDBOX_CREDENTIALS.username &&
        input.client_secret === SANDBOX_CREDENTIALS.password;
      return tokenOk || pairOk ? null : "Invalid API token";
    }
    default:
      return null;
  }
}

/** Reuses the live connection for the same customer and provider, or the reauth session's connection. */
function existingConnection(
  ctx: EmulatorContext,
  session: SessionRecord,
  providerId: string,
  t: number,
): ConnectionRecord | undefined {
  if (session.kind === "reauth" && session.connectionId)
    return ctx.state.connections[session.connectionId];
  const connectionType = session.sandbox === "finch" ? "finch" : "provider";
  return Object.values(ctx.state.connections).find(
    (c) =>
      c.customerId === session.customerId &&
      c.providerId === providerId &&
      c.connectionType === connectionType &&
      isLive(c, t),
  );
}

function reconnect(
  ctx: EmulatorContext,
  connection: ConnectionRecord,
  scenario: AssistedScenario,
  t: number,
): void {
  const { status, verifiedAt } = lifecycleAt(connection, t);
  if (connection.authMethod !== "assisted" || verifiedAt !== null) {
    forceStatus(ctx, connection, "resume", t);
    return;
  }
  if (status === "pending") return;
  // An assisted employer that retries setup goes back to pending until Finch checks again.
  const outcome = {
    success: "processing",
    no_account_setup: "error_no_account_setup",
    wrong_permissions: "error_permissions",
  } as const;
  changeStatusAt(ctx, connection, t, (c) => {
    c.statusEvents.push({ at: t, status: "pending" });
    c.statusEvents.push({
      at: t + ctx.state.scenario.pendingHours * HOUR_MS,
      status: outcome[scenario],
      scheduled: true,
    });
  });
}

export function registerAuthorizeRoutes(
  router: Router<RequestContext>,
  ctx: EmulatorContext,
): void {
  router.add("GET", "/authorize", (rc) => {
    const t = ctx.tickNow();
    const sessionId = rc.url.searchParams.get("session");
    const model = pageModel(ctx, sessionId ? ctx.state.sessions[sessionId] : undefined, t);
    const nonce = randomBytes(16).toString("base64");
    return new Response(renderConnectPage(model, nonce), {
      status: 200,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": connectPageCsp(nonce),
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
      },
    });
  });

  router.add("POST", "/authorize/complete", async (rc) => {
    let input: Completion;
    try {
      const parsed = completionSchema.safeParse(await readJsonBody(rc.request));
      if (!parsed.success)
        return pageError(400, "validation_error", "The Connect page sent an incomplete request");
      input = parsed.data;
    } catch (error) {
      if (error instanceof FinchError) return pageError(400, "validation_error", error.message);
      throw error;
    }
    const t = ctx.tickNow();
    const session = ctx.state.sessions[input.session_id];
    const problem = sessionProblem(session, t);
    if (problem) return pageError(session ? 410 : 404, "session_invalid", problem.message);

    const offered = providersFor(ctx, session).find(
      (entry) => entry.provider.id === input.provider_id,
    );
    if (!offered || !offered.methods.includes(input.auth_method)) {
      return pageError(
        400,
        "validation_error",
        "That provider or sign-in method is not available in this session",
      );
    }
    const wrong = credentialsProblem(input);
    if (wrong) return pageError(401, "invalid_credentials", wrong);

    let scenario: AssistedScenario =
      input.auth_method === "assisted" ? (input.outcome ?? ctx.state.scenario.next) : "success";
    const choices = entityChoices(input, offered.provider.id, session.customerName, scenario);
    if (typeof choices === "string") return pageError(400, "validation_error", choices);
    if (
      choices.length === 0 &&
      entityOptionsFor(offered.provider.id, session.customerName).length > 0 &&
      session.kind === "new"
    )
      return pageError(400, "entities_required", "Pick at least one entity to connect");
    // The connection-level status follows the best-placed entity.
    if (choices.length > 0 && !choices.some((c) => c.outcome === scenario))
      scenario = choices.some((c) => c.outcome === "success") ? "success" : choices[0].outcome;
    if (input.auth_method === "assisted") takeScenario(ctx);
    let connection = existingConnection(ctx, session, offered.provider.id, t);
    if (connection) {
      reconnect(ctx, connection, scenario, t);
      addEntities(ctx, connection, choices, t);
      if (session.kind === "new") {
        connection.customerName = session.customerName;
        connection.customerEmail = session.customerEmail;
      }
    } else {
      connection = createConnection(
        ctx,
        {
          providerId: offered.provider.id,
          authMethod: input.auth_method,
          products: session.products,
          customerId: session.customerId,
          customerName: session.customerName,
          customerEmail: session.customerEmail,
          clientType: session.sandbox ? "sandbox" : "production",
          connectionType: session.sandbox === "finch" ? "finch" : "provider",
          username: input.auth_method === "credential" ? (input.username ?? null) : null,
          scenario,
          apiBaseUrl: `${rc.origin}${ctx.apiBasePath}`,
          entities: choices,
        },
        t,
      );
    }
    const code = newAuthorizationCode();
    ctx.state.codes[hashSecret(code)] = {
      hash: hashSecret(code),
      sessionId: session.id,
      connectionId: connection.id,
      products: session.products,
      redirectUri: session.redirectUri,
      expiresAt: t + CODE_TTL_MS,
      usedAt: null,
    };
    session.completedAt = t;
    ctx.store.changed();
    return json({ code, redirect_uri: session.redirectUri, connection_id: connection.id });
  });
}
