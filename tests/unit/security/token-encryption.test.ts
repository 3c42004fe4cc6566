import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptToken, encryptToken } from "@/lib/token-encryption";

const key = (id: string) => ({ id, key: randomBytes(32) });

describe("token encryption key rotation", () => {
  const old = key("k1");
  const current = key("k2");

  it("encrypts with the newest key and still decrypts what the old key encrypted", () => {
    const before = encryptToken("token-before-rotation", [old]);
    expect(before.keyId).toBe("k1");
    const rotated = [current, old];
    const after = encryptToken("token-after-rotation", rotated);
    expect(after.keyId).toBe("k2");
    expect(decryptToken(before, rotated)).toBe("token-before-rotation");
    expect(decryptToken(after, rotated)).toBe("token-after-rotation");
    // Only the new key can read the new ciphertext.
    expect(() => decryptToken(after, [old])).toThrow(/no longer in TOKEN_ENCRYPTION_KEYS/);
    expect(() => decryptToken({ ...after, keyId: "k1" }, rotated)).toThrow();
  });

  it("refuses a tampered ciphertext and a retired key", () => {
    const sealed = encryptToken("secret-token", [current]);
    const [v, iv, tag, data] = sealed.ciphertext.split(".");
    const flipped = Buffer.from(data, "base64url");
    flipped[0] ^= 1;
    expect(() =>
      decryptToken(
        { ...sealed, ciphertext: [v, iv, tag, flipped.toString("base64url")].join(".") },
        [current],
      ),
    ).toThrow();
    expect(() => decryptToken(sealed, [old])).toThrow();
  });
});
