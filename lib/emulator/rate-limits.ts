import { FinchError } from "./http";

/**
 * Finch's rate limits (developer.tryfinch.com, "Rate Limits"). Since August 2023 they apply per
 * application (one client_id), not per access token: every connection of the application
 * shares one bucket per product, counted over a rolling 60 s window. An emulator serves one
 * application, so its buckets are the emulator's own. Separately, each IP address may send
 * 1000 API requests in 5 minutes; one more starts a 60-minute penalty in which every request
 * is refused. All windows run on the emulator's clock, so moving the demo clock moves them.
 */

export const RATE_LIMIT_MODES = ["documented", "relaxed", "off"] as const;
export type RateLimitMode = (typeof RATE_LIMIT_MODES)[number];

export type RateLimitedProduct =
  | "company"
  | "directory"
  | "individual"
  | "employment"
  | "pay-statement-item"
  | "payment"
  | "pay-groups"
  | "pay-statement";

const MINUTE_MS = 60_000;

/** Max requests per rolling minute, per product, for one application (Finch's table). */
export const DOCUMENTED_PRODUCT_LIMITS: Record<RateLimitedProduct, number> = {
  company: 20,
  directory: 20,
  individual: 20,
  employment: 20,
  "pay-statement-item": 20,
  payment: 12,
  "pay-groups": 12,
  "pay-statement": 12,
};

export const DOCUMENTED_IP_LIMIT = {
  max: 1000,
  windowMs: 5 * MINUTE_MS,
  penaltyMs: 60 * MINUTE_MS,
};

/** "relaxed" multiplies every allowance by this and shortens the IP penalty to one minute. */
const RELAXED_FACTOR = 10;

export interface RateLimitSettings {
  mode: RateLimitMode;
  products: Record<RateLimitedProduct, number> | null;
  ip: { max: number; windowMs: number; penaltyMs: number } | null;
}

export function rateLimitSettings(mode: RateLimitMode): RateLimitSettings {
  if (mode === "off") return { mode, products: null, ip: null };
  if (mode === "documented") {
    return { mode, products: { ...DOCUMENTED_PRODUCT_LIMITS }, ip: { ...DOCUMENTED_IP_LIMIT } };
  }
  const products = Object.fromEntries(
    Object.entries(DOCUMENTED_PRODUCT_LIMITS).map(([product, max]) => [
      product,
      max * RELAXED_FACTOR,
    ]),
  ) as Record<RateLimitedProduct, number>;
  return {
    mode,
    products,
    ip: {
      max: DOCUMENTED_IP_LIMIT.max * RELAXED_FACTOR,
      windowMs: 5 * MINUTE_MS,
      penaltyMs: MINUTE_MS,
    },
  };
}

/** Reads a mode name; anything else is refused with the accepted values. */
export function parseRateLimitMode(value: string | undefined | null, name: string): RateLimitMode {
  if (value === undefined || value === null || value.trim() === "") return "documented";
  const mode = value.trim().toLowerCase();
  if ((RATE_LIMIT_MODES as readonly string[]).includes(mode)) return mode as RateLimitMode;
  throw new Error(`${name}: expected one of ${RATE_LIMIT_MODES.join(", ")}; got '${value}'`);
}

/** Each distinct data endpoint is one product (Finch counts them separately). */
export function rateLimitedProductOf(method: string, path: string): RateLimitedProduct | null {
  if (method === "GET" && path === "/employer/company") return "company";
  if (method === "GET" && path === "/employer/directory") return "directory";
  if (method === "POST" && path === "/employer/individual") return "individual";
  if (method === "POST" && path === "/employer/employment") return "employment";
  if (method === "GET" && path === "/employer/payment") return "payment";
  if (method === "POST" && path === "/employer/pay-statement") return "pay-statement";
  if (path === "/employer/pay-groups" || path.startsWith("/employer/pay-groups/")) {
    return "pay-groups";
  }
  if (path === "/employer/pay-statement-item" || path.startsWith("/employer/pay-statement-item/")) {
    return "pay-statement-item";
  }
  return null;
}

