import { randomUUID } from "node:crypto";
import { z } from "zod";
import { FinchError } from "./http";
import { rateLimitError } from "./rate-limits";
import type { FaultRule } from "./records";

export const faultRuleSchema = z
  .object({
    id: z.string().min(1).optional(),
    path: z.string().min(1).startsWith("/"),
    method: z
      .string()
      .transform((m) => m.toUpperCase())
      .optional(),
    rate_429: z.number().min(0).max(1).optional(),
    retry_after: z.number().int().min(0).max(86_400).optional(),
    rate_5xx: z.number().min(0).max(1).optional(),
    status_5xx: z
      .union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)])
      .optional(),
    latency_ms: z.number().int().min(0).max(120_000).optional(),
    count: z.number().int().min(1).optional(),
  })
  .refine((rule) => (rule.rate_429 ?? 0) + (rule.rate_5xx ?? 0) <= 1, {
    message: "rate_429 + rate_5xx must not exceed 1",
  });

export const faultRulesSchema = z.union([
  z.array(faultRuleSchema),
  z.object({ rules: z.array(faultRuleSchema) }).transform((body) => body.rules),
]);

export function normalizeRule(rule: z.infer<typeof faultRuleSchema>): FaultRule {
  return { ...rule, id: rule.id ?? randomUUID() };
}

/** `*` matches any run of characters, slashes included: `/employer/*` covers every employer route. */
export function pathMatches(pattern: string, path: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(path);
}

export type FaultDecision = { latencyMs: number; error: FinchError | null };

/**
 * Decides what the matching rules do to a request. Counted rules fail the next N calls and are
 * then removed (mutating `rules`); rate rules roll `random`.
 */
export function decideFault(
  rules: FaultRule[],
  method: string,
  path: string,
  random: () => number,
): FaultDecision {
  let latencyMs = 0;
  for (const rule of [...rules]) {
    if (!pathMatches(rule.path, path) || (rule.method && rule.method !== method)) continue;
    latencyMs = Math.max(latencyMs, rule.latency_ms ?? 0);
    const rate429 = rule.rate_429 ?? 0;
    const rate5xx = rule.rate_5xx ?? 0;
    if (rate429 === 0 && rate5xx === 0) continue;
    let kind: "429" | "5xx" | null;
    if (rule.count !== undefined) {
      kind = rate429 > 0 ? "429" : "5xx";
      rule.count -= 1;
      if (rule.count <= 0) rules.splice(rules.indexOf(rule), 1);
    } else {
      const roll = random();
      kind = roll < rate429 ? "429" : roll < rate429 + rate5xx ? "5xx" : null;
    }
    if (kind === "429") {
      return { latencyMs, error: rateLimitError("finch_application_rl", rule.retry_after ?? 1) };
    }
    if (kind === "5xx") return { latencyMs, error: serverError(rule.status_5xx ?? 500) };
  }
  return { latencyMs, error: null };
}

function serverError(status: number): FinchError {
  if (status === 502) {
    return new FinchError(
      502,
      "bad_gateway_error",
      "The provider returned an unexpected error",
      "upstream_provider_error",
    );
  }
  if (status === 503)
    return new FinchError(
      503,
      "service_unavailable_error",
      "The service is temporarily unavailable",
    );
  if (status === 504)
    return new FinchError(504, "gateway_timeout_error", "The provider did not respond in time");
  return new FinchError(500, "server_error", "An internal error occurred. Please try again later.");
}
