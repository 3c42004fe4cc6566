import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens, type Role } from "@/db/schema";
import { getUserByEmail, getUserById, updateUser } from "@/db/queries/users";
import { clearRateLimit, hitRateLimit, peekRateLimit } from "@/db/queries/rate-limits";
import { recordEvent } from "@/db/queries/events";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/password";

export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60_000,
  perEmail: 5,
  perIp: 30,
};

class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

const credentialsInput = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

function clientIp(request: Request | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "unknown";
}

async function authorizeWithPassword(raw: unknown, request: Request | undefined) {
  const parsed = credentialsInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const emailKey = `sign-in:email:${email}`;
  const ipKey = `sign-in:ip:${clientIp(request)}`;

  const [byEmail, byIp] = await Promise.all([
    peekRateLimit({ key: emailKey }),
    peekRateLimit({ key: ipKey }),
  ]);
  if (byEmail.count >= SIGN_IN_LIMITS.perEmail || byIp.count >= SIGN_IN_LIMITS.perIp) {
    throw new TooManyAttempts();
  }

  const user = await getUserByEmail({ email });
  // Verify even for unknown e-mails so timing does not reveal which accounts exist.
  const valid = await verifyPassword(password, user?.passwordHash ?? "scrypt$16384$8$1$AAAA$AAAA");
  if (!user || !user.active || !valid) {
    await Promise.all([
      hitRateLimit({ key: emailKey, windowMs: SIGN_IN_LIMITS.windowMs }),
      hitRateLimit({ key: ipKey, windowMs: SIGN_IN_LIMITS.windowMs }),
    ]);
    return null;
  }
  await clearRateLimit({ key: emailKey });
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
      // A wrong password is an expected outcome, not a server error worth a stack trace.
      error(error) {
        if (error.name === "CredentialsSignin" || error.name === "rate_limited") return;
        console.error("[auth]", error);
      },
    },
    pages: { signIn: "/login" },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        // Only people an admin has added (and not deactivated) may sign in with SSO.
        const existing = user.email ? await getUserByEmail({ email: user.email }) : undefined;
        return Boolean(existing?.active);
      },
      async jwt({ token, user }) {
        const id = (user?.id as string | undefined) ?? (token.uid as string | undefined);
        if (!id) return null;
        // Re-read on every request so a role change or deactivation takes effect at once.
        const current =
          user?.email && !user.id
            ? await getUserByEmail({ email: user.email })
            : await getUserById({ id });
        if (!current || !current.active) return null;
        token.uid = current.id;
        token.email = current.email;
        token.name = current.name;
        token.role = current.role;
        return token;
      },
      session({ session, token }) {
        session.user.id = token.uid as string;
        session.user.role = token.role as Role;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(buildConfig);
