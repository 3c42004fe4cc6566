import { DisconnectButton } from "@/components/employers/disconnect-button";
import { InviteCreate } from "@/components/employers/invite-create";
import { InviteRevokeButton } from "@/components/employers/invite-revoke-button";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { listConnectionsForEmployer } from "@/db/queries/connections";
import { listConnectSessions } from "@/db/queries/connect-sessions";
import { listInvites } from "@/db/queries/invites";
import type { Connection, Employer, Invite } from "@/db/schema";
import { env } from "@/lib/env";
import { getConnectDefaults } from "@/lib/onboarding/defaults";
import { connectSessionState } from "@/lib/onboarding/session-state";
import { hasRole, type SessionUser } from "@/lib/session";
import { describeStatus } from "@/lib/status/catalogue";
import { productLabel } from "@/lib/status/products";
import { formatDateTime, relativeTime } from "@/lib/status/relative-time";

export interface OnboardingPanelProps {
  employer: Employer;
  connection: Connection | null;
  user: SessionUser;
  now: Date;
}

const METHOD: Record<string, string> = {
  assisted: "Assisted (third-party administrator)",
  credential: "Credentials",
  oauth: "OAuth",
  api_token: "API token",
  api_credential: "API credentials",
};

function inviteState(invite: Invite, now: Date): { label: string; tone: BadgeTone } {
  if (invite.revokedAt) return { label: "Revoked", tone: "neutral" };
  if (invite.expiresAt <= now) return { label: "Expired", tone: "neutral" };
  if (invite.connectionId) return { label: "Used · active", tone: "success" };
  return { label: "Active", tone: "info" };
}

