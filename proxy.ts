import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { isWellFormedFormReply, isWellFormedTextReply } from "@/lib/security/action-body";
import {
  contentSecurityPolicy,
  strictTransportSecurity,
  type HeaderSettings,
} from "@/lib/security/headers";

/**
 * Optimistic checks only: pages without a session cookie go to the login page and ops APIs
 * without one get a 401. Every page, action and route still verifies the session and role
 * itself. Also refuses undecodable paths and malformed server-action bodies with a 400 (before
 * Next.js or a route can throw on them) and sets the security headers: a per-request nonce
 * Content Security Policy and, over HTTPS, HSTS.
 */

const PUBLIC_PAGES = [
  /^\/login$/,
  /^\/connect\//,
  /^\/forbidden$/,
  /^\/unavailable$/,
  /^\/authorize(\/|$)/,
];
// API callers that are not our staff: Finch, employers' browsers, the scheduler, API keys.
const SELF_AUTHENTICATED_API = [
  /^\/api\/auth\//,
  /^\/api\/health$/,
  /^\/api\/webhooks\//,
  /^\/api\/finch\//,
  /^\/api\/finch-emu(\/|$)/,
  /^\/api\/cron\//,
  /^\/api\/invites\//,
  /^\/api\/employers\/[^/]+\/data\//,
  /^\/api\/employers\/[^/]+\/(benefits|deduction-changes)(\/|$)/,
];

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((c) => /^(__Secure-)?authjs\.session-token/.test(c.name));
}

/** Every segment must percent-decode to valid UTF-8, or dynamic params would throw later. */
function isDecodablePath(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

function headerSettings(): HeaderSettings {
  const { mode, finch, nodeEnv, publicUrl, onVercel } = env();
  return {
    mode,
    connectUrl: finch.connectUrl,
    development: nodeEnv === "development",
    publicUrl,
    onVercel,
  };
}

function withSecurityHeaders(response: Response, csp: string | null): Response {
  if (csp) response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  const hsts = strictTransportSecurity(headerSettings());
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

function badRequest(): Response {
  return Response.json(
    { error: { code: "invalid_input", message: "The request is malformed." } },
    { status: 400 },
  );
}

/** A server-action call whose body React could not have produced (see lib/security/action-body). */
async function isMalformedActionCall(request: NextRequest): Promise<boolean> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.startsWith("multipart/form-data")) {
      const form = await request.clone().formData();
      const fields = new Map<string, string | null>();
      for (const [name, value] of form) fields.set(name, typeof value === "string" ? value : null);
      return !isWellFormedFormReply(fields);
    }
    if (type.startsWith("application/x-www-form-urlencoded")) return false;
    return !isWellFormedTextReply(await request.clone().text());
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  // The emulated Connect page sends its own, stricter policy.
  const nonce = pathname.startsWith("/authorize") ? null : crypto.randomUUID().replace(/-/g, "");
  const csp = nonce ? contentSecurityPolicy(nonce, headerSettings()) : null;

  if (!isDecodablePath(pathname) || (await isMalformedActionCall(request))) {
    return withSecurityHeaders(badRequest(), csp);
  }

  const isPublic = isApi
    ? SELF_AUTHENTICATED_API.some((re) => re.test(pathname))
    : PUBLIC_PAGES.some((re) => re.test(pathname));

  if (!isPublic && !hasSessionCookie(request)) {
    if (isApi) {
      return withSecurityHeaders(
        Response.json(
          { error: { code: "unauthenticated", message: "Sign in to Perch to use this API." } },
          { status: 401 },
        ),
        csp,
      );
    }
    const login = new URL("/login", request.url);
    login.searchParams.set("from", `${pathname}${search}`);
    return withSecurityHeaders(NextResponse.redirect(login), csp);
  }

  // Next.js reads the nonce from the request's CSP header and stamps it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  if (csp && nonce) {
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
  }
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.svg|robots.txt).*)"],
};
