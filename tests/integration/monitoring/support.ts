import { randomUUID } from "node:crypto";
import { listen, type RunningServer } from "@/lib/emulator/node-server";
import { getDb, setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { connections, employers, type Connection, type Employer } from "@/db/schema";
import { getDemoEmulator, EMULATOR_API_PATH } from "@/lib/demo/emulator";
import type { Emulator } from "@/lib/emulator";
import { env } from "@/lib/env";
import { finchForApp } from "@/lib/finch/client";
import { introspectConnection } from "@/lib/finch/introspect";
import { encryptToken } from "@/lib/token-encryption";
import { signWebhook } from "@/lib/emulator/webhooks";
import { useTestEnv } from "@/tests/support/app-env";
import type { DatabaseTarget } from "@/tests/support/databases";

export const ALL_PRODUCTS = [
  "company",
  "directory",
  "individual",
  "employment",
  "payment",
  "pay_statement",
  "benefits",
];
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface MonitoringWorld {
  handle: DatabaseHandle;
  emulator: Emulator;
  server: RunningServer;
  /** POSTs to the emulator's control surface. */
  control(path: string, method: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Demo-mode app environment on a fresh database, with the in-process emulator and a small HTTP
 * server standing in for Next: the emulator's signed webhooks reach the real route handler.
 */
export async function openWorld(target: DatabaseTarget): Promise<MonitoringWorld> {
  const { POST } = await import("@/app/api/webhooks/finch/route");
  const server = await listen((request) => {
    const { pathname } = new URL(request.url);
    if (pathname === "/api/webhooks/finch" && request.method === "POST") return POST(request);
    return Promise.resolve(new Response("not found", { status: 404 }));
  });
  const port = new URL(server.url).port;
  // eslint-disable-next-line react-hooks/rules-of-hooks -- a test helper named use*, not a React hook
  useTestEnv({ PORT: port, PERCH_URL: `http://127.0.0.1:${port}`, PERCH_SCHEDULER: "off" });
  const handle = await target.open();
  setDatabaseForTests(handle);
  const emulator = await getDemoEmulator()!;
  const base = `${env().publicUrl}${EMULATOR_API_PATH}/_emulator`;
  return {
    handle,
    emulator,
    server,
    async control(path, method, body) {
      const response = await emulator.handle(
        new Request(`${base}/${path}`, {
          method,
          headers: body === undefined ? {} : { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      return response.json();
    },
    async close() {
      await emulator.close();
      (globalThis as { perchEmulator?: unknown }).perchEmulator = undefined;
      await server.close();
      setDatabaseForTests(undefined);
      await handle.close();
    },
  };
}

export interface Seeded {
  employer: Employer;
  connection: Connection;
  accessToken: string;
}

/**
 * An employer connected through the real exchange path against the emulator: a Connect session,
 * the Connect page's completion, the code exchange and introspection, then stored like Perch does.
 */
export async function seedConnection({
  assisted,
  products = ALL_PRODUCTS,
  name = `Employer ${randomUUID().slice(0, 6)}`,
  emulator,
}: {
  assisted: boolean;
  products?: string[];
  name?: string;
  emulator: Emulator;
}): Promise<Seeded> {
  const finch = await finchForApp();
  const customerId = `cust-${randomUUID().slice(0, 8)}`;
  const session = await finch.connect.sessions.new({
    customer_id: customerId,
    customer_name: name,
    products: products as never,
    manual: assisted,
  });
  const completion = await emulator.handle(
    new Request(`${env().publicUrl}/authorize/complete`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        session_id: session.session_id,
        provider_id: assisted ? "adp_workforce_now" : "gusto",
        auth_method: assisted ? "assisted" : "oauth",
        ...(assisted ? { outcome: "success" } : {}),
      }),
    }),
  );
  const { code } = (await completion.json()) as { code: string };
  const token = await finch.accessTokens.create({ code });
  const snapshot = await introspectConnection(token.access_token);
  const db = await getDb();
  const now = emulator.now();
  const [employer] = await db
    .insert(employers)
    .values({ name, customerId, createdAt: now })
    .returning();
  const encrypted = encryptToken(token.access_token);
  const [connection] = await db
    .insert(connections)
    .values({
      employerId: employer.id,
      finchConnectionId: snapshot.finchConnectionId,
      providerId: snapshot.providerId,
      providerName: assisted ? "ADP Workforce Now" : "Gusto",
      authMethod: snapshot.authMethod,
      assisted: snapshot.assisted,
      products: snapshot.products,
      status: snapshot.status,
      statusMessage: snapshot.statusMessage,
      statusChangedAt: now,
      accessTokenCiphertext: encrypted.ciphertext,
      accessTokenKeyId: encrypted.keyId,
      nextCheckAt: now,
      createdAt: now,
    })
    .returning();
  await db
    .update(employers)
    .set({
      connectionStatus: connection.status,
      providerId: connection.providerId,
      assisted: connection.assisted,
      statusChangedAt: now,
    })
    .where((await import("drizzle-orm")).eq(employers.id, employer.id));
  return { employer, connection, accessToken: token.access_token };
}

/** A Request signed the way Finch signs deliveries. */
export function signedWebhook({
  body,
  eventId = `msg_${randomUUID().replace(/-/g, "")}`,
  timestampSeconds = Math.floor(Date.now() / 1000),
  secret = env().finch.webhookSecret!,
}: {
  body: unknown;
  eventId?: string;
  timestampSeconds?: number;
  secret?: string;
}): { request: () => Request; eventId: string; raw: string } {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const signature = signWebhook(secret, eventId, timestampSeconds, raw);
  return {
    eventId,
    raw,
    request: () =>
      new Request(`${env().publicUrl}/api/webhooks/finch`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "finch-event-id": eventId,
          "finch-timestamp": String(timestampSeconds),
          "finch-signature": signature,
        },
        body: raw,
      }),
  };
}
