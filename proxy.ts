import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

/**
 * Optimistic checks only: pages without a session cookie go to the login page and ops APIs
 * without one get a 401. Every page, action and route still verifies the session and role
 * itself. Also sets the Content Security Policy, which depends on the runtime mode.
 */

const PUBLIC_PAGES = [/^\/login$/, /^\/connect\//, /^\/forbidden$/, /^\/authorize(\/|$)/];
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

function contentSecurityPolicy(): string {
  const { mode, finch, nodeEnv } = env();
  const connectOrigin = mode === "demo" ? "'self'" : new URL(finch.connectUrl).origin;
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${nodeEnv === "development" ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    `frame-src ${connectOrigin}`,
    "frame-ancestors 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

function withSecurityHeaders(response: NextResponse, pathname: string): NextResponse {
  // The emulated Connect page sends its own, stricter policy.
  if (!pathname.startsWith("/authorize")) {
    response.headers.set("Content-Security-Policy", contentSecurityPolicy());
  }
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  return response;
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  const isPublic = isApi
    ? SELF_AUTHENTICATED_API.some((re) => re.test(pathname))
    : PUBLIC_PAGES.some((re) => re.test(pathname));

  if (!isPublic && !hasSessionCookie(request)) {
    if (isApi) {
      return Response.json(
        { error: { code: "unauthenticated", message: "Sign in to Perch to use this API." } },
        { status: 401 },
      );
    }
    const login = new URL("/login", request.url);
    login.searchParams.set("from", `${pathname}${search}`);
    return withSecurityHeaders(NextResponse.redirect(login), pathname);
  }
  return withSecurityHeaders(NextResponse.next(), pathname);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.svg|robots.txt).*)"],
};
