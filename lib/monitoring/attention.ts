import "server-only";
import {
  getCurrentMonitoringState,
  getCurrentMonitoringStates,
  setEmployerAttention,
  setEmployersAttention,
} from "@/db/queries/monitoring";
import type { MonitoringState } from "@/db/queries/monitoring";
import { env } from "@/lib/env";
import { slaAlerts, type Alert } from "@/lib/status/sla";
import type { ProductGroup } from "@/lib/status/products";

/** The SLA alerts for one connection's current records, at `now`. */
export function alertsForState(state: MonitoringState, now: Date, timeZone: string): Alert[] {
  const { connection, groups, products } = state;
  const readyAtByGroup: Partial<Record<ProductGroup, Date | null>> = {};
  for (const group of groups) readyAtByGroup[group.group as ProductGroup] = group.readyAt;
  const freshnessByProduct = Object.fromEntries(
    products.map((p) => [
      p.product,
      {
        retrievedAt: p.dataRetrievedAt,
        lastAttemptAt: p.lastAttemptedAt,
        lastAttemptResult: p.lastAttemptResult,
      },
    ]),
  );
  return slaAlerts({
    status: connection.status,
    statusChangedAt: connection.statusChangedAt,
    assisted: connection.assisted,
    products: connection.products,
    verifiedAt: connection.permissionsVerifiedAt,
    readyAtByGroup,
    freshnessByProduct,
    now,
    timeZone,
  });
}

/** What the employer row stores about its alerts: their kinds and since when the oldest holds. */
export function attentionOf(alerts: Alert[], now: Date): { kinds: string[]; since: Date | null } {
  const since = alerts.reduce<Date | null>(
    (earliest, alert) =>
      alert.since && (!earliest || alert.since < earliest) ? alert.since : earliest,
    null,
  );
  return { kinds: alerts.map((a) => a.kind), since: alerts.length ? (since ?? now) : null };
}

/** refreshEmployerAttention for many employers: four statements for the whole batch. */
export async function refreshEmployersAttention({
  employerIds,
  now,
}: {
  employerIds: string[];
  now: Date;
}): Promise<void> {
  const unique = [...new Set(employerIds)];
  if (!unique.length) return;
  const states = await getCurrentMonitoringStates({ employerIds: unique });
  const { timeZone } = env();
  await setEmployersAttention(
    unique.map((employerId) => {
      const state = states.get(employerId);
      const alerts = state ? alertsForState(state, now, timeZone) : [];
      return { employerId, ...attentionOf(alerts, now) };
    }),
  );
}

/** Recomputes and stores whether the employer needs attention, and why. */
export async function refreshEmployerAttention({
  employerId,
  now,
}: {
  employerId: string;
  now: Date;
}): Promise<Alert[]> {
  const state = await getCurrentMonitoringState({ employerId });
  const alerts = state ? alertsForState(state, now, env().timeZone) : [];
  await setEmployerAttention({ employerId, ...attentionOf(alerts, now) });
  return alerts;
}
