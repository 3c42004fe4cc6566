import { AppError, errorResponse } from "@/lib/errors";
import { exchangeCode, exchangeInput, findExchangeSession } from "@/lib/onboarding/exchange";
import { publicConnection } from "@/lib/onboarding/public";
import { requireUser } from "@/lib/session";

/** Ops' embedded Connect: the browser posts the code from onSuccess; the token stays here. */
export async function POST(request: Request) {
  try {
    const body = exchangeInput.safeParse(await request.json().catch(() => null));
    const user = await requireUser("operator");
    if (!body.success) {
      throw new AppError("invalid_input", body.error.issues[0]?.message ?? "Invalid request.");
    }
    const session = await findExchangeSession({ finchSessionId: body.data.sessionId });
    const result = await exchangeCode({
      code: body.data.code,
      session,
      actor: { userId: user.id, label: user.email },
    });
    return Response.json(
      {
        connection: publicConnection(result.connection),
        created: result.created,
        replayed: result.replayed,
      },
      { status: result.created && !result.replayed ? 201 : 200 },
    );
  } catch (error) {
    return errorResponse(error, "POST /api/finch/exchange");
  }
}
