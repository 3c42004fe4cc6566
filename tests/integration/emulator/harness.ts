import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Finch from "@tryfinch/finch-api";
import { createEmulator, type Emulator, type EmulatorOptions } from "@/lib/emulator";
import { listen, type RunningServer } from "@/lib/emulator/node-server";

export const CLIENT_ID = "emulator-test-client";
export const CLIENT_SECRET = "emulator-test-secret";
export const MOUNT_PATH = "/api/finch-emu";

export type Variant = "standalone" | "mounted";

export interface RecordedRequest {
  method: string;
  url: URL;
}

export interface Harness {
  emulator: Emulator;
  origin: string;
  /** What the SDK's `baseURL` is set to: the origin, plus the mount path when mounted. */
  baseURL: string;
  /** A client with application credentials only (Basic-auth calls). */
  client: Finch;
  requests: RecordedRequest[];
  withToken(token: string): Finch;
  control<T = unknown>(
    path: string,
    init?: { method?: string; body?: unknown },
  ): Promise<{ status: number; body: T }>;
  /** Completes a Connect session the way the Connect page does, returning the authorization code. */
  completeConnect(
    sessionId: string,
    body: CompletionInput,
  ): Promise<{ status: number; code?: string; error?: { type: string; message: string } }>;
  /** Session → Connect page completion → code exchange, returning a client for the new token. */
  connect(options: ConnectOptions): Promise<{ token: string; connectionId: string; api: Finch }>;
  close(): Promise<void>;
}

export interface CompletionInput {
  provider_id: string;
  auth_method: "credential" | "api_token" | "oauth" | "assisted";
  username?: string;
  password?: string;
  api_token?: string;
  outcome?: "success" | "no_account_setup" | "wrong_permissions";
  entities?: {
    source_id: string;
    outcome?: "success" | "no_account_setup" | "wrong_permissions";
  }[];
}

export interface ConnectOptions {
  providerId: string;
  authMethod: CompletionInput["auth_method"];
  products: string[];
  customerId?: string;
  customerName?: string;
  manual?: boolean;
  outcome?: CompletionInput["outcome"];
  sandbox?: "finch" | "provider";
}

export const SANDBOX_LOGIN = {
  username: "good_user",
  password: "good_pass",
  api_token: "good_token",
};

export async function startHarness(
  options: { variant?: Variant } & Partial<
    Omit<EmulatorOptions, "clientId" | "clientSecret" | "apiBasePath">
  > = {},
): Promise<Harness> {
  const variant = options.variant ?? "standalone";
  const apiBasePath = variant === "mounted" ? MOUNT_PATH : "";
  const emulator = await createEmulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    backgroundTimers: false,
    ...options,
    apiBasePath,
  });
  // The mounted variant stands in for the Next app: only its catch-all routes reach the emulator.
  const server: RunningServer = await listen((request, info) => {
    const { pathname } = new URL(request.url);
    const routed =
      variant === "standalone" ||
      pathname.startsWith(`${MOUNT_PATH}/`) ||
      pathname === "/authorize" ||
      pathname.startsWith("/authorize/");
    return routed
      ? emulator.handle(request, info)
      : Promise.resolve(new Response("Not the emulator", { status: 404 }));
  });
  const origin = server.url;
  const baseURL = `${origin}${apiBasePath}`;
  const requests: RecordedRequest[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push({ method: init?.method ?? "GET", url });
    return fetch(input, init);
  };
  const client = new Finch({
    clientID: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseURL,
    maxRetries: 0,
    fetch: recordingFetch,
  });
  const withToken = (token: string) => client.withAccessToken(token);

  const harness: Harness = {
    emulator,
    origin,
    baseURL,
    client,
    requests,
    withToken,
    async control(path, init = {}) {
      const response = await fetch(`${baseURL}/_emulator/${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: init.body === undefined ? {} : { "content-type": "application/json" },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: response.status, body: await response.json() };
    },
    async completeConnect(sessionId, body) {
      const response = await fetch(`${origin}/authorize/complete`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ session_id: sessionId, ...body }),
      });
      const json = (await response.json()) as {
        code?: string;
        error?: { type: string; message: string };
      };
      return { status: response.status, ...json };
    },
    async connect(opts) {
      const session = await client.connect.sessions.new({
        customer_id: opts.customerId ?? `customer-${Math.random().toString(36).slice(2)}`,
        customer_name: opts.customerName ?? "Acme Payroll Co.",
        products: opts.products as never,
        manual: opts.manual ?? opts.authMethod === "assisted",
        sandbox: opts.sandbox,
      });
      const completed = await harness.completeConnect(session.session_id, {
        provider_id: opts.providerId,
        auth_method: opts.authMethod,
        ...(opts.authMethod === "credential"
          ? { username: SANDBOX_LOGIN.username, password: SANDBOX_LOGIN.password }
          : {}),
        ...(opts.authMethod === "api_token" ? { api_token: SANDBOX_LOGIN.api_token } : {}),
        ...(opts.outcome ? { outcome: opts.outcome } : {}),
      });
      if (!completed.code)
        throw new Error(`Connect completion failed: ${JSON.stringify(completed)}`);
      const token = await client.accessTokens.create({ code: completed.code });
      return {
        token: token.access_token,
        connectionId: token.connection_id,
        api: withToken(token.access_token),
      };
    },
    async close() {
      await server.close();
      await emulator.close();
    },
  };
  return harness;
}

export interface ReceivedWebhook {
  body: string;
  headers: Record<string, string>;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status codes to answer with, in order, before falling back to 200. */
  failNext(...statuses: number[]): void;
  waitFor(predicate: (events: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const failures: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const status = failures.shift() ?? 200;
      if (status === 200) {
        received.push({
          body: Buffer.concat(chunks).toString("utf8"),
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        });
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/finch`,
    received,
    failNext: (...statuses) => failures.push(...statuses),
    async waitFor(predicate, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline)
          throw new Error(
            `Timed out waiting for webhooks; got ${received.map((r) => JSON.parse(r.body).event_type).join(", ")}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const ALL_PRODUCTS = [
  "company",
  "directory",
  "individual",
  "employment",
  "payment",
  "pay_statement",
  "benefits",
];
