import { describe, expect, it } from "vitest";
import { bearerToken, generateApiKey, hashApiKey, looksLikeApiKey } from "@/lib/api-keys";

describe("API keys", () => {
  it("are perch_live_ plus 32 random bytes, stored as a SHA-256 with a short prefix", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^perch_live_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.key.slice("perch_live_".length), "base64url")).toHaveLength(32);
    expect(a.key).not.toBe(b.key);
    expect(a.keyHash).toBe(hashApiKey(a.key));
    expect(a.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.prefix).toBe(a.key.slice(0, 17));
    expect(a.keyHash).not.toContain(a.key.slice(11));
  });

  it("reads only well-formed bearer keys", () => {
    const { key } = generateApiKey();
    expect(bearerToken(`Bearer ${key}`)).toBe(key);
    expect(bearerToken(`bearer  ${key} `)).toBe(key);
    expect(bearerToken(`Basic ${key}`)).toBeNull();
    expect(bearerToken(null)).toBeNull();
    expect(looksLikeApiKey(key)).toBe(true);
    expect(looksLikeApiKey(`${key}x`)).toBe(false);
    expect(looksLikeApiKey("perch_test_abc")).toBe(false);
  });
});
