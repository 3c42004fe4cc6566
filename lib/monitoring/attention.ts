import "server-only";
import {
  getCurrentMonitoringState,
  getCurrentMonitoringStates,
  setEmployerAttention,
  setEmployersAttention,
} from "@/db/queries/monitoring";
import type { MonitoringState } from "@/db/queries/monitoring";
import { env } from "@/lib/env";
import {
  attentionInstants,
  attentionSchedule,
  type AttentionInstants,
} from "@/lib/status/attention";
import { slaAlerts, type Alert, type SlaInput } from "@/lib/status/sla";
import type { ProductGroup } from "@/lib/status/products";

function slaInput(state: MonitoringState, timeZone: string): Omit<SlaInput, "now"> {
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
  return {
    status: connection.status,
    statusChangedAt: connection.statusChangedAt,
    assisted: connection.assisted,
    products: connection.products,
    verifiedAt: connection.permissionsVerifiedAt,
    readyAtByGroup,
    freshnessByProduct,
    timeZone,
  };
}

/** The SLA alerts for one connection's current records, at `now`. */
export function alertsForState(state: MonitoringState, now: Date, timeZone: string): Alert[] {
  return slaAlerts({ ...slaInput(state, timeZone), now });
}

/**
 * Recomputes and stores when each of the employer's alerts begins. Called whenever a record the
 * rules read changes (status, readiness, freshness); the passing of time needs no call at all.
 */
export async function refreshEmployerAttention({
  employerId,
}: {
  employerId: string;
  /** Kept for callers that pass the moment of the change; the instants do not depend on it. */
  now?: Date;
}): Promise<AttentionInstants> {
  const state = await getCurrentMonitoringState({ employerId });
  const instants = attentionInstants(
    state ? attentionSchedule(slaInput(state, env().timeZone)) : null,
  );
  await setEmployerAttention({ employerId, instants });
  return instants;
}

/**
 * refreshEmployerAttention for many employers at once (a sweep's batch of checks): four
 * statements for the whole batch instead of four per employer.
 */
export async function refreshEmployersAttention({
  employerIds,
}: {
  employerIds: string[];
  /** Kept for symmetry with refreshEmployerAttention; the instants do not depend on it. */
  now?: Date;
}): Promise<void> {
  const unique = [...new Set(employerIds)];
  if (!unique.length) return;
  const states = await getCurrentMonitoringStates({ employerIds: unique });
  const { timeZone } = env();
  await setEmployersAttention(
    unique.map((employerId) => {
      const state = states.get(employerId);
      return {
        employerId,
        instants: attentionInstants(state ? attentionSchedule(slaInput(state, timeZone)) : null),
      };
    }),
  );
}
