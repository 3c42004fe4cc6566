/**
 * Provider incidents: when many connections of one provider start failing within a short
 * window, that is one incident (the provider, or Finch's integration with it, is down), not a
 * flood of separate issues. Pure: counts come from the database, the decision is made here.
 */

export const INCIDENT_WINDOW_MS = 30 * 60_000;
export const INCIDENT_MIN_CONNECTIONS = 3;

export interface ProviderFailures {
  providerId: string;
  /** Distinct connections of this provider whose failure issue opened within the window. */
  recentFailures: number;
  /** Open failure issues of this provider right now, whenever they opened. */
  openFailures: number;
  /** The provider's open incident, if any. */
  openIncidentId: string | null;
}

export type IncidentChange =
  | { type: "open"; providerId: string; connections: number }
  | { type: "update"; providerId: string; incidentId: string; connections: number }
  | { type: "resolve"; providerId: string; incidentId: string };

export function planIncidentChanges(
  providers: readonly ProviderFailures[],
  { minConnections = INCIDENT_MIN_CONNECTIONS } = {},
): IncidentChange[] {
  const changes: IncidentChange[] = [];
  for (const p of providers) {
    if (p.openIncidentId) {
      changes.push(
        p.openFailures === 0
          ? { type: "resolve", providerId: p.providerId, incidentId: p.openIncidentId }
          : {
              type: "update",
              providerId: p.providerId,
              incidentId: p.openIncidentId,
              connections: p.openFailures,
            },
      );
    } else if (p.recentFailures >= minConnections) {
      changes.push({ type: "open", providerId: p.providerId, connections: p.openFailures });
    }
  }
  return changes;
}
