import "server-only";
import Finch from "@tryfinch/finch-api";
import { EMULATOR_API_PATH, getDemoEmulator } from "@/lib/demo/emulator";
import { env } from "@/lib/env";
import { isShortRateLimit, parseRetryAfter } from "@/lib/finch/rate-limits";

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The SDK sits out any Retry-After up to a minute, twice. Perch lets it wait out only short
 * ones; a longer limit (or one with no Retry-After) is handed straight back, so the proxy can
 * answer "retrying in N s" and the sweep can reschedule instead of holding a request open.
 */
function waitOnlyBriefly(fetchImpl: Fetch): Fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.status !== 429) return response;
    const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    if (isShortRateLimit({ retryAfterSeconds, finchCode: null })) return response;
    const headers = new Headers(response.headers);
    headers.set("x-should-retry", "false");
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}

/**
 * The emulator's answer, or the abort a real fetch would reject with once the SDK's timeout (or
 * its caller) aborts the request: a slow emulated Finch times out as a slow real one does.
 */
function abortable(answer: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * The only place Finch clients are made. In demo mode the real SDK talks to the built-in
 * emulator: requests are real HTTP Request objects, handed to it in-process instead of over a
 * socket, so nothing else in Perch knows the difference.
 */
async function clientOptions(): Promise<ConstructorParameters<typeof Finch>[0]> {
  const { finch, publicUrl } = env();
  const base = {
    clientID: finch.clientId,
    clientSecret: finch.clientSecret,
    webhookSecret: finch.webhookSecret ?? null,
    timeout: 20_000,
    maxRetries: 2,
  };
  const emulator = getDemoEmulator();
  if (!emulator) {
    return {
      ...base,
      baseURL: finch.baseUrl,
      fetch: waitOnlyBriefly((input, init) => fetch(input, init)),
    };
  }
  const running = await emulator;
  return {
    ...base,
    baseURL: `${publicUrl}${EMULATOR_API_PATH}`,
    fetch: waitOnlyBriefly(async (input, init) => {
      // A real fetch hands the request over on a later turn of the event loop; so does this one,
      // so I/O queued before it (the proxy's database query, lib/data-proxy/read-ahead) goes out
      // first instead of waiting behind the emulator's in-process work.
      await new Promise((resolve) => setImmediate(resolve));
      const { signal, ...rest } = init ?? {};
      signal?.throwIfAborted();
      const answer = running.handle(new Request(input, rest));
      return signal ? abortable(answer, signal) : answer;
    }),
  };
}

/** For calls that authenticate as Perch's Finch application (connect sessions, webhooks). */
export async function finchForApp(): Promise<Finch> {
  return new Finch({ ...(await clientOptions()), accessToken: null });
}

/** For calls on behalf of one connection. The token never leaves the server. */
export async function finchForConnection(accessToken: string): Promise<Finch> {
  return new Finch({ ...(await clientOptions()), accessToken });
}
