import "server-only";
import { finchForApp, finchForConnection } from "@/lib/finch/client";
import { finchAppError } from "@/lib/finch/errors";

/**
 * Finch Connect and account management calls used by onboarding: sessions, the code exchange,
 * disconnect, the provider list and (for tests and the demo) sandbox connections.
 */

export interface NewSessionParams {
  customerId: string;
  customerName: string;
  customerEmail: string | null;
  products: string[];
  manual: boolean;
  integration: { provider: string; authMethod: string | null } | null;
  minutesToExpire: number;
  sandbox: "finch" | "provider" | null;
  redirectUri: string | null;
}

export interface CreatedSession {
  sessionId: string;
  connectUrl: string;
}

type AuthMethod = "assisted" | "credential" | "oauth" | "api_token";

export async function createConnectSession(params: NewSessionParams): Promise<CreatedSession> {
  const finch = await finchForApp();
  try {
    const session = await finch.connect.sessions.new({
      customer_id: params.customerId,
      customer_name: params.customerName,
      customer_email: params.customerEmail,
      products: params.products as never,
      manual: params.manual,
      minutes_to_expire: params.minutesToExpire,
      sandbox: params.sandbox,
      redirect_uri: params.redirectUri,
      integration: params.integration
        ? {
            provider: params.integration.provider,
            auth_method: (params.integration.authMethod as AuthMethod | null) ?? null,
          }
        : null,
    });
    return { sessionId: session.session_id, connectUrl: session.connect_url };
  } catch (error) {
    throw finchAppError(error, "start a Finch Connect session");
  }
}

export async function createReauthSession(params: {
  finchConnectionId: string;
  minutesToExpire: number;
  products: string[] | null;
  redirectUri: string | null;
}): Promise<CreatedSession> {
  const finch = await finchForApp();
  try {
    const session = await finch.connect.sessions.reauthenticate({
      connection_id: params.finchConnectionId,
      minutes_to_expire: params.minutesToExpire,
      products: (params.products as never) ?? null,
      redirect_uri: params.redirectUri,
    });
    return { sessionId: session.session_id, connectUrl: session.connect_url };
  } catch (error) {
    throw finchAppError(error, "start a re-authentication session");
  }
}

export interface ExchangedToken {
  accessToken: string;
  finchConnectionId: string;
  providerId: string;
  products: string[];
  customerId: string | null;
  finchCompanyId: string | null;
  entityIds: string[];
  clientType: string | null;
  connectionType: string | null;
}

/** POST /auth/token. Throws the SDK's error so the caller can tell a bad code from an outage. */
export async function exchangeAuthorizationCode({
  code,
  redirectUri,
}: {
  code: string;
  redirectUri: string | null;
}): Promise<ExchangedToken> {
  const finch = await finchForApp();
  // A code is single-use: a retry after Finch accepted it would be refused and hide the success.
  const token = await finch.accessTokens.create(
    { code, ...(redirectUri ? { redirect_uri: redirectUri } : {}) },
    { maxRetries: 0 },
  );
  return {
    accessToken: token.access_token,
    finchConnectionId: token.connection_id,
    providerId: token.provider_id,
    products: [...(token.products ?? [])],
    customerId: token.customer_id ?? null,
    finchCompanyId: token.company_id ?? null,
    entityIds: [...(token.entity_ids ?? [])],
    clientType: token.client_type ?? null,
    connectionType: token.connection_type ?? null,
  };
}

export async function disconnectAccount(accessToken: string): Promise<void> {
  const finch = await finchForConnection(accessToken);
  await finch.account.disconnect();
}

export interface ProviderSummary {
  id: string;
  name: string;
  products: string[];
  authMethods: string[];
}

/** Finch's provider list; Finch documents it without auth, so the header is left off. */
export async function listProviders(
  bounds: { timeout?: number; maxRetries?: number } = {},
): Promise<ProviderSummary[]> {
  const finch = await finchForApp();
  try {
    const page = await finch.providers.list({ headers: { Authorization: null }, ...bounds });
    return page.items.map((p) => ({
      id: p.id,
      name: p.display_name,
      products: [...(p.products ?? [])],
      authMethods: (p.authentication_methods ?? []).map((m) => m.type ?? "").filter(Boolean),
    }));
  } catch (error) {
    throw finchAppError(error, "load Finch's provider list");
  }
}

/** A Finch sandbox connection made without Connect (POST /sandbox/connections, Basic auth). */
export async function createSandboxConnection(params: {
  providerId: string;
  authenticationType: "assisted" | "credential" | "oauth" | "api_token";
  products?: string[];
  employeeSize?: number;
}): Promise<{ accessToken: string; finchConnectionId: string }> {
  const finch = await finchForApp();
  const created = await finch.sandbox.connections.create({
    provider_id: params.providerId,
    authentication_type: params.authenticationType,
    ...(params.products ? { products: params.products } : {}),
    ...(params.employeeSize ? { employee_size: params.employeeSize } : {}),
  });
  return { accessToken: created.access_token, finchConnectionId: created.connection_id };
}
