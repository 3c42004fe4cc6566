import { AlertList } from "@/components/monitoring/alert-list";
import { CountdownBars } from "@/components/monitoring/countdown-bars";
import { FreshnessRows } from "@/components/monitoring/freshness-rows";
import { StatusCard } from "@/components/monitoring/status-card";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getMonitoringState } from "@/db/queries/monitoring";
import type { Connection, Employer } from "@/db/schema";
import { env } from "@/lib/env";
import { alertsForState } from "@/lib/monitoring/attention";
import { hasRole, type SessionUser } from "@/lib/session";
import { connectionCountdowns } from "@/lib/status/countdown";
import type { ProductGroup } from "@/lib/status/products";

export interface ConnectionOverviewProps {
  employer: Employer;
  connection: Connection | null;
  now: Date;
  user: SessionUser;
}

/** The employer page's monitoring: status, alerts, configuration countdowns and data freshness. */
export async function ConnectionOverview({ connection, now, user }: ConnectionOverviewProps) {
  if (!connection) return null;
  const state = await getMonitoringState({ connectionId: connection.id });
  if (!state) return null;
  const { timeZone } = env();
  const alerts = alertsForState(state, now, timeZone);
  const readyAtByGroup: Partial<Record<ProductGroup, Date | null>> = {};
  for (const group of state.groups) readyAtByGroup[group.group as ProductGroup] = group.readyAt;
  const countdowns = connectionCountdowns({
    products: state.connection.products,
    assisted: state.connection.assisted,
    verifiedAt: state.connection.permissionsVerifiedAt,
    readyAtByGroup,
    now,
    timeZone,
  });
  const live = !state.connection.disconnectedAt && state.connection.accessTokenCiphertext;

  return (
    <section className="space-y-6" aria-label="Connection monitoring">
      <Card>
        <CardHeader
          title="Connection status"
          description={`Kept current by the status sweep and Finch's webhooks.${live && hasRole(user, "operator") ? " Refresh status (above) asks Finch now." : ""}`}
        />
        <CardBody>
          <StatusCard connection={state.connection} now={now} timeZone={timeZone} />
        </CardBody>
        {alerts.length ? (
          <div className="border-t border-slate-100">
            <AlertList items={alerts.map((alert) => ({ alert }))} now={now} timeZone={timeZone} />
          </div>
        ) : null}
      </Card>

      {state.connection.assisted ? (
        <Card>
          <CardHeader
            title="Configuration"
            description="Assisted connections take Finch up to 2 weeks per product group, counted from when the employer's permissions were verified."
          />
          <CardBody>
            {live ? (
              <CountdownBars
                countdowns={countdowns}
                noticedAtByGroup={Object.fromEntries(
                  state.groups.map((g) => [g.group, g.readyNoticedAt]),
                )}
                timeZone={timeZone}
              />
            ) : (
              <p className="text-sm text-slate-500" data-testid="countdowns-stopped">
                This connection is disconnected, so Finch is configuring nothing for it: no
                countdowns run. Connect the employer anew to start them again.
              </p>
            )}
          </CardBody>
        </Card>
      ) : null}

      <Card>
        <CardHeader
          title="Data freshness"
          description={`Finch refreshes ${state.connection.assisted ? "assisted connections every 7 days" : "automated connections every 24 hours"}; hover a time for the exact moment.`}
        />
        <CardBody className="py-2">
          <FreshnessRows
            products={state.connection.products}
            records={state.products}
            assisted={state.connection.assisted}
            now={now}
            timeZone={timeZone}
          />
        </CardBody>
      </Card>
    </section>
  );
}
