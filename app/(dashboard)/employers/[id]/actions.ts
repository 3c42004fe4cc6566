"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { getConnectionById } from "@/db/queries/connections";
import { getConnectSessionByFinchId } from "@/db/queries/connect-sessions";
import { getEmployerById } from "@/db/queries/employers";
import { recordEvent } from "@/db/queries/events";
import { revokeInviteRow } from "@/db/queries/invites";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { connectProductsSchema, getConnectDefaults } from "@/lib/onboarding/defaults";
import { disconnectConnection as disconnectAtFinch } from "@/lib/onboarding/disconnect";
import { emailInvite } from "@/lib/notifications/invite-mail";
import { createInviteLink, inviteUrl } from "@/lib/onboarding/invites";
import {
  connectOutcomeInput,
  recordConnectOutcome as noteOutcome,
} from "@/lib/onboarding/outcomes";
import { startNewSession, startReauthSession as startReauth } from "@/lib/onboarding/sessions";
import { protectedAction } from "@/lib/safe-action";
import { formatDateTime } from "@/lib/status/relative-time";

const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", "false", ""])])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

const minutes = z.coerce
  .number({ message: "Choose how long the session stays open" })
  .int()
  .min(1)
  .max(129_600, "Finch allows at most 90 days");

async function loadEmployer(id: string) {
  const employer = await getEmployerById({ id });
  if (!employer) throw new AppError("not_found", "That employer no longer exists.");
  return employer;
}

/** The browser's origin: demo mode sends the redirect flow back to whatever host the user browses. */
async function requestOrigin(): Promise<string | null> {
  const h = await headers();
  const origin = h.get("origin");
  if (origin) return origin;
  const host = h.get("host");
  return host ? `${h.get("x-forwarded-proto") ?? "http"}://${host}` : null;
}

const startSessionInput = z.object({
  employerId: z.uuid(),
  products: connectProductsSchema,
  manual: checkbox,
  provider: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || null),
  authMethod: z
    .enum(["", "assisted", "credential", "oauth", "api_token"])
    .optional()
    .transform((v) => v || null),
  minutesToExpire: minutes,
  sandbox: z
    .enum(["", "finch", "provider"])
    .optional()
    .transform((v) => (v || null) as "finch" | "provider" | null),
  flow: z.enum(["embedded", "redirect"]).default("embedded"),
});

export const startConnectSession = protectedAction(
  { role: "operator", schema: startSessionInput, name: "startConnectSession" },
  async (input, { user }) => {
    if (input.authMethod && !input.provider) {
      throw new AppError("invalid_input", "Choose a provider to preselect its sign-in method.", {
        fieldErrors: { authMethod: ["Choose a provider first"] },
      });
    }
    const employer = await loadEmployer(input.employerId);
    const started = await startNewSession({
      employer,
      options: {
        products: input.products,
        manual: input.manual,
        integration: input.provider
          ? { provider: input.provider, authMethod: input.authMethod }
          : null,
        minutesToExpire: input.minutesToExpire,
        sandbox: input.sandbox,
        redirect: input.flow === "redirect",
      },
      actor: { userId: user.id, label: user.email },
      requestOrigin: await requestOrigin(),
    });
    revalidatePath(`/employers/${employer.id}`);
    return { sessionId: started.sessionId, redirectTo: started.redirectTo };
  },
);

export const startReauthSession = protectedAction(
  {
    role: "operator",
    schema: z.object({
      employerId: z.uuid(),
      connectionId: z.uuid(),
      flow: z.enum(["embedded", "redirect"]).default("embedded"),
    }),
    name: "startReauthSession",
  },
  async ({ employerId, connectionId, flow }, { user }) => {
    const employer = await loadEmployer(employerId);
    const connection = await getConnectionById({ id: connectionId });
    if (!connection || connection.employerId !== employer.id) {
      throw new AppError("not_found", "That connection no longer exists.");
    }
    const defaults = await getConnectDefaults();
    const started = await startReauth({
      employer,
      connection,
      minutesToExpire: defaults.sessionMinutes,
      redirect: flow === "redirect",
      actor: { userId: user.id, label: user.email },
      requestOrigin: await requestOrigin(),
    });
    revalidatePath(`/employers/${employer.id}`);
    return { sessionId: started.sessionId, redirectTo: started.redirectTo };
  },
);

