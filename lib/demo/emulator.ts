import "server-only";
import path from "node:path";
import { createEmulator, type Emulator } from "@/lib/emulator";
import { env } from "@/lib/env";

export const EMULATOR_API_PATH = "/api/finch-emu";

const globalForEmulator = globalThis as unknown as { perchEmulator?: Promise<Emulator> };

/**
 * Demo mode's Finch: one emulator per process, its state under the data folder, signed
 * webhooks delivered to this app's own webhook route. Null outside demo mode.
 */
export function getDemoEmulator(): Promise<Emulator> | null {
  const { mode, finch, dataDir, port } = env();
  if (mode !== "demo") return null;
  if (!globalForEmulator.perchEmulator) {
    const creating = createEmulator({
      clientId: finch.clientId,
      clientSecret: finch.clientSecret,
      webhookUrl: `http://127.0.0.1:${port}/api/webhooks/finch`,
      webhookSecret: finch.webhookSecret,
      dataDir: path.join(dataDir, "emulator"),
      apiBasePath: EMULATOR_API_PATH,
      rateLimits: finch.emulatorRateLimits,
    });
    globalForEmulator.perchEmulator = creating;
    creating.catch(() => {
      if (globalForEmulator.perchEmulator === creating) globalForEmulator.perchEmulator = undefined;
    });
  }
  return globalForEmulator.perchEmulator ?? null;
}

/** Route handler body for the mounted emulator (API, control surface and Connect page). */
export async function serveDemoEmulator(request: Request): Promise<Response> {
  const emulator = getDemoEmulator();
  if (!emulator) {
    return Response.json(
      { error: { code: "not_found", message: "The Finch emulator runs in demo mode only." } },
      { status: 404 },
    );
  }
  return (await emulator).handle(request);
}

/**
 * The emulator's control surface (clock, faults, connection states, every employer's name),
 * which the mount lets through for signed-in operators only; its provider logos stay public for
 * the employer-facing Connect page. Tests that drive the emulator in-process call
 * `emulator.handle` directly.
 */
export function isControlRequest(request: Request): boolean {
  const { pathname } = new URL(request.url);
  const control = `${EMULATOR_API_PATH}/_emulator`;
  if (pathname !== control && !pathname.startsWith(`${control}/`)) return false;
  return !pathname.startsWith(`${control}/assets/`);
}
