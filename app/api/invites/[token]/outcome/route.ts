import { getConnectSessionByFinchId } from "@/db/queries/connect-sessions";
import { AppError, errorResponse } from "@/lib/errors";
import { INVITE_ACTOR, requireInvite } from "@/lib/onboarding/invites";
import { connectOutcomeInput, recordConnectOutcome } from "@/lib/onboarding/outcomes";
import { limitInviteTraffic } from "@/lib/onboarding/rate-limit";

type Context = { params: Promise<{ token: string }> };

/** Invite page: Connect opened, closed early or failed — noted on the employer's timeline. */
export async function POST(request: Request, { params }: Context) {
  try {
    await limitInviteTraffic("api", request.headers);
    const { invite } = await requireInvite((await params).token);
    const body = connectOutcomeInput.safeParse(await request.json().catch(() => null));
    if (!body.success) throw new AppError("invalid_input", "Invalid request.");
    const session = await getConnectSessionByFinchId({ finchSessionId: body.data.sessionId });
    if (!session || session.inviteId !== invite.id) {
      throw new AppError("invalid_input", "This Connect session is unknown.");
    }
    await recordConnectOutcome({ session, ...body.data, actor: INVITE_ACTOR });
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error, "POST /api/invites/[token]/outcome");
  }
}
