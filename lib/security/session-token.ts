import "server-only";
import { decode } from "next-auth/jwt";

/**
 * Reads the Auth.js session cookie directly: the same cookie names, salt, secret and decryption
 * as Auth.js (`next-auth/jwt`'s own `decode`), without running Auth.js's whole session endpoint
 * (an internal request, the callbacks, a fresh encryption of the token and a JSON round trip) on
 * every page and API call. What the token claims is still checked against the user's row on
 * every request (see `checkSessionHolder` in lib/auth.ts).
 */

export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** The claims Perch puts in a session token (lib/auth.ts's jwt callback). */
export interface SessionClaims {
  uid: string;
  /** The user's session version when the token was issued. */
  sv: number | undefined;
}

export type CookieReader = { get(name: string): { value: string } | undefined };

/** Decrypted tokens by cookie value, each kept until it expires. Decryption is the costly part. */
const decoded = new Map<string, { claims: SessionClaims | null; expiresAt: number }>();
const MAX_CACHED = 1000;
/** Auth.js's decode accepts a token up to 15 s past its expiry. */
const CLOCK_TOLERANCE_MS = 15_000;

/**
 * The cookies of a Cookie header, read as Next.js's `cookies()` reads them (the same splitting,
 * decoding and last-one-wins), for a route handler that has the request in hand: `cookies()`
 * also goes through Next.js's request store, which the data proxy's hot path can skip.
 */
export function cookiesFromHeader(header: string | null): CookieReader {
  const jar = new Map<string, string>();
  for (const pair of (header ?? "").split(/; */)) {
    if (!pair) continue;
    const splitAt = pair.indexOf("=");
    if (splitAt === -1) {
      jar.set(pair, "true");
      continue;
    }
    try {
      jar.set(pair.slice(0, splitAt), decodeURIComponent(pair.slice(splitAt + 1)));
    } catch {
      // A value that does not percent-decode is left out, as Next.js leaves it out.
    }
  }
  return {
    get(name) {
      const value = jar.get(name);
      return value === undefined ? undefined : { value };
    },
  };
}

/**
 * The claims of the session cookie: null when there is none or it does not decrypt (junk, an
 * old secret, expired), or "chunked" for a cookie split in parts, which only Auth.js reassembles.
 */
export async function readSessionClaims(
  cookies: CookieReader,
  secret: string,
): Promise<SessionClaims | null | "chunked"> {
  for (const name of SESSION_COOKIES) {
    if (cookies.get(`${name}.0`)) return "chunked";
    const value = cookies.get(name)?.value;
    if (!value) continue;
    return claimsOf(value, name, secret);
  }
  return null;
}

async function claimsOf(
  token: string,
  salt: string,
  secret: string,
): Promise<SessionClaims | null> {
  const key = `${salt}\n${token}`;
  const cached = decoded.get(key);
  if (cached && Date.now() < cached.expiresAt) return cached.claims;
  decoded.delete(key);
  let payload: Record<string, unknown> | null;
  try {
    payload = (await decode({ token, secret, salt })) as Record<string, unknown> | null;
  } catch {
    return null;
  }
  const uid = typeof payload?.uid === "string" ? payload.uid : null;
  const claims = uid ? { uid, sv: typeof payload?.sv === "number" ? payload.sv : undefined } : null;
  const exp = typeof payload?.exp === "number" ? payload.exp * 1000 + CLOCK_TOLERANCE_MS : 0;
  if (claims && exp > Date.now()) {
    if (decoded.size >= MAX_CACHED) decoded.delete(decoded.keys().next().value!);
    decoded.set(key, { claims, expiresAt: exp });
  }
  return claims;
}
