import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { accounts, sessions, users, verificationTokens, type Role, type User } from "@/db/schema";
import { getUserByEmail, getUserById, revokeSessions, updateUser } from "@/db/queries/users";
import { clearRateLimit, hitRateLimit, peekRateLimit } from "@/db/queries/rate-limits";
import { recordEvent } from "@/db/queries/events";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { dummyPasswordHash, verifyPassword } from "@/lib/password";
import { safeRedirectPath } from "@/lib/security/safe-redirect";
import { requestAddress } from "@/lib/security/request-address";
import { decideSignIn, emailBackoffMs, SIGN_IN_LIMITS } from "@/lib/security/sign-in-limits";

/**
 * Expected outcomes of anonymous input, not server errors: a wrong password, a limit, and a
 * session cookie that does not decrypt (junk or signed with an old secret). Matched on Auth.js's
 * error `type` and jose's error `code`, which survive minification (class names do not).
 */
function isExpectedAuthError(error: Error): boolean {
  const { type, cause } = error as Error & { type?: string; cause?: { err?: { code?: unknown } } };
  if (type === "CredentialsSignin") return true;
  const code = cause?.err?.code;
  return type === "JWTSessionError" && typeof code === "string" && code.startsWith("ERR_JW");
}

class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

const credentialsInput = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

function limitKeys(email: string, address: string | null) {
  return {
    email: `sign-in:email:${email}`,
    emailPause: `sign-in:email-pause:${email}`,
    pair: address ? `sign-in:pair:${address}:${email}` : null,
    address: address ? `sign-in:ip:${address}` : null,
  };
}

async function checkSignInLimits(keys: ReturnType<typeof limitKeys>) {
  const now = new Date();
  const [pause, pair, address] = await Promise.all([
    peekRateLimit({ key: keys.emailPause, now }),
    keys.pair ? peekRateLimit({ key: keys.pair, now }) : null,
    keys.address ? peekRateLimit({ key: keys.address, now }) : null,
  ]);
  const decision = decideSignIn({
    pairFailures: pair?.count ?? null,
    addressFailures: address?.count ?? null,
    emailPauseMs: pause.count > 0 ? Math.max(0, pause.resetAt.getTime() - now.getTime()) : 0,
  });
  if (!decision.allowed) throw new TooManyAttempts();
}

async function recordSignInFailure(keys: ReturnType<typeof limitKeys>) {
  const { windowMs } = SIGN_IN_LIMITS;
  const [byEmail] = await Promise.all([
    hitRateLimit({ key: keys.email, windowMs }),
    keys.pair ? hitRateLimit({ key: keys.pair, windowMs }) : null,
    keys.address ? hitRateLimit({ key: keys.address, windowMs }) : null,
  ]);
  const pauseMs = emailBackoffMs(byEmail.count);
  if (pauseMs > 0) await hitRateLimit({ key: keys.emailPause, windowMs: pauseMs });
}

class DatabaseUnavailable extends CredentialsSignin {
  code = "unavailable";
}

async function authorizeWithPassword(raw: unknown, request: Request | undefined) {
  try {
    return await checkPassword(raw, request);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw new DatabaseUnavailable();
    throw error;
  }
}

async function checkPassword(raw: unknown, request: Request | undefined) {
  const parsed = credentialsInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = limitKeys(email, request ? requestAddress(request.headers) : null);
  await checkSignInLimits(keys);

  const user = await getUserByEmail({ email });
  // Verify against a hash of the same cost when there is none, so timing does not reveal
  // which accounts exist.
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !user.active || !valid) {
    await recordSignInFailure(keys);
    return null;
  }
  await Promise.all(
    [keys.email, keys.emailPause, keys.pair].flatMap((key) =>
      key ? [clearRateLimit({ key })] : [],
    ),
  );
  await updateUser({ id: user.id }, { lastSignInAt: new Date() });
  await recordEvent({
    occurredAt: await appNow(),
    source: "staff",
    type: "user.signed_in",
    actorUserId: user.id,
    actorLabel: user.email,
    summary: `${user.email} signed in`,
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * Who a session token stands for, judged on the user's row as it is now (read on every request,
 * so a role change, deactivation, sign-out or password reset takes effect at once): nobody when
 * the user is gone or deactivated, or when the token was issued under an older session version
 * (before a sign-out or password reset).
 */
export function sessionHolder<
  T extends Pick<User, "id" | "email" | "name" | "role" | "active" | "sessionVersion">,
>(current: T | undefined, tokenSessionVersion: number | undefined): T | null {
  if (!current || !current.active) return null;
  if (tokenSessionVersion !== current.sessionVersion) return null;
  return current;
}

async function buildConfig(): Promise<NextAuthConfig> {
  const { authSecret, trustHost, oidc } = env();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail" },
        password: { label: "Password", type: "password" },
      },
      authorize: (credentials, request) => authorizeWithPassword(credentials, request),
    }),
  ];
  let adapter: NextAuthConfig["adapter"];
  if (oidc) {
    const { DrizzleAdapter } = await import("@auth/drizzle-adapter");
    adapter = DrizzleAdapter(await getDb(), {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    } as never);
    providers.push({
      id: "oidc",
      name: oidc.name,
      type: "oidc",
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      // Staff accounts are created by an admin first; SSO then links to them by e-mail.
      allowDangerousEmailAccountLinking: true,
    });
  }

  return {
    secret: authSecret,
    trustHost,
    adapter,
    providers,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    logger: {
      // A wrong password or a junk/expired session cookie is an expected outcome of anonymous
      // input, not a server error worth a stack trace (it would let anyone flood the log).
      error(error) {
        if (isExpectedAuthError(error)) return;
        console.error("[auth]", error);
      },
    },
    events: {
      // Signing out ends every session of this user, not just this browser's cookie.
      async signOut(message) {
        const uid = "token" in message ? (message.token?.uid as string | undefined) : undefined;
        if (uid) await revokeSessions({ id: uid });
      },
    },
    pages: { signIn: "/login" },
    callbacks: {
      // Every post-sign-in/sign-out destination goes through the one same-origin check.
      redirect({ url, baseUrl }) {
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
        return `${baseUrl}${safeRedirectPath(path)}`;
      },
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        // Only people an admin has added (and not deactivated) may sign in with SSO.
        const existing = user.email ? await getUserByEmail({ email: user.email }) : undefined;
        return Boolean(existing?.active);
      },
      async jwt({ token, user }) {
        const id = (user?.id as string | undefined) ?? (token.uid as string | undefined);
        if (!id) return null;
        let current;
        try {
          current =
            user?.email && !user.id
              ? await getUserByEmail({ email: user.email })
              : await getUserById({ id });
        } catch (error) {
          if (!isDatabaseUnavailable(error)) throw error;
          // Keep the cookie (the outage is not the user's doing) but grant nothing with it.
          console.error("[perch] database unavailable while checking a session");
          return { ...token, unavailable: true };
        }
        delete token.unavailable;
        // A new sign-in stamps the token with the user's session version.
        if (user && current) token.sv = current.sessionVersion;
        const holder = sessionHolder(current, token.sv as number | undefined);
        if (!holder) return null;
        token.uid = holder.id;
        token.email = holder.email;
        token.name = holder.name;
        token.role = holder.role;
        return token;
      },
      session({ session, token }) {
        if (token.unavailable) session.unavailable = true;
        session.user.id = token.uid as string;
        session.user.role = token.role as Role;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(buildConfig);
