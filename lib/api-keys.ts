import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { getApiKeyByHash, insertApiKey, touchApiKey } from "@/db/queries/api-keys";
import type { ApiKey } from "@/db/schema";
import { appNow } from "@/lib/clock";

/**
 * Perch API keys for internal services: `perch_live_<32 random bytes, base64url>`. Only the
 * SHA-256 of a key is stored (a key is high-entropy, so a plain hash is enough) plus a short
 * prefix that lets people tell keys apart; the key itself is shown once.
 */

export const API_KEY_PREFIX = "perch_live_";
export const API_KEY_SCOPES = ["data:read", "data:write", "employers:read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * A write key may also read; a read key (every key made before writes existed) only reads.
 * Listing every employer (`employers:read`) is its own grant: a key that reads one employer's
 * data does not learn the whole portfolio, and a list key reads no employee data.
 */
export function scopeGrants(held: string, required: ApiKeyScope): boolean {
  return held === required || (held === "data:write" && required === "data:read");
}

const KEY_PATTERN = /^perch_live_[A-Za-z0-9_-]{43}$/;
/** How many characters of the key are kept to recognise it: the fixed part plus six random ones. */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;
const TOUCH_INTERVAL_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), keyHash: hashApiKey(key) };
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

export async function createApiKey({
  name,
  scope = "data:read",
  createdBy,
}: {
  name: string;
  scope?: ApiKeyScope;
  createdBy: string | null;
}): Promise<{ key: string; record: ApiKey }> {
  const { key, prefix, keyHash } = generateApiKey();
  const record = await insertApiKey({
    name,
    prefix,
    keyHash,
    scope,
    createdBy,
    createdAt: await appNow(),
  });
  return { key, record };
}

/** The bearer token of an `Authorization` header, or null when the header is not Bearer. */
export function bearerToken(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match ? match[1] : null;
}

/**
 * The live key a caller presented, or null. The lookup is by hash, so the database never
 * compares secret material; the stored hash is compared again in constant time anyway.
 */
export async function verifyApiKey(
  key: string,
  requiredScope: ApiKeyScope = "data:read",
): Promise<ApiKey | null> {
  if (!looksLikeApiKey(key)) return null;
  const keyHash = hashApiKey(key);
  const record = await getApiKeyByHash({ keyHash });
  if (!record) return null;
  const same = timingSafeEqual(Buffer.from(record.keyHash, "hex"), Buffer.from(keyHash, "hex"));
  if (!same || record.revokedAt || !scopeGrants(record.scope, requiredScope)) return null;
  await touchApiKey({ id: record.id, at: await appNow(), minIntervalMs: TOUCH_INTERVAL_MS });
  return record;
}
