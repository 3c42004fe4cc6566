import "server-only";
import { z } from "zod";
import { markConnectSession } from "@/db/queries/connect-sessions";
import { recordEvent } from "@/db/queries/events";
import type { ConnectSession } from "@/db/schema";
import { appNow } from "@/lib/clock";
import type { Actor } from "@/lib/onboarding/sessions";

export const connectOutcomeInput = z.object({
  sessionId: z.string().trim().min(1).max(200),
  outcome: z.enum(["opened", "closed", "failed"]),
  message: z.string().trim().max(500).optional(),
});

export type ConnectOutcome = z.infer<typeof connectOutcomeInput>["outcome"];

const SUMMARY: Record<ConnectOutcome, string> = {
  opened: "Finch Connect opened",
  closed: "Finch Connect closed before finishing",
  failed: "Finch Connect reported an error",
};

/** What the browser saw of Connect (opened, closed early, failed), on the employer's timeline. */
export async function recordConnectOutcome({
  session,
  outcome,
  message,
  actor,
}: {
  session: ConnectSession;
  outcome: ConnectOutcome;
  message?: string;
  actor: Actor;
}): Promise<void> {
  const now = await appNow();
  await markConnectSession({ id: session.id, status: outcome });
  await recordEvent({
    occurredAt: now,
    source: "connect",
    type: `connect.${outcome}`,
    employerId: session.employerId,
    connectionId: session.connectionId,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    summary: message ? `${SUMMARY[outcome]}: ${message}` : SUMMARY[outcome],
    data: { connectSessionId: session.id, kind: session.kind, message: message ?? null },
  });
}
