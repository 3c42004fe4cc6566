import "server-only";
import { insertConnectSession } from "@/db/queries/connect-sessions";
import { recordEvent } from "@/db/queries/events";
import type { Connection, ConnectSession, Employer } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createConnectSession, createReauthSession } from "@/lib/finch/connect";
import { hashSecret, newSecretToken } from "@/lib/onboarding/tokens";
import { productLabel } from "@/lib/status/products";

export interface Actor {
  userId: string | null;
  label: string;
}

export interface SessionOptions {
  products: string[];
  manual: boolean;
  integration: { provider: string; authMethod: string | null } | null;
  minutesToExpire: number;
  sandbox: "finch" | "provider" | null;
  /** Redirect flow: Finch sends the browser to /api/finch/callback instead of posting a message. */
  redirect: boolean;
}

export interface StartedSession {
  session: ConnectSession;
  /** Finch's session id, for the embedded Connect. */
  sessionId: string;
  /** Only for the redirect flow: where to send the browser (carries the single-use state). */
  redirectTo: string | null;
}

/**
 * Where the redirect flow comes back to. In demo mode the browser may use any host name for
 * this app, so the callback goes back to the origin it came from.
 */
function callbackBase(requestOrigin: string | null): string {
  const { mode, publicUrl } = env();
  return mode === "demo" && requestOrigin ? requestOrigin : publicUrl;
}

function redirectTarget(connectUrl: string, state: string, requestOrigin: string | null): string {
  const url = new URL(connectUrl);
  if (env().mode === "demo" && requestOrigin) {
    const origin = new URL(requestOrigin);
    url.protocol = origin.protocol;
    url.host = origin.host;
  }
  url.searchParams.set("state", state);
  return url.toString();
}

function assertActive(employer: Employer) {
  if (employer.archivedAt) {
    throw new AppError("conflict", "This employer is archived. Restore it before connecting.");
  }
}

/** A new Finch Connect session for an employer, stored and recorded on its timeline. */
export async function startNewSession({
  employer,
  options,
  actor,
  inviteId = null,
  requestOrigin = null,
}: {
  employer: Employer;
  options: SessionOptions;
  actor: Actor;
  inviteId?: string | null;
  requestOrigin?: string | null;
}): Promise<StartedSession> {
  assertActive(employer);
  const { mode } = env();
  const state = options.redirect ? newSecretToken() : null;
  const redirectUri = options.redirect ? `${callbackBase(requestOrigin)}/api/finch/callback` : null;
  const sandbox = mode === "sandbox" ? options.sandbox : null;
  const created = await createConnectSession({
    customerId: employer.customerId,
    customerName: employer.name,
    customerEmail: employer.contactEmail,
    products: options.products,
    manual: options.manual,
    integration: options.integration,
    minutesToExpire: options.minutesToExpire,
    sandbox,
    redirectUri,
  });
  return record({
    employer,
    kind: "new",
    created,
    options: { ...options, sandbox },
    state,
    redirectUri,
    actor,
    inviteId,
    connectionId: null,
    requestOrigin,
  });
}

/** A re-authentication session for an existing connection: same connection, new token. */
export async function startReauthSession({
  employer,
  connection,
  minutesToExpire,
  redirect,
  actor,
  inviteId = null,
  requestOrigin = null,
}: {
  employer: Employer;
  connection: Connection;
  minutesToExpire: number;
  redirect: boolean;
  actor: Actor;
  inviteId?: string | null;
  requestOrigin?: string | null;
}): Promise<StartedSession> {
  assertActive(employer);
  if (connection.employerId !== employer.id) {
    throw new AppError("not_found", "That connection does not belong to this employer.");
  }
  if (connection.status === "disconnected" || connection.disconnectedAt) {
    throw new AppError(
      "conflict",
      "A disconnected connection cannot be re-authenticated. Connect the employer again instead.",
    );
  }
  const state = redirect ? newSecretToken() : null;
  const redirectUri = redirect ? `${callbackBase(requestOrigin)}/api/finch/callback` : null;
  const created = await createReauthSession({
    finchConnectionId: connection.finchConnectionId,
    minutesToExpire,
    products: connection.products.length ? connection.products : null,
    redirectUri,
  });
  return record({
    employer,
    kind: "reauth",
    created,
    options: {
      products: connection.products,
      manual: connection.assisted,
      integration: { provider: connection.providerId, authMethod: connection.authMethod },
      minutesToExpire,
      sandbox: null,
      redirect,
    },
    state,
    redirectUri,
    actor,
    inviteId,
    connectionId: connection.id,
    requestOrigin,
  });
}

async function record({
  employer,
  kind,
  created,
  options,
  state,
  redirectUri,
  actor,
  inviteId,
  connectionId,
  requestOrigin,
}: {
  employer: Employer;
  kind: "new" | "reauth";
  created: { sessionId: string; connectUrl: string };
  options: SessionOptions;
  state: string | null;
  redirectUri: string | null;
  actor: Actor;
  inviteId: string | null;
  connectionId: string | null;
  requestOrigin: string | null;
}): Promise<StartedSession> {
  const now = await appNow();
  const session = await insertConnectSession({
    employerId: employer.id,
    kind,
    finchSessionId: created.sessionId,
    connectionId,
    inviteId,
    products: options.products,
    manual: options.manual,
    integrationProvider: options.integration?.provider ?? null,
    integrationAuthMethod: options.integration?.authMethod ?? null,
    sandbox: options.sandbox,
    redirectUri,
    stateHash: state ? hashSecret(state) : null,
    status: "created",
    expiresAt: new Date(now.getTime() + options.minutesToExpire * 60_000),
    createdAt: now,
    createdBy: actor.userId,
  });
  const what = kind === "reauth" ? "Re-authentication session" : "Finch Connect session";
  const products = options.products.map(productLabel).join(", ");
  await recordEvent({
    occurredAt: now,
    source: actor.userId ? "staff" : "connect",
    type: "connect.session_created",
    employerId: employer.id,
    connectionId,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    summary: `${what} created${options.redirect ? " (redirect flow)" : ""} for ${products}${options.manual ? ", assisted providers included" : ""}`,
    data: {
      connectSessionId: session.id,
      finchSessionId: created.sessionId,
      kind,
      products: options.products,
      manual: options.manual,
      integration: options.integration,
      sandbox: options.sandbox,
      minutesToExpire: options.minutesToExpire,
      redirect: options.redirect,
      inviteId,
    },
  });
  return {
    session,
    sessionId: created.sessionId,
    redirectTo: state ? redirectTarget(created.connectUrl, state, requestOrigin) : null,
  };
}
