import type { EmployerRowDetails } from "@/db/queries/employer-list";
import type { Employer } from "@/db/schema";
import { configurationDay } from "@/lib/monitoring/configuration-day";
import { kindsDueFromInstants } from "@/lib/status/attention";
import { describeStatus, type StatusTone } from "@/lib/status/catalogue";
import { entitySummary } from "@/lib/status/entities";
import { formatDate, formatDateTime, relativeTime } from "@/lib/status/relative-time";
import { ALERT_LABELS } from "@/lib/status/sla";

/** An instant as a cell shows it: the words, the exact local time on hover, the ISO form. */
export interface ShownInstant {
  iso: string;
  text: string;
  title: string;
}

/**
 * One row of the employer list, every word already decided: what crosses to the browser is this
 * small record, not a tree of elements per cell (the page renders 50 of them per request).
 */
export interface EmployerListRow {
  id: string;
  name: string;
  customerId: string;
  status: { status: string; label: string; tone: StatusTone; description: string } | null;
  entities: string | null;
  statusChanged: ShownInstant | null;
  provider: string | null;
  kind: "Assisted" | "Automated" | null;
  expectedReady: ShownInstant | null;
  configurationDay: string | null;
  lastRetrieved: ShownInstant | null;
  owner: string | null;
  alerts: string[];
}

export interface EmployerListRowInput {
  employer: Pick<
    Employer,
    | "id"
    | "name"
    | "customerId"
    | "connectionStatus"
    | "statusChangedAt"
    | "providerId"
    | "assisted"
    | "expectedReadyAt"
    | "lastRetrievedAt"
    | "attentionAt"
    | "pendingTooLongAt"
    | "configurationOverdueAt"
    | "employerActionNeededAt"
    | "reauthNeededAt"
    | "staleDataAt"
  >;
  details?: EmployerRowDetails;
  providerLabel: (providerId: string) => string;
  now: Date;
  timeZone: string;
}

function relative(at: Date | null, now: Date, timeZone: string): ShownInstant | null {
  return at
    ? { iso: at.toISOString(), text: relativeTime(at, now), title: formatDateTime(at, timeZone) }
    : null;
}

/** The employer list's row for one employer. */
export function employerListRow({
  employer,
  details,
  providerLabel,
  now,
  timeZone,
}: EmployerListRowInput): EmployerListRow {
  const status = employer.connectionStatus ? describeStatus(employer.connectionStatus) : null;
  const connection = details?.connection;
  return {
    id: employer.id,
    name: employer.name,
    customerId: employer.customerId,
    status: status
      ? {
          status: status.status,
          label: status.label,
          tone: status.tone,
          description: status.description,
        }
      : null,
    entities: details?.entities ? entitySummary(details.entities) : null,
    statusChanged: relative(employer.statusChangedAt, now, timeZone),
    provider: employer.providerId ? providerLabel(employer.providerId) : null,
    kind: employer.assisted === null ? null : employer.assisted ? "Assisted" : "Automated",
    expectedReady: employer.expectedReadyAt
      ? {
          iso: employer.expectedReadyAt.toISOString(),
          text: formatDate(employer.expectedReadyAt, timeZone),
          title: formatDateTime(employer.expectedReadyAt, timeZone),
        }
      : null,
    configurationDay: connection ? configurationDay({ ...connection, now, timeZone }) : null,
    lastRetrieved: relative(employer.lastRetrievedAt, now, timeZone),
    owner: details?.owner ? (details.owner.name ?? details.owner.email) : null,
    alerts: kindsDueFromInstants(employer, now).map((kind) => ALERT_LABELS[kind]),
  };
}
