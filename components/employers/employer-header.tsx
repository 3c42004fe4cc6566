import Link from "next/link";
import { Suspense, type ComponentProps } from "react";
import { ArchiveButton } from "@/components/employers/archive-button";
import { ConnectActions } from "@/components/employers/connect-actions";
import { ConnectRedirectNotice } from "@/components/employers/connect-redirect-notice";
import { RefreshStatusButton } from "@/components/monitoring/refresh-status-button";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import type { Connection, Employer } from "@/db/schema";
import { employerPageActions } from "@/lib/employers/page-actions";
import { env } from "@/lib/env";
import { getConnectDefaults, SESSION_LIFETIMES } from "@/lib/onboarding/defaults";
import { cachedProviders } from "@/lib/onboarding/providers";
import { hasRole, type SessionUser } from "@/lib/session";
import { describeStatus } from "@/lib/status/catalogue";

export interface EmployerHeaderProps {
  employer: Employer;
  connection: Connection | null;
  user: SessionUser;
}

function isLive(connection: Connection | null): connection is Connection {
  return Boolean(connection && connection.status !== "disconnected" && !connection.disconnectedAt);
}

/**
 * Name, status and the actions that fit the connection's state (lib/employers/page-actions):
 * Connect with Finch leads only without a live connection, Re-authenticate only when Finch asks
 * for it, Refresh status for a live one; edit and archive stay secondary.
 */
export async function EmployerHeader({ employer, connection, user }: EmployerHeaderProps) {
  const canAct = hasRole(user, "operator");
  const status = connection
    ? describeStatus(connection.status, { providerName: connection.providerName })
    : null;
  const { mode, finch } = env();
  const defaults = canAct ? await getConnectDefaults() : null;
  const live = isLive(connection) && Boolean(connection.accessTokenCiphertext);
  const actions = employerPageActions(
    connection ? { status: connection.status, assisted: connection.assisted, live } : null,
  );
  const primary = actions.primary === "refresh" ? "other" : actions.primary;

  return (
    <div>
      <Suspense>
        <ConnectRedirectNotice />
      </Suspense>
      <PageHeader
        breadcrumb={<Link href="/employers">Employers</Link>}
        title={
          <span className="flex flex-wrap items-center gap-3">
            {employer.name}
            {status ? (
              <Badge tone={status.tone} data-testid="employer-status">
                {status.label}
              </Badge>
            ) : (
              <Badge data-testid="employer-status">Not connected</Badge>
            )}
            {employer.archivedAt ? <Badge tone="warning">Archived</Badge> : null}
          </span>
        }
        description={
          <>
            Customer id <span className="font-mono">{employer.customerId}</span>
            {employer.contactEmail ? <> · {employer.contactEmail}</> : null}
            {connection ? (
              <>
                {" "}
                · {connection.providerName ?? connection.providerId} (
                {connection.assisted ? "assisted" : "automated"})
              </>
            ) : null}
          </>
        }
        actions={
          canAct && defaults ? (
            <>
              <ArchiveButton employerId={employer.id} archived={Boolean(employer.archivedAt)} />
              <ButtonLink href={`/employers/${employer.id}/edit`} variant="secondary">
                Edit
              </ButtonLink>
              <ConnectActionsWithProviders
                primary={primary}
                employerId={employer.id}
                connectUrl={mode === "demo" ? null : finch.connectUrl}
                defaults={defaults}
                lifetimes={[...SESSION_LIFETIMES]}
                sandbox={mode === "sandbox" ? { default: finch.sandbox ?? null } : null}
                reauth={
                  isLive(connection) && actions.offered.includes("reauthenticate")
                    ? {
                        connectionId: connection.id,
                        providerName: connection.providerName ?? connection.providerId,
                        entityCount: connection.entityIds.length,
                      }
                    : null
                }
                disabledReason={
                  employer.archivedAt ? "Restore this employer before connecting it." : null
                }
              />
              {actions.offered.includes("refresh") ? (
                <RefreshStatusButton
                  employerId={employer.id}
                  variant={actions.primary === "refresh" ? "primary" : "secondary"}
                />
              ) : null}
            </>
          ) : null
        }
      />
    </div>
  );
}

type ConnectActionsProps = ComponentProps<typeof ConnectActions>;

/**
 * Finch's provider list (bounded by a short timeout) feeds the Connect dialog, so the rest of the
 * page renders without waiting for it; until it arrives the buttons show, disabled, so no
 * dialog opened early is lost when the loaded ones replace them.
 */
function ConnectActionsWithProviders(props: Omit<ConnectActionsProps, "providers">) {
  const loading = { ...props, disabledReason: props.disabledReason ?? "Loading…" };
  return (
    <Suspense fallback={<ConnectActions {...loading} providers={[]} />}>
      <ConnectActionsLoaded {...props} />
    </Suspense>
  );
}

async function ConnectActionsLoaded(props: Omit<ConnectActionsProps, "providers">) {
  const providers = await cachedProviders();
  return (
    <ConnectActions
      {...props}
      providers={providers.map((p) => ({ id: p.id, name: p.name, authMethods: p.authMethods }))}
    />
  );
}
