/** Control surface for the rate limiter (not part of Finch): `<apiBasePath>/_emulator/rate-limits`. */
import { z } from "zod";
import type { EmulatorContext, RequestContext } from "./context";
import { json, parseWith, readJsonBody, type Router } from "./http";
import { RATE_LIMIT_MODES, type RateLimiter } from "./rate-limits";

const rateLimitBodySchema = z
  .object({
    mode: z.enum(RATE_LIMIT_MODES).optional(),
    /** Empties every window and lifts any IP penalty. */
    reset: z.literal(true).optional(),
  })
  .refine((body) => body.mode !== undefined || body.reset !== undefined, {
    message: "expected mode (documented, relaxed or off) and/or reset: true",
  });

export function registerRateLimitControl(
  router: Router<RequestContext>,
  ctx: EmulatorContext,
  limiter: RateLimiter,
): void {
  router.add("GET", "/_emulator/rate-limits", () => json(limiter.usage(ctx.clock.now())));
  router.add("PUT", "/_emulator/rate-limits", async (rc) => {
    const body = parseWith(rateLimitBodySchema, await readJsonBody(rc.request));
    if (body.mode) limiter.setMode(body.mode);
    if (body.reset) limiter.reset();
    return json(limiter.usage(ctx.clock.now()));
  });
}
