import { NextResponse, type NextRequest } from "next/server";
import { consumeSessionState } from "@/db/queries/connect-sessions";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { exchangeCode } from "@/lib/onboarding/exchange";
import { recordConnectOutcome } from "@/lib/onboarding/outcomes";
import { hashSecret, isWellFormedToken } from "@/lib/onboarding/tokens";
import { currentUser, hasRole } from "@/lib/session";

function refusal(title: string, message: string, status = 400): Response {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escape(title)} · Perch</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1.5rem;color:#0f172a">` +
      `<h1 style="font-size:1.25rem">${escape(title)}</h1><p style="color:#475569;line-height:1.5">${escape(message)}</p>` +
      `<p><a href="/employers" style="color:#4f46e5">Back to Perch</a></p></body></html>`,
    {
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    },
  );
}

/**
 * Where to send the browser next. Behind `next start` the request URL names the bound host,
 * not the one the browser used; demo mode follows the browser's Host, other modes PERCH_URL.
 */
function appOrigin(request: NextRequest): string {
  const { mode, publicUrl } = env();
  const host = request.headers.get("host");
  if (mode !== "demo" || !host) return publicUrl;
  const proto =
    request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  return `${proto}://${host}`;
}

/**
 * Redirect flow: Finch sends the browser here with `code` and the `state` bound to the Connect
 * session. The state is single use; a missing or wrong one is refused before anything else.
 */
export async function GET(request: NextRequest) {
  const { searchParams, pathname, search } = request.nextUrl;
  const user = await currentUser();
  if (!user) {
    const login = new URL("/login", appOrigin(request));
    login.searchParams.set("from", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  if (!hasRole(user, "operator"))
    return NextResponse.redirect(new URL("/forbidden", appOrigin(request)));

  const state = searchParams.get("state") ?? "";
  if (!isWellFormedToken(state)) {
    return refusal(
      "This Connect link can't be used",
      "The response from Finch Connect is missing its security state, so Perch refused it. Start Finch Connect again from the employer's page.",
    );
  }
  const session = await consumeSessionState({ stateHash: hashSecret(state) });
  if (!session || session.expiresAt <= (await appNow())) {
    return refusal(
      "This Connect link can't be used",
      "The security state does not match a Connect session that is still open (it may have been used already). Start Finch Connect again from the employer's page.",
    );
  }

  const employerPage = new URL(`/employers/${session.employerId}`, appOrigin(request));
  const actor = { userId: user.id, label: user.email };
  const code = searchParams.get("code");
  if (!code) {
    const message = searchParams.get("error_description") ?? searchParams.get("error") ?? undefined;
    await recordConnectOutcome({ session, outcome: "failed", message, actor });
    employerPage.searchParams.set("connect", "failed");
    return NextResponse.redirect(employerPage, 303);
  }
  try {
    const result = await exchangeCode({ code, session, actor });
    employerPage.searchParams.set(
      "connect",
      result.replayed ? "already" : result.created ? "connected" : "reauthenticated",
    );
  } catch (error) {
    if (!isAppError(error)) console.error("[perch] redirect-flow exchange failed:", error);
    employerPage.searchParams.set("connect", "failed");
    employerPage.searchParams.set("reason", isAppError(error) ? error.code : "internal");
  }
  return NextResponse.redirect(employerPage, 303);
}
