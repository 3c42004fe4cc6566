import "server-only";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { AppError } from "@/lib/errors";
import { requestAddress } from "@/lib/security/request-address";

/** Requests per minute per client address: page views, and the invite API (session, exchange). */
const LIMITS = { page: 60, api: 20 } as const;

/**
 * Throws rate_limited once a client goes past the limit; the window is one minute. Clients whose
 * address no trusted proxy vouches for share one bucket (see PERCH_TRUSTED_PROXIES).
 */
export async function limitInviteTraffic(kind: keyof typeof LIMITS, headers: Headers) {
  const { count, resetAt } = await hitRateLimit({
    key: `invite-${kind}:${requestAddress(headers) ?? "unattributed"}`,
    windowMs: 60_000,
  });
  if (count > LIMITS[kind]) {
    const retryAfterSeconds = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
    throw new AppError("rate_limited", "Too many requests. Wait a minute and try again.", {
      retryAfterSeconds,
    });
  }
}
