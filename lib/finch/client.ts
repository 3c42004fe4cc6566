import "server-only";
import Finch from "@tryfinch/finch-api";
import { EMULATOR_API_PATH, getDemoEmulator } from "@/lib/demo/emulator";
import { env } from "@/lib/env";

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
  if (!emulator) return { ...base, baseURL: finch.baseUrl };
  const running = await emulator;
  return {
    ...base,
    baseURL: `${publicUrl}${EMULATOR_API_PATH}`,
    fetch: (input: string | URL | Request, init?: RequestInit) =>
      running.handle(new Request(input, init)),
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