/** Onboarding: the connection and how to end it, invite links, Connect sessions and history. */
export async function OnboardingPanel({ employer, connection, user, now }: OnboardingPanelProps) {
  const canAct = hasRole(user, "operator");
  const { timeZone } = env();
  const [invites, sessions, connections, defaults] = await Promise.all([
    listInvites({ employerId: employer.id }),
    listConnectSessions({ employerId: employer.id }),
    listConnectionsForEmployer({ employerId: employer.id }),
    getConnectDefaults(),
  ]);
  const live =
    connection && connection.status !== "disconnected" && !connection.disconnectedAt
      ? connection
      : null;
  const history = connections.filter((c) => c.id !== live?.id);
  const status = connection
    ? describeStatus(connection.status, { providerName: connection.providerName })
    : null;

  return (
    <Card>
      <CardHeader
        title="Onboarding"
        description="How this employer is connected to Finch, and the links and sessions used to get there."
        actions={
          canAct && !employer.archivedAt ? (
            <InviteCreate
              employerId={employer.id}
              contactEmail={employer.contactEmail}
              defaults={defaults}
            />
          ) : null
        }
      />
      <div className="divide-y divide-slate-100">
        <section className="px-5 py-4" aria-labelledby="onboarding-connection">
          <h3 id="onboarding-connection" className="text-sm font-semibold text-slate-900">
            Connection
          </h3>
          {live && status ? (
            <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
              <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
                <dt className="text-slate-500">Provider</dt>
                <dd className="text-slate-900">{live.providerName ?? live.providerId}</dd>
                <dt className="text-slate-500">Method</dt>
                <dd>{METHOD[live.authMethod ?? ""] ?? live.authMethod ?? "—"}</dd>
                <dt className="text-slate-500">Status</dt>
                <dd>
                  <Badge tone={status.tone}>{status.label}</Badge>{" "}
                  <span className="text-slate-500">
                    since {formatDateTime(live.statusChangedAt, timeZone)}
                  </span>
                </dd>
                <dt className="text-slate-500">Products</dt>
                <dd>{live.products.map(productLabel).join(", ") || "—"}</dd>
                <dt className="text-slate-500">Connected</dt>
                <dd>{formatDateTime(live.createdAt, timeZone)}</dd>
                <dt className="text-slate-500">Finch connection id</dt>
                <dd className="font-mono text-xs leading-5">{live.finchConnectionId}</dd>
              </dl>
              {canAct ? (
                <DisconnectButton
                  employerId={employer.id}
                  connectionId={live.id}
                  providerName={live.providerName ?? live.providerId}
                />
              ) : null}
            </div>
          ) : (
            <p className="mt-1 text-sm text-slate-500">
              {connection
                ? "The last connection was disconnected. "
                : "Not connected to Finch yet. "}
              {canAct
                ? "Use Connect with Finch above, or create an invite link for the employer to connect on their own."
                : "An operator can connect it or send the employer an invite link."}
            </p>
          )}
        </section>

        <section className="px-5 py-4" aria-labelledby="onboarding-invites">
          <h3 id="onboarding-invites" className="text-sm font-semibold text-slate-900">
            Invite links
          </h3>
          {invites.length ? (
            <ul className="mt-2 divide-y divide-slate-100 text-sm" aria-label="Invite links">
              {invites.map((invite) => {
                const state = inviteState(invite, now);
                const active = !invite.revokedAt && invite.expiresAt > now;
                return (
                  <li key={invite.id} className="flex flex-wrap items-center gap-3 py-2">
                    <Badge tone={state.tone}>{state.label}</Badge>
                    <span className="text-slate-700">
                      Created {formatDateTime(invite.createdAt, timeZone)} · expires{" "}
                      {formatDateTime(invite.expiresAt, timeZone)}
                    </span>
                    <span className="text-slate-500">
                      {invite.lastOpenedAt
                        ? `opened ${relativeTime(invite.lastOpenedAt, now)}`
                        : "not opened yet"}
                    </span>
                    {canAct && active ? (
                      <span className="ml-auto">
                        <InviteRevokeButton employerId={employer.id} inviteId={invite.id} />
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-slate-500">
              No invite links yet. A link lets the employer connect on their own, without a Perch
              account.
            </p>
          )}
        </section>

        {sessions.length ? (
          <section className="px-5 py-4" aria-labelledby="onboarding-sessions">
            <h3 id="onboarding-sessions" className="text-sm font-semibold text-slate-900">
              Recent Connect sessions
            </h3>
            <ul className="mt-2 space-y-1 text-sm text-slate-700">
              {sessions.map((s) => {
                const state = connectSessionState(s, now);
                return (
                  <li key={s.id} className="flex flex-wrap gap-x-3">
                    <span>{formatDateTime(s.createdAt, timeZone)}</span>
                    <span>{s.kind === "reauth" ? "Re-authentication" : "New connection"}</span>
                    <span className="text-slate-500">
                      {s.inviteId
                        ? "via invite link"
                        : s.redirectUri
                          ? "redirect flow"
                          : "embedded"}
                    </span>
                    <span
                      className={state.lapsed ? "text-slate-500 italic" : "text-slate-500"}
                      data-testid="connect-session-state"
                    >
                      {state.label}
                    </span>
                  </li>
                );
              })}
            </ul>
          </section>
        ) : null}

        {history.length ? (
          <section className="px-5 py-4" aria-labelledby="onboarding-history">
            <h3 id="onboarding-history" className="text-sm font-semibold text-slate-900">
              Earlier connections
            </h3>
            <ul className="mt-2 space-y-1 text-sm text-slate-700">
              {history.map((c) => (
                <li key={c.id} className="flex flex-wrap gap-x-3">
                  <span>{c.providerName ?? c.providerId}</span>
                  <Badge tone="neutral">{describeStatus(c.status).label}</Badge>
                  <span className="text-slate-500">
                    connected {formatDateTime(c.createdAt, timeZone)}
                    {c.disconnectedAt
                      ? ` · disconnected ${formatDateTime(c.disconnectedAt, timeZone)}`
                      : ""}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </Card>
  );
}
