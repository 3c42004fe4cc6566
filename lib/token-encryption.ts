import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Finch access tokens at rest: AES-256-GCM with a random 96-bit IV. The key id is stored beside
 * the ciphertext so keys can rotate: new tokens use the first key in TOKEN_ENCRYPTION_KEYS, and
 * any listed key still decrypts what it encrypted.
 */
export interface EncryptedToken {
  ciphertext: string;
  keyId: string;
}

export function encryptToken(plaintext: string, keys = env().encryptionKeys): EncryptedToken {
  const [current] = keys;
  if (!current) throw new Error("No token encryption key is configured (TOKEN_ENCRYPTION_KEYS).");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(Buffer.from(current.id));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const ciphertext = ["v1", iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
  return { ciphertext, keyId: current.id };
}

export function decryptToken(
  { ciphertext, keyId }: EncryptedToken,
  keys = env().encryptionKeys,
): string {
  const key = keys.find((k) => k.id === keyId);
  if (!key)
    throw new Error(
      `Token was encrypted with key "${keyId}", which is no longer in TOKEN_ENCRYPTION_KEYS.`,
    );
  const [version, iv, tag, data] = ciphertext.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("Unrecognised token ciphertext.");
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(key.id));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(data, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}
