import { createHash, randomBytes } from "node:crypto";

/** Invite tokens and redirect states: 32 random bytes, base64url; only their sha256 is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSecret(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** A well-formed token is exactly what newSecretToken produces; anything else is refused early. */
export function isWellFormedToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
