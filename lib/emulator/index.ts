import { Clock } from "./clock";
import type { EmulatorContext, RequestContext } from "./context";
import { registerControlRoutes } from "./control";
import { DatasetCache } from "./data/dataset";
import { decideFault } from "./faults";
import { errorResponse, errors, FinchError, Router, withRequestId } from "./http";
import { registerRemovalControls } from "./provider-removals";
import { registerRateLimitControl } from "./rate-limit-control";
import { RateLimiter, type RateLimitMode } from "./rate-limits";
import type { AssistedScenario } from "./records";
import { registerAccountRoutes } from "./routes/account";
import { registerAuthorizeRoutes } from "./routes/authorize";
import { registerBenefitRoutes } from "./routes/benefits";
import { registerConnectRoutes } from "./routes/connect";
import { registerDocumentRoutes } from "./routes/documents";
import { registerEmployerRoutes } from "./routes/employer";
import { registerForwardRoutes } from "./routes/forward";
import { registerJobRoutes } from "./routes/jobs";
import { registerPayStatementItemRoutes } from "./routes/pay-statement-items";
import { registerSandboxRoutes } from "./routes/sandbox";
import { StateStore } from "./state";
import { runTick } from "./timeline";
import { WebhookDispatcher } from "./webhooks";

export type { AssistedScenario } from "./records";
export { parseRateLimitMode, RATE_LIMIT_MODES, type RateLimitMode } from "./rate-limits";

export interface EmulatorOptions {
  clientId: string;
  clientSecret: string;
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  dataDir?: string | null;
  apiBasePath?: string;
  fetch?: typeof fetch;
  backgroundTimers?: boolean;
  /** Finch's rate limits: "documented" (the default), "relaxed" (10x) or "off". */
  rateLimits?: RateLimitMode;
}

/** Who sent a request, for the per-IP limit; in-process callers share one address. */
export interface RequestInfo {
  clientIp?: string | null;
}

export interface Emulator {
  /** Web-standard handler: the Finch API under apiBasePath, Connect at /authorize, control under `${apiBasePath}/_emulator/`. */
  handle(request: Request, info?: RequestInfo): Promise<Response>;
  now(): Date;
  advanceClock(ms: number): Promise<void>;
  setClock(at: Date): Promise<void>;
  resetClock(): Promise<void>;
  tick(): Promise<void>;
  flushWebhooks(): Promise<void>;
  setNextAssistedScenario(s: AssistedScenario): Promise<void>;
  readonly clientId: string;
  readonly clientSecret: string;
  close(): Promise<void>;
}

const TICK_INTERVAL_MS = 1_000;

function normalizeBasePath(path: string | undefined): string {
  if (!path || path === "/") return "";
  return `/${path.replace(/^\/+|\/+$/g, "")}`;
}

export async function createEmulator(options: EmulatorOptions): Promise<Emulator> {
  const store = await StateStore.open(options.dataDir);
  const clock = new Clock(store);
  const apiBasePath = normalizeBasePath(options.apiBasePath);
  const webhooks = new WebhookDispatcher(store, {
    url: options.webhookUrl ?? null,
    secret: options.webhookSecret ?? null,
    fetch: options.fetch ?? globalThis.fetch,
  });
  const ctx: EmulatorContext = {
    store,
    state: store.state,
    clock,
    datasets: new DatasetCache(),
    webhooks,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    apiBasePath,
    tickNow: () => runTick(ctx),
  };

  const clockControl = {
    advance: async (ms: number) => {
      clock.advance(ms);
      runTick(ctx);
    },
    set: async (at: Date) => {
      clock.set(at.getTime());
      runTick(ctx);
    },
    reset: async () => {
      clock.reset();
      runTick(ctx);
    },
    flushWebhooks: () => webhooks.flush(),
  };

  const api = new Router<RequestContext>();
  registerConnectRoutes(api, ctx);
  registerAccountRoutes(api, ctx);
  registerEmployerRoutes(api, ctx);
  registerBenefitRoutes(api, ctx);
  registerJobRoutes(api, ctx);
  registerSandboxRoutes(api, ctx);
  registerDocumentRoutes(api, ctx);
  registerPayStatementItemRoutes(api, ctx);
  registerForwardRoutes(api, ctx);
  const control = new Router<RequestContext>();
  registerControlRoutes(control, ctx, clockControl);
  registerRemovalControls(control, ctx);
  const limiter = new RateLimiter(options.rateLimits ?? "documented");
  registerRateLimitControl(control, ctx, limiter);
  const connect = new Router<RequestContext>();
  registerAuthorizeRoutes(connect, ctx);

  runTick(ctx);
  webhooks.kick();
  const timers: NodeJS.Timeout[] = [];
  if (options.backgroundTimers !== false) {
    const timer = setInterval(() => {
      runTick(ctx);
      webhooks.kick();
    }, TICK_INTERVAL_MS);
    timer.unref?.();
    timers.push(timer);
  }

  async function route(request: Request, info: RequestInfo): Promise<Response> {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const pathname = url.pathname.replace(/\/+$/, "") || "/";
    const base = (path: string, params: Record<string, string> = {}): RequestContext => ({
      request,
      url,
      path,
      params,
      origin: url.origin,
      apiBaseUrl: `${url.origin}${apiBasePath}`,
    });

    if (pathname === "/authorize" || pathname.startsWith("/authorize/")) {
      const match = connect.match(method, pathname);
      if (!match || !("handler" in match)) throw errors.routeNotFound(method, pathname);
      return match.handler({ ...base(pathname), params: match.params });
    }
    if (apiBasePath && pathname !== apiBasePath && !pathname.startsWith(`${apiBasePath}/`)) {
      throw errors.routeNotFound(method, pathname);
    }
    const path = pathname.slice(apiBasePath.length) || "/";
    if (path.startsWith("/_emulator/")) {
      const match = control.match(method, path);
      if (!match || !("handler" in match)) throw errors.routeNotFound(method, path);
      return match.handler({ ...base(path), params: match.params });
    }

    const refused = limiter.admit({ method, path, ip: info.clientIp ?? "in-process" }, clock.now());
    if (refused) throw refused;
    const fault = decideFault(store.state.faults, method, path, Math.random);
    if (fault.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault.error) {
      store.changed();
      throw fault.error;
    }
    const match = api.match(method, path);
    if (!match || !("handler" in match)) throw errors.routeNotFound(method, path);
    return match.handler({ ...base(path), params: match.params });
  }

  return {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    async handle(request, info = {}) {
      try {
        return withRequestId(await route(request, info));
      } catch (error) {
        if (error instanceof FinchError) return withRequestId(errorResponse(error));
        console.error("[finch-emulator]", error);
        return withRequestId(
          errorResponse(
            new FinchError(500, "server_error", "An internal error occurred in the Finch emulator"),
          ),
        );
      }
    },
    now: () => new Date(clock.now()),
    advanceClock: clockControl.advance,
    setClock: clockControl.set,
    resetClock: clockControl.reset,
    async tick() {
      runTick(ctx);
    },
    flushWebhooks: () => webhooks.flush(),
    async setNextAssistedScenario(scenario) {
      store.state.scenario.next = scenario;
      store.changed();
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      await webhooks.close();
      await store.flush();
    },
  };
}
