import "server-only";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { AppError } from "@/lib/errors";

/** Requests per minute per client address: page views, and the invite API (session, exchange). */
const LIMITS = { page: 60, api: 20 } as const;

export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}

/** Throws rate_limited once a client goes past the limit; the window is one minute. */
export async function limitInviteTraffic(kind: keyof typeof LIMITS, headers: Headers) {
  const { count, resetAt } = await hitRateLimit({
    key: `invite-${kind}:${clientAddress(headers)}`,
    windowMs: 60_000,
  });
  if (count > LIMITS[kind]) {
    const retryAfterSeconds = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
    throw new AppError("rate_limited", "Too many requests. Wait a minute and try again.", {
      retryAfterSeconds,
    });
  }
}
