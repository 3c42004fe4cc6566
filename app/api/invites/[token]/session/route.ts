import { errorResponse, AppError } from "@/lib/errors";
import { getConnectDefaults } from "@/lib/onboarding/defaults";
import { INVITE_ACTOR, requireInvite } from "@/lib/onboarding/invites";
import { limitInviteTraffic } from "@/lib/onboarding/rate-limit";
import { startNewSession, startReauthSession } from "@/lib/onboarding/sessions";

type Context = { params: Promise<{ token: string }> };

const REOPENABLE = new Set(["reauth", "error_no_account_setup", "error_permissions"]);

/** Invite page: creates the Finch Connect session at the moment the employer clicks Connect. */
export async function POST(request: Request, { params }: Context) {
  try {
    await limitInviteTraffic("api", request.headers);
    const { invite, employer, connection } = await requireInvite((await params).token);
    const defaults = await getConnectDefaults();
    // A session only needs to outlive the visit; the invite itself carries the longer expiry.
    const minutesToExpire = Math.min(defaults.sessionMinutes, 24 * 60);
    const live = connection && connection.status !== "disconnected" && !connection.disconnectedAt;
    // Re-authentication reopens Connect for this connection; an employer who has not yet
    // invited Finch (or did with the wrong permissions) reopens it to see the provider's steps.
    if (live && !REOPENABLE.has(connection.status)) {
      throw new AppError(
        "conflict",
        "You are already connected; there is nothing more to do here.",
      );
    }
    const started =
      live && connection.status === "reauth"
        ? await startReauthSession({
            employer,
            connection,
            minutesToExpire,
            redirect: false,
            actor: INVITE_ACTOR,
            inviteId: invite.id,
          })
        : await startNewSession({
            employer,
            options: {
              products: invite.products,
              manual: invite.manual,
              integration: null,
              minutesToExpire,
              sandbox: null,
              redirect: false,
            },
            actor: INVITE_ACTOR,
            inviteId: invite.id,
          });
    return Response.json({ sessionId: started.sessionId }, { status: 201 });
  } catch (error) {
    return errorResponse(error, "POST /api/invites/[token]/session");
  }
}
