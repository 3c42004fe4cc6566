import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role, User } from "@/db/schema";
import { cookies } from "next/headers";
import { getUserById } from "@/db/queries/users";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { auth, sessionHolder } from "@/lib/auth";
import { env } from "@/lib/env";
import {
  cookiesFromHeader,
  readSessionClaims,
  type SessionClaims,
} from "@/lib/security/session-token";
import { AppError } from "@/lib/errors";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(user: Pick<SessionUser, "role">, role: Role): boolean {
  return RANK[user.role] >= RANK[role];
}

/** Where signed-in pages send people while the database is down (an HTTP 503 page). */
export const UNAVAILABLE_PATH = "/unavailable";

/**
 * The signed-in user, read once per request: the layout and the page both ask, and each read
 * decrypts the session cookie and re-reads the user row (see the jwt callback in lib/auth.ts).
 */
export const currentUser = cache(readCurrentUser);

/**
 * The claims of this request's session cookie, decrypted (no database read): null without a
 * usable cookie, "chunked" for a cookie only Auth.js can reassemble. A route handler may pass its
 * request to have the cookie read from its header directly.
 */
export async function requestSessionClaims(
  request?: Request,
): Promise<SessionClaims | null | "chunked"> {
  const jar = request ? cookiesFromHeader(request.headers.get("cookie")) : await cookies();
  return readSessionClaims(jar, env().authSecret);
}

/**
 * The signed-in user, given the user's row read during this request: null when the session no
 * longer holds (signed out everywhere, password reset, deactivated, deleted). For callers that
 * read the row together with something else in one query (the data proxy).
 */
export function sessionUserFrom(
  current: Pick<User, "id" | "email" | "name" | "role" | "active" | "sessionVersion"> | undefined,
  claims: SessionClaims,
): SessionUser | null {
  const holder = sessionHolder(current, claims.sv);
  return holder
    ? { id: holder.id, email: holder.email, name: holder.name ?? null, role: holder.role }
    : null;
}

async function readCurrentUser(): Promise<SessionUser | null> {
  const claims = await requestSessionClaims();
  if (claims === "chunked") return readCurrentUserThroughAuthJs();
  if (!claims) return null;
  let current;
  try {
    current = await getUserById({ id: claims.uid });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error("[perch] database unavailable while checking a session");
    throw new AppError("unavailable", "Perch's database is unavailable. Try again in a minute.");
  }
  return sessionUserFrom(current, claims);
}

/** The same answer through Auth.js's own session endpoint (for cookies it had to split). */
async function readCurrentUserThroughAuthJs(): Promise<SessionUser | null> {
  const session = await auth();
  if (session?.unavailable) {
    throw new AppError("unavailable", "Perch's database is unavailable. Try again in a minute.");
  }
  if (!session?.user?.id) return null;
  return {
    id: session.user.id,
    email: session.user.email ?? "",
    name: session.user.name ?? null,
    role: session.user.role,
  };
}

/** For pages: signed-out people go to the login page; the wrong role gets a 403 page. */
export async function requirePageUser(
  role: Role = "viewer",
  returnTo?: string,
): Promise<SessionUser> {
  let user: SessionUser | null;
  try {
    user = await currentUser();
  } catch (error) {
    if (error instanceof AppError && error.code === "unavailable") redirect(UNAVAILABLE_PATH);
    throw error;
  }
  if (!user) redirect(returnTo ? `/login?from=${encodeURIComponent(returnTo)}` : "/login");
  if (!hasRole(user, role)) redirect("/forbidden");
  return user;
}

/** For actions and route handlers: throws an AppError the caller maps to 401/403. */
export async function requireUser(role: Role = "viewer"): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthenticated", "Please sign in again.");
  if (!hasRole(user, role)) {
    throw new AppError(
      "forbidden",
      `This needs the ${role} role; you are signed in as ${user.role}.`,
    );
  }
  return user;
}
