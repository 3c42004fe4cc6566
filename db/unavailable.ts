/**
 * Whether an error means "the database cannot be reached right now" (as opposed to a bad query):
 * refused or dropped connections, timeouts, a server shutting down or out of connections.
 * Walks the cause chain, since drizzle and Auth.js wrap the driver's error.
 */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  // postgres.js
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);
// SQLSTATE classes 08 (connection exception), 57P0x (shutdown), 53300 (too many connections).
const SQLSTATE = /^(08\d{3}|57P0[1-3]|53300)$/;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  const { code, cause, err, errors } = error as {
    code?: unknown;
    cause?: unknown;
    err?: unknown;
    errors?: unknown;
  };
  if (typeof code === "string" && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1) || isDatabaseUnavailable(err, depth + 1);
}
