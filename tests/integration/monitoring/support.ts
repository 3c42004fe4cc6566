import {
  createConnectedEmployer,
  type ConnectedEmployer,
} from "@/tests/support/connected-employer";
import { randomUUID } from "node:crypto";
import { listen, type RunningServer } from "@/lib/emulator/node-server";
import { setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { getDemoEmulator, EMULATOR_API_PATH } from "@/lib/demo/emulator";
import type { Emulator } from "@/lib/emulator";
import { env } from "@/lib/env";
import { signWebhook } from "@/lib/emulator/webhooks";
import { installTestEnv } from "@/tests/support/app-env";
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
export async function openWorld(
  target: DatabaseTarget,
  envOverrides: Record<string, string> = {},
): Promise<MonitoringWorld> {
  const { POST } = await import("@/app/api/webhooks/finch/route");
  const server = await listen((request) => {
    const { pathname } = new URL(request.url);
    if (pathname === "/api/webhooks/finch" && request.method === "POST") return POST(request);
    return Promise.resolve(new Response("not found", { status: 404 }));
  });
  const port = new URL(server.url).port;
  installTestEnv({
    PORT: port,
    PERCH_URL: `http://127.0.0.1:${port}`,
    PERCH_SCHEDULER: "off",
    ...envOverrides,
  });
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

export type Seeded = ConnectedEmployer;

/** An employer connected the way onboarding connects one (the shared test helper), settled. */
export async function seedConnection({
  assisted,
  products = ALL_PRODUCTS,
  name,
}: {
  assisted: boolean;
  products?: string[];
  name?: string;
  emulator?: Emulator;
}): Promise<Seeded> {
  const seeded = await createConnectedEmployer({ assisted, products, name });
  // The emulator announces the new connection by webhook; let it land before the test goes on.
  await (await getDemoEmulator()!).flushWebhooks();
  return seeded;
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