export const recordConnectOutcome = protectedAction(
  { role: "operator", schema: connectOutcomeInput, name: "recordConnectOutcome" },
  async (input, { user }) => {
    const session = await getConnectSessionByFinchId({ finchSessionId: input.sessionId });
    if (!session) throw new AppError("not_found", "That Connect session is unknown.");
    await noteOutcome({ session, ...input, actor: { userId: user.id, label: user.email } });
    revalidatePath(`/employers/${session.employerId}`);
    return { recorded: true };
  },
);

export const createInvite = protectedAction(
  {
    role: "operator",
    schema: z.object({
      employerId: z.uuid(),
      products: connectProductsSchema,
      manual: checkbox,
      days: z.coerce
        .number({ message: "Choose how long the link stays valid" })
        .int()
        .min(1, "At least 1 day")
        .max(90, "At most 90 days"),
      email: checkbox,
    }),
    name: "createInvite",
  },
  async (input, { user }) => {
    const employer = await loadEmployer(input.employerId);
    const { invite, token } = await createInviteLink({
      employer,
      products: input.products,
      manual: input.manual,
      days: input.days,
      actor: { userId: user.id, label: user.email },
    });
    revalidatePath(`/employers/${employer.id}`);
    // Links go out by e-mail, so they use PERCH_URL; demo mode has no fixed host name.
    const { mode, publicUrl } = env();
    const origin = mode === "demo" ? ((await requestOrigin()) ?? publicUrl) : publicUrl;
    const url = inviteUrl(origin, token);
    const emailed = input.email
      ? await emailInvite({ employer, invite, url, reauth: false, now: await appNow() })
      : null;
    return {
      inviteId: invite.id,
      url,
      expiresAt: formatDateTime(invite.expiresAt, env().timeZone),
      emailedTo: emailed ? employer.contactEmail : null,
      emailStatus: emailed,
    };
  },
);

/**
 * A re-authentication link: an invite bound to this connection, so the employer's page opens
 * Finch Connect in re-authentication mode for exactly this connection. E-mailed when asked.
 */
export const createReauthLink = protectedAction(
  {
    role: "operator",
    schema: z.object({ employerId: z.uuid(), connectionId: z.uuid(), email: checkbox }),
    name: "createReauthLink",
  },
  async (input, { user }) => {
    const employer = await loadEmployer(input.employerId);
    const connection = await getConnectionById({ id: input.connectionId });
    if (!connection || connection.employerId !== employer.id || connection.disconnectedAt) {
      throw new AppError("not_found", "That connection is not live for this employer.");
    }
    const defaults = await getConnectDefaults();
    const { invite, token } = await createInviteLink({
      employer,
      products: connection.products,
      manual: connection.assisted,
      days: defaults.inviteDays,
      actor: { userId: user.id, label: user.email },
      connectionId: connection.id,
    });
    revalidatePath(`/employers/${employer.id}`);
    const { mode, publicUrl } = env();
    const origin = mode === "demo" ? ((await requestOrigin()) ?? publicUrl) : publicUrl;
    const url = inviteUrl(origin, token);
    const emailStatus = input.email
      ? await emailInvite({ employer, invite, url, reauth: true, now: await appNow() })
      : null;
    return { url, emailedTo: emailStatus ? employer.contactEmail : null, emailStatus };
  },
);

export const revokeInvite = protectedAction(
  {
    role: "operator",
    schema: z.object({ employerId: z.uuid(), inviteId: z.uuid() }),
    name: "revokeInvite",
  },
  async ({ employerId, inviteId }, { user }) => {
    const now = await appNow();
    const invite = await revokeInviteRow({ id: inviteId, employerId, at: now });
    if (!invite) throw new AppError("not_found", "That invite link is already revoked.");
    await recordEvent({
      occurredAt: now,
      source: "staff",
      type: "invite.revoked",
      employerId,
      actorUserId: user.id,
      actorLabel: user.email,
      summary: `${user.email} revoked an invite link`,
      data: { inviteId },
    });
    revalidatePath(`/employers/${employerId}`);
    return { revoked: true };
  },
);

export const disconnectConnection = protectedAction(
  {
    role: "operator",
    schema: z.object({
      employerId: z.uuid(),
      connectionId: z.uuid(),
      confirm: z.literal("disconnect", { message: "Type disconnect to confirm" }),
    }),
    name: "disconnectConnection",
  },
  async ({ employerId, connectionId }, { user }) => {
    const connection = await getConnectionById({ id: connectionId });
    if (!connection || connection.employerId !== employerId) {
      throw new AppError("not_found", "That connection no longer exists.");
    }
    await disconnectAtFinch({ connection, actor: { userId: user.id, label: user.email } });
    revalidatePath(`/employers/${employerId}`);
    revalidatePath("/employers");
    return { disconnected: true };
  },
);
