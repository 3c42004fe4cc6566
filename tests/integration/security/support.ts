import { encode } from "next-auth/jwt";
import { createUser } from "@/db/queries/users";
import type { Role, User } from "@/db/schema";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/password";

/**
 * Real sessions for integration tests. Staff sign in through Auth.js's own route handlers
 * (CSRF token, credentials callback, signed session cookie), exactly as a browser does. The only
 * stand-in is Next's per-request store: `next/headers` answers with the headers of the request
 * the test is making (see `asCaller`), which is what Next does inside a real request.
 */

export const ORIGIN = "http://localhost:3000";

export interface Caller {
  label: "anonymous" | Role;
  /** Cookie header of a signed-in browser, empty for anonymous. */
  cookie: string;
  headers?: Record<string, string>;
}

export const ANONYMOUS: Caller = { label: "anonymous", cookie: "" };

const request = { headers: new Headers() };

/** Installs the `next/headers` and `next/cache` edges; call at the top of a test file via vi.mock. */
export const nextEdge = {
  headers: async () => request.headers,
  cookies: async () => {
    const jar = new Map(
      (request.headers.get("cookie") ?? "")
        .split(";")
        .map((c) => c.trim())
        .filter(Boolean)
        .map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)] as const),
    );
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: () => undefined,
      delete: () => undefined,
    };
  },
};

function headersOf(caller: Caller): Headers {
  return new Headers({
    host: new URL(ORIGIN).host,
    "x-forwarded-proto": "http",
    ...(caller.headers ?? {}),
    cookie: caller.cookie,
  });
}

/** From now on, requests come from `caller` (until the next call). */
export function useCaller(caller: Caller): void {
  request.headers = headersOf(caller);
}

/** Runs `fn` as if inside a request from `caller`. */
export async function asCaller<T>(caller: Caller, fn: () => Promise<T>): Promise<T> {
  const previous = request.headers;
  request.headers = headersOf(caller);
  try {
    return await fn();
  } finally {
    request.headers = previous;
  }
}

function cookiesFrom(response: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const index = pair.indexOf("=");
    out.set(pair.slice(0, index), pair.slice(index + 1));
  }
  return out;
}

const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

export interface SignInAttempt {
  ok: boolean;
  /** The error code Auth.js put in the redirect (CredentialsSignin, rate_limited…). */
  error: string | null;
  cookie: string;
}

/** Signs in through Auth.js's credentials callback, the way the login form's action does. */
export async function signInThroughAuth(
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<SignInAttempt> {
  const { handlers } = await import("@/lib/auth");
  const csrfResponse = await handlers.GET(
    new Request(`${ORIGIN}/api/auth/csrf`, { headers }) as never,
  );
  const jar = cookiesFrom(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await handlers.POST(
    new Request(`${ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookieHeader(jar),
      },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
    }) as never,
  );
  for (const [name, value] of cookiesFrom(response)) jar.set(name, value);
  const location = response.headers.get("location") ?? "";
  const error = location ? new URL(location, ORIGIN).searchParams.get("code") : null;
  const hasSession = [...jar.keys()].some((name) => name.includes("session-token"));
  return {
    ok: hasSession && !new URL(location || ORIGIN, ORIGIN).searchParams.get("error"),
    error:
      error ?? (location ? new URL(location, ORIGIN).searchParams.get("error") : "no redirect"),
    cookie: cookieHeader(jar),
  };
}

/** Signs out through Auth.js's sign-out route with this browser's cookie. */
export async function signOutThroughAuth(cookie: string): Promise<void> {
  const { handlers } = await import("@/lib/auth");
  const csrfResponse = await handlers.GET(
    new Request(`${ORIGIN}/api/auth/csrf`, { headers: { cookie } }) as never,
  );
  const jar = new Map(
    cookie.split("; ").map((c) => [c.split("=")[0], c.slice(c.indexOf("=") + 1)]),
  );
  for (const [name, value] of cookiesFrom(csrfResponse)) jar.set(name, value);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  await handlers.POST(
    new Request(`${ORIGIN}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/login" }),
    }) as never,
  );
}

let seq = 0;

/** A real user with a real password hash, signed in for real. */
export async function signedInStaff(
  role: Role,
): Promise<Caller & { userId: string; email: string; password: string }> {
  seq += 1;
  const email = `${role}-${seq}-${Date.now()}@example.com`;
  const password = `pw-${role}-${seq}-correct-horse`;
  const user = await createUser({
    email,
    name: null,
    role,
    passwordHash: await hashPassword(password),
  });
  const attempt = await signInThroughAuth(email, password);
  if (!attempt.ok) throw new Error(`could not sign in ${email}: ${attempt.error}`);
  return { label: role, cookie: attempt.cookie, userId: user!.id, email, password };
}

/** Who the session cookie belongs to now, per Auth.js (null when it no longer works). */
export async function sessionOf(cookie: string): Promise<{ email: string; role: string } | null> {
  const { handlers } = await import("@/lib/auth");
  const response = await handlers.GET(
    new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie } }) as never,
  );
  const body = (await response.json()) as { user?: { email: string; role: string } } | null;
  return body?.user ? { email: body.user.email, role: body.user.role } : null;
}

/**
 * A session for a user the test seeded directly (no password): the encrypted token Auth.js's
 * sign-in would put in the cookie (same claims, secret and salt), checked by the real session code.
 */
export async function sessionFor(
  user: Pick<User, "id" | "email" | "role" | "sessionVersion">,
): Promise<Caller> {
  const name = "authjs.session-token";
  const token = await encode({
    token: { uid: user.id, sv: user.sessionVersion, email: user.email, role: user.role },
    secret: env().authSecret,
    salt: name,
    maxAge: 60 * 60,
  });
  return { label: user.role, cookie: `${name}=${token}` };
}