/** Finch's documented 429 body for an application limit, and the same shape for the IP limit. */
export function rateLimitError(
  finchCode: "finch_application_rl" | "finch_api_ip_rl",
  retryAfterSeconds: number,
): FinchError {
  return new FinchError(
    429,
    "rate_limit_exceeded_error",
    finchCode === "finch_application_rl"
      ? "Too many requests for token"
      : "Too many requests from this IP address",
    finchCode,
    { "retry-after": String(Math.ceil(retryAfterSeconds)) },
    { statusCode: 429, status: 429 },
  );
}

/** Request times inside the window, oldest first; times after `t` (the clock moved back) drop out. */
function prune(times: number[], t: number, windowMs: number): number[] {
  return times.filter((at) => at > t - windowMs && at <= t);
}

/**
 * The emulator's limiter: one rolling log of request times per product (for the application)
 * and per IP address. A refused request does not use up the product's allowance; it still
 * counts as a request from its IP.
 */
export class RateLimiter {
  private settings: RateLimitSettings;
  private products = new Map<RateLimitedProduct, number[]>();
  private ips = new Map<string, { times: number[]; penaltyUntil: number | null }>();

  constructor(mode: RateLimitMode) {
    this.settings = rateLimitSettings(mode);
  }

  get mode(): RateLimitMode {
    return this.settings.mode;
  }

  setMode(mode: RateLimitMode): void {
    this.settings = rateLimitSettings(mode);
    this.reset();
  }

  reset(): void {
    this.products.clear();
    this.ips.clear();
  }

  /** Counts one API request at `t` (emulator time); returns the 429 to answer, if any. */
  admit(request: { method: string; path: string; ip: string }, t: number): FinchError | null {
    const ipRefusal = this.admitIp(request.ip, t);
    if (ipRefusal) return ipRefusal;
    const limits = this.settings.products;
    const product = rateLimitedProductOf(request.method, request.path);
    if (!limits || !product) return null;
    const times = prune(this.products.get(product) ?? [], t, MINUTE_MS);
    this.products.set(product, times);
    if (times.length >= limits[product]) {
      return rateLimitError("finch_application_rl", Math.max(1, (times[0] + MINUTE_MS - t) / 1000));
    }
    times.push(t);
    return null;
  }

  private admitIp(ip: string, t: number): FinchError | null {
    const limit = this.settings.ip;
    if (!limit) return null;
    const entry = this.ips.get(ip) ?? { times: [], penaltyUntil: null };
    this.ips.set(ip, entry);
    // A penalty further away than its length means the clock was moved back: it no longer holds.
    if (entry.penaltyUntil !== null && entry.penaltyUntil - t > limit.penaltyMs) {
      entry.penaltyUntil = null;
    }
    if (entry.penaltyUntil !== null && entry.penaltyUntil > t) {
      return rateLimitError("finch_api_ip_rl", Math.max(1, (entry.penaltyUntil - t) / 1000));
    }
    entry.penaltyUntil = null;
    entry.times = prune(entry.times, t, limit.windowMs);
    if (entry.times.length >= limit.max) {
      entry.penaltyUntil = t + limit.penaltyMs;
      entry.times = [];
      return rateLimitError("finch_api_ip_rl", limit.penaltyMs / 1000);
    }
    entry.times.push(t);
    return null;
  }

  /** What the control surface shows: the limits and how much of each window is used. */
  usage(t: number) {
    const { products, ip } = this.settings;
    return {
      mode: this.settings.mode,
      per: "application",
      window_seconds: 60,
      products: products
        ? Object.fromEntries(
            (Object.keys(products) as RateLimitedProduct[]).map((product) => [
              product,
              {
                limit: products[product],
                used: prune(this.products.get(product) ?? [], t, MINUTE_MS).length,
              },
            ]),
          )
        : null,
      ip: ip
        ? {
            limit: ip.max,
            window_seconds: ip.windowMs / 1000,
            penalty_seconds: ip.penaltyMs / 1000,
            addresses: Object.fromEntries(
              [...this.ips].map(([address, entry]) => [
                address,
                {
                  used: prune(entry.times, t, ip.windowMs).length,
                  penalty_until:
                    entry.penaltyUntil && entry.penaltyUntil > t
                      ? new Date(entry.penaltyUntil).toISOString()
                      : null,
                },
              ]),
            ),
          }
        : null,
    };
  }
}
