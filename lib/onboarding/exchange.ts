import "server-only";
import { setTimeout as delay } from "node:timers/promises";
import { getConnectionById } from "@/db/queries/connections";
import { getConnectSessionByFinchId } from "@/db/queries/connect-sessions";
import { claimCode, ConnectionOwnershipError, failCode } from "@/db/queries/onboarding";
import { recordEvent } from "@/db/queries/events";
import type { Connection, ConnectSession } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { exchangeAuthorizationCode } from "@/lib/finch/connect";
import { describeFinchError, finchAppError } from "@/lib/finch/errors";
import { applyEarlyWebhooks } from "@/lib/monitoring/webhooks";
import { refreshEmployerAttention } from "@/lib/monitoring/attention";
import type { Actor } from "@/lib/onboarding/sessions";
import { storeConnectionFromToken } from "@/lib/onboarding/store";
import { hashSecret } from "@/lib/onboarding/tokens";
import { z } from "zod";

/** What the browser sends after Connect succeeds. Codes are opaque; keep the bounds generous. */
export const exchangeInput = z.object({
  code: z
    .string({ message: "The authorization code is missing." })
    .trim()
    .min(8, "The authorization code is malformed.")
    .max(512, "The authorization code is malformed.")
    .regex(/^[A-Za-z0-9._~-]+$/, "The authorization code is malformed."),
  sessionId: z
    .string({ message: "The Connect session id is missing." })
    .trim()
    .min(1, "The Connect session id is missing.")
    .max(200, "The Connect session id is malformed."),
});

export interface ExchangeResult {
  connection: Connection;
  created: boolean;
  /** True when this code had already been exchanged: nothing new was stored. */
  replayed: boolean;
}

const WAIT_FOR_PARALLEL_MS = 15_000;
/**
 * How long a claim holds: longer than the slowest exchange that can still succeed (Finch's token
 * call plus introspection with their timeouts). After it, a retry takes the claim over.
 */
export const CLAIM_LEASE_MS = 120_000;

/** A double submit waits for the first request to finish, then answers with the same connection. */
async function awaitOtherExchange(codeHash: string, session: ConnectSession) {
  const deadline = Date.now() + WAIT_FOR_PARALLEL_MS;
  while (Date.now() < deadline) {
    const claim = await claimCode({
      codeHash,
      connectSessionId: session.id,
      leaseMs: CLAIM_LEASE_MS,
    });
    if (claim.claimed) return "claimed" as const;
    if (claim.status === "done" && claim.connectionId) return claim.connectionId;
    await delay(150);
  }
  throw new AppError("conflict", "This code is still being exchanged. Refresh the page shortly.");
}

/**
 * The code exchange, once per code: claim it, exchange it with Finch, introspect, then store
 * the connection and its events in one transaction. A bad code leaves nothing behind but the
 * failed claim; a replayed code returns the connection the first exchange stored.
 */
export async function exchangeCode({
  code,
  session,
  actor,
}: {
  code: string;
  session: ConnectSession;
  actor: Actor;
}): Promise<ExchangeResult> {
  const codeHash = hashSecret(code);
  const first = await claimCode({
    codeHash,
    connectSessionId: session.id,
    leaseMs: CLAIM_LEASE_MS,
  });
  if (!first.claimed) {
    const outcome =
      first.status === "done" && first.connectionId
        ? first.connectionId
        : await awaitOtherExchange(codeHash, session);
    if (outcome !== "claimed") {
      const connection = await getConnectionById({ id: outcome });
      if (!connection || connection.employerId !== session.employerId) {
        throw new AppError("conflict", "This authorization code has already been used.");
      }
      return { connection, created: false, replayed: true };
    }
  }

  try {
    let token;
    try {
      token = await exchangeAuthorizationCode({ code, redirectUri: session.redirectUri });
    } catch (error) {
      const failure = describeFinchError(error);
      if (failure?.status === 400 || failure?.name === "invalid_grant_error") {
        throw new AppError(
          "invalid_input",
          "Finch did not accept this authorization code: it is invalid, expired or already used. Start Finch Connect again.",
          { finchRequestId: failure.requestId },
        );
      }
      throw finchAppError(error, "exchange the authorization code with Finch");
    }
    const at = await appNow();
    const storedAt = new Date();
    const { connection, created } = await storeConnectionFromToken({
      employerId: session.employerId,
      accessToken: token.accessToken,
      at,
      actor,
      codeHash,
      connectSessionId: session.id,
      inviteId: session.inviteId,
      extraEvents: [
        {
          source: "connect",
          type: "connect.code_exchanged",
          summary: `Authorization code exchanged for an access token (${session.kind === "reauth" ? "re-authentication" : "new connection"})`,
          data: {
            connectSessionId: session.id,
            finchConnectionId: token.finchConnectionId,
            providerId: token.providerId,
            products: token.products,
          },
        },
      ],
    }).catch((error) => {
      if (error instanceof ConnectionOwnershipError) {
        throw new AppError(
          "conflict",
          "This Finch connection already belongs to another employer in Perch.",
        );
      }
      if (error instanceof AppError) throw error;
      if (describeFinchError(error))
        throw finchAppError(error, "read the new connection from Finch");
      throw error;
    });
    // Finch announces a new connection by webhook, often before this exchange has stored it.
    await applyEarlyWebhooks({ connection, storedAt }).catch((error) =>
      console.error("[perch] applying early webhooks failed:", error),
    );
    // A new or re-authenticated connection changes what needs attention (reauth clears).
    await refreshEmployerAttention({ employerId: session.employerId });
    return { connection, created, replayed: false };
  } catch (error) {
    await failCode({ codeHash });
    await recordEvent({
      occurredAt: await appNow(),
      source: "connect",
      type: "connect.failed",
      employerId: session.employerId,
      connectionId: session.connectionId,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      summary: `Code exchange failed: ${error instanceof AppError ? error.message : "internal error"}`,
      data: { connectSessionId: session.id, stage: "exchange" },
    });
    throw error;
  }
}

/** The stored Connect session a code belongs to; invite pages may only use their own sessions. */
export async function findExchangeSession({
  finchSessionId,
  inviteId,
}: {
  finchSessionId: string;
  inviteId?: string;
}): Promise<ConnectSession> {
  const session = await getConnectSessionByFinchId({ finchSessionId });
  if (!session || (inviteId !== undefined && session.inviteId !== inviteId)) {
    throw new AppError(
      "invalid_input",
      "This Connect session is unknown. Start Finch Connect again.",
      {
        fieldErrors: { sessionId: ["Unknown Connect session."] },
      },
    );
  }
  return session;
}
