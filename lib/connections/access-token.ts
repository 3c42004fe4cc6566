import "server-only";
import type { Connection } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { decryptToken } from "@/lib/token-encryption";

/** The connection's Finch access token, decrypted for one server-side call. Never send it on. */
export function accessTokenFor(
  connection: Pick<Connection, "accessTokenCiphertext" | "accessTokenKeyId" | "status">,
): string {
  if (!connection.accessTokenCiphertext || !connection.accessTokenKeyId) {
    throw new AppError(
      "conflict",
      connection.status === "disconnected"
        ? "This connection is disconnected; connect the employer again to read its data."
        : "This connection has no access token stored.",
    );
  }
  return decryptToken({
    ciphertext: connection.accessTokenCiphertext,
    keyId: connection.accessTokenKeyId,
  });
}
