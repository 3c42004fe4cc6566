import "server-only";
import { getConnectionById } from "@/db/queries/connections";
import { getEmployerById } from "@/db/queries/employers";
import { recordEvent } from "@/db/queries/events";
import { getInviteByTokenHash, insertInvite, touchInvite } from "@/db/queries/invites";
import type { Connection, Employer, Invite } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/onboarding/sessions";
import { hashSecret, isWellFormedToken, newSecretToken } from "@/lib/onboarding/tokens";

export function inviteUrl(origin: string, token: string): string {
  return `${origin}/connect/${token}`;
}

/** Creates an invite link; the raw token is returned once and only its hash is stored. */
export async function createInviteLink({
  employer,
  products,
  manual,
  days,
  actor,
  connectionId = null,
}: {
  employer: Employer;
  products: string[];
  manual: boolean;
  days: number;
  /** Staff, or Perch itself (userId null) when a reminder carries a fresh link. */
  actor: Actor;
  /**
   * Binds the link to an existing connection: the employer's page then shows that connection's
   * status and next step, and opens Connect in re-authentication mode when it needs it.
   */
  connectionId?: string | null;
}): Promise<{ invite: Invite; token: string }> {
  if (employer.archivedAt) {
    throw new AppError("conflict", "This employer is archived. Restore it before inviting.");
  }
  const token = newSecretToken();
  const now = await appNow();
  const invite = await insertInvite({
    employerId: employer.id,
    tokenHash: hashSecret(token),
    products,
    manual,
    expiresAt: new Date(now.getTime() + days * 24 * 60 * 60_000),
    connectionId,
    createdBy: actor.userId,
    createdAt: now,
  });
  await recordEvent({
    occurredAt: now,
    source: "staff",
    type: "invite.created",
    employerId: employer.id,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    summary: `${actor.label} created ${connectionId ? "a link to the connection's status and re-authentication" : "an invite link"}, valid for ${days} day${days === 1 ? "" : "s"}`,
    data: {
      inviteId: invite.id,
      products,
      manual,
      connectionId,
      expiresAt: invite.expiresAt.toISOString(),
    },
  });
  return { invite, token };
}

export type ResolvedInvite =
  | { valid: true; invite: Invite; employer: Employer; connection: Connection | null; now: Date }
  | { valid: false };

/**
 * Looks an invite up by its raw token. Malformed, unknown, expired and revoked links all look
 * the same from outside, so a link reveals nothing once it is no longer valid.
 */
export async function resolveInvite(token: string): Promise<ResolvedInvite> {
  if (!isWellFormedToken(token)) return { valid: false };
  const invite = await getInviteByTokenHash({ tokenHash: hashSecret(token) });
  const now = await appNow();
  if (!invite || invite.revokedAt || invite.expiresAt <= now) return { valid: false };
  const employer = await getEmployerById({ id: invite.employerId });
  if (!employer || employer.archivedAt) return { valid: false };
  const connection = invite.connectionId
    ? ((await getConnectionById({ id: invite.connectionId })) ?? null)
    : null;
  return { valid: true, invite, employer, connection, now };
}

export async function requireInvite(token: string) {
  const resolved = await resolveInvite(token);
  if (!resolved.valid) {
    throw new AppError(
      "not_found",
      "This link is not valid. Ask the person who sent it for a new one.",
    );
  }
  return resolved;
}

const OPENED_EVENT_EVERY_MS = 60 * 60_000;

/** Notes a visit; the timeline gets at most one "opened" event an hour per link. */
export async function noteInviteOpened(invite: Invite, now: Date): Promise<void> {
  const quiet =
    invite.lastOpenedAt && now.getTime() - invite.lastOpenedAt.getTime() < OPENED_EVENT_EVERY_MS;
  await touchInvite({ id: invite.id, lastOpenedAt: now });
  if (quiet) return;
  await recordEvent({
    occurredAt: now,
    source: "connect",
    type: "invite.opened",
    employerId: invite.employerId,
    actorLabel: INVITE_ACTOR.label,
    summary: "The employer opened the invite link",
    data: { inviteId: invite.id },
  });
}

export const INVITE_ACTOR: Actor = { userId: null, label: "Employer via invite link" };
