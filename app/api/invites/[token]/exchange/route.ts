import { AppError, errorResponse } from "@/lib/errors";
import { exchangeCode, exchangeInput, findExchangeSession } from "@/lib/onboarding/exchange";
import { INVITE_ACTOR, requireInvite } from "@/lib/onboarding/invites";
import { limitInviteTraffic } from "@/lib/onboarding/rate-limit";
import { describeStatus } from "@/lib/status/catalogue";

type Context = { params: Promise<{ token: string }> };

/** Invite page: exchanges the code from Connect. Only sessions this invite created are accepted. */
export async function POST(request: Request, { params }: Context) {
  try {
    await limitInviteTraffic("api", request.headers);
    const { invite } = await requireInvite((await params).token);
    const body = exchangeInput.safeParse(await request.json().catch(() => null));
    if (!body.success) {
      throw new AppError("invalid_input", body.error.issues[0]?.message ?? "Invalid request.");
    }
    const session = await findExchangeSession({
      finchSessionId: body.data.sessionId,
      inviteId: invite.id,
    });
    const { connection } = await exchangeCode({
      code: body.data.code,
      session,
      actor: INVITE_ACTOR,
    });
    const status = describeStatus(connection.status, { providerName: connection.providerName });
    return Response.json({
      status: connection.status,
      statusLabel: status.label,
      providerName: connection.providerName ?? connection.providerId,
    });
  } catch (error) {
    return errorResponse(error, "POST /api/invites/[token]/exchange");
  }
}
