/**
 * SLA alerts shown on the overview. Severities:
 * - pending_too_long: warning after more than 1 business day pending (Finch's stated
 *   turnaround), critical after more than 3.
 * - employer_action_needed: warning, critical once the status has lasted more than
 *   3 business days — nothing moves until the employer acts, so a stall needs a chase.
 * - reauth_needed: always critical; a live connection has stopped returning data.
 * - configuration_overdue: warning, critical when overdue by more than 3 days.
 * - stale_data: warning, critical once a second refresh has been missed
 *   (older than two cadences plus the grace period).
 * A disconnected connection raises nothing. Alerts come critical first, then in the
 * order above.
 */

import { businessDaysBetween } from "@/lib/status/calendar";
import { describeStatus, normalizeStatus } from "@/lib/status/catalogue";
import { connectionCountdowns } from "@/lib/status/countdown";
import { DEFAULT_GRACE, freshness } from "@/lib/status/freshness";
import { productLabel, type ProductGroup } from "@/lib/status/products";
import { formatDate } from "@/lib/status/relative-time";

export type AlertKind =
  | "pending_too_long"
  | "configuration_overdue"
  | "employer_action_needed"
  | "reauth_needed"
  | "stale_data";

export type AlertSeverity = "warning" | "critical";

export interface Alert {
  kind: AlertKind;
  severity: AlertSeverity;
  title: string;
  detail: string;
  since: Date | null;
  ageMs: number | null;
  group?: ProductGroup;
  product?: string;
}

export const ALERT_LABELS: Record<AlertKind, string> = {
  pending_too_long: "Pending too long",
  configuration_overdue: "Configuration overdue",
  employer_action_needed: "Employer action needed",
  reauth_needed: "Re-authentication needed",
  stale_data: "Stale data",
};

/** Business days a pending or employer-blocked status may last before escalating. */
const CRITICAL_AFTER_BUSINESS_DAYS = 3;
const CRITICAL_OVERDUE_DAYS = 3;

export interface ProductFreshnessRecord {
  retrievedAt: Date | null;
  lastAttemptAt: Date | null;
  lastAttemptResult: string | null;
}

export interface SlaInput {
  status: string;
  statusChangedAt: Date;
  assisted: boolean;
  products: readonly string[];
  verifiedAt: Date | null;
  readyAtByGroup: Partial<Record<ProductGroup, Date | null>>;
  freshnessByProduct: Record<string, ProductFreshnessRecord>;
  now: Date;
  timeZone: string;
}

function statusAlerts(input: SlaInput, status: string): Alert[] {
  const { statusChangedAt, now, timeZone } = input;
  const since = statusChangedAt;
  const ageMs = now.getTime() - since.getTime();
  const businessDays = businessDaysBetween(since, now, timeZone);
  const escalated = businessDays > CRITICAL_AFTER_BUSINESS_DAYS;
  const info = describeStatus(status);

  if (status === "pending" && businessDays > 1) {
    return [
      {
        kind: "pending_too_long",
        severity: escalated ? "critical" : "warning",
        title: "Pending for more than 1 business day",
        detail: `Pending since ${formatDate(since, timeZone)}. ${info.opsAction}`,
        since,
        ageMs,
      },
    ];
  }
  if (status === "error_no_account_setup" || status === "error_permissions") {
    return [
      {
        kind: "employer_action_needed",
        severity: escalated ? "critical" : "warning",
        title: info.label,
        detail: info.opsAction,
        since,
        ageMs,
      },
    ];
  }
  if (status === "reauth") {
    return [
      {
        kind: "reauth_needed",
        severity: "critical",
        title: info.label,
        detail: info.opsAction,
        since,
        ageMs,
      },
    ];
  }
  return [];
}

function configurationAlerts(input: SlaInput): Alert[] {
  return connectionCountdowns(input)
    .filter((countdown) => countdown.phase === "overdue")
    .map((countdown) => ({
      kind: "configuration_overdue",
      severity: (countdown.overdueDays ?? 0) > CRITICAL_OVERDUE_DAYS ? "critical" : "warning",
      title: `${countdown.label} configuration overdue`,
      detail: `${countdown.summary}. Ask Finch support for an update on this connection.`,
      since: countdown.expectedReadyAt,
      ageMs: countdown.expectedReadyAt
        ? input.now.getTime() - countdown.expectedReadyAt.getTime()
        : null,
      group: countdown.group,
    }));
}

function staleDataAlerts(input: SlaInput): Alert[] {
  const { assisted, products, freshnessByProduct, now } = input;
  const alerts: Alert[] = [];
  for (const product of products) {
    const record = freshnessByProduct[product];
    if (!record) continue;
    const report = freshness({ ...record, assisted, now });
    if (report.state !== "stale" || !record.retrievedAt || report.ageMs === null) continue;
    const grace = DEFAULT_GRACE[assisted ? "assisted" : "automated"];
    alerts.push({
      kind: "stale_data",
      severity: report.ageMs > 2 * report.cadenceMs + grace ? "critical" : "warning",
      title: `${productLabel(product)} data is stale`,
      detail: report.summary,
      since: record.retrievedAt,
      ageMs: report.ageMs,
      product,
    });
  }
  return alerts;
}

export function slaAlerts(input: SlaInput): Alert[] {
  const status = normalizeStatus(input.status);
  if (status === "disconnected") return [];
  const alerts = [
    ...statusAlerts(input, status),
    ...configurationAlerts(input),
    ...staleDataAlerts(input),
  ];
  const rank = (alert: Alert) => (alert.severity === "critical" ? 0 : 1);
  // Array#sort is stable, so alerts of equal severity keep the rule order.
  return alerts.sort((a, b) => rank(a) - rank(b));
}
