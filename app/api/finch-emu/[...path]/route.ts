import { isControlRequest, serveDemoEmulator } from "@/lib/demo/emulator";
import { errorResponse } from "@/lib/errors";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";

/**
 * Demo mode's built-in Finch: the whole emulator API under this prefix. Its control surface
 * (clock, faults, connection states) needs a signed-in operator; the Finch API itself
 * authenticates like Finch does.
 */
async function handle(request: Request): Promise<Response> {
  if (isControlRequest(request)) {
    try {
      await requireUser("operator");
    } catch (error) {
      return errorResponse(error, "emulator control");
    }
  }
  return serveDemoEmulator(request);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
