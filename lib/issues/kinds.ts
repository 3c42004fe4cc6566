import { ALERT_LABELS, type Alert, type AlertKind } from "@/lib/status/sla";

/**
 * The kinds of issue Perch tracks. The first five come from the SLA rules in lib/status/sla.ts;
 * the write-back kinds are raised by the deduction write-back rules, which plug in through
 * `ISSUE_CONDITION_SOURCES` in lib/issues/evaluate.ts (see there).
 */
export const ISSUE_KINDS = [
  "pending_too_long",
  "configuration_overdue",
  "employer_action_needed",
  "reauth_needed",
  "stale_data",
  "write_back_failed",
  "write_back_overdue",
] as const;

export type IssueKind = (typeof ISSUE_KINDS)[number];
export type IssueSeverity = Alert["severity"];

export const ISSUE_KIND_LABELS: Record<IssueKind, string> = {
  ...(ALERT_LABELS as Record<AlertKind, string>),
  write_back_failed: "Write-back failed",
  write_back_overdue: "Write-back overdue",
};

/** Kinds where someone (the employer or ops) must act now, not just wait. */
export const MUST_ACT_KINDS: readonly IssueKind[] = [
  "employer_action_needed",
  "reauth_needed",
  "write_back_failed",
];

/** Kinds that mean a provider stopped working for a connection: what a provider incident groups. */
export const FAILURE_KINDS: readonly IssueKind[] = ["reauth_needed", "employer_action_needed"];

const WRITE_BACK_KINDS: readonly string[] = ["write_back_failed", "write_back_overdue"];

/** Where an issue's next step is taken: write-back issues open the employer's deduction changes. */
export function issueEmployerPath(employerId: string, kind: string): string {
  return WRITE_BACK_KINDS.includes(kind)
    ? `/employers/${employerId}?tab=deductions#deduction-changes`
    : `/employers/${employerId}`;
}

export function isIssueKind(value: string): value is IssueKind {
  return (ISSUE_KINDS as readonly string[]).includes(value);
}

/** A condition true for one connection at one moment: what an issue is opened from. */
export interface Condition {
  kind: IssueKind;
  severity: IssueSeverity;
  title: string;
  detail: string;
  since: Date | null;
}

const SEVERITY_RANK: Record<IssueSeverity, number> = { critical: 0, warning: 1 };

export function moreSevere(a: IssueSeverity, b: IssueSeverity): IssueSeverity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}

/**
 * One condition per kind: several stale products or overdue groups are one issue, at the
 * highest severity among them, seen since the earliest of them.
 */
export function conditionsFromAlerts(alerts: readonly Alert[]): Condition[] {
  const byKind = new Map<IssueKind, Condition>();
  for (const alert of alerts) {
    const existing = byKind.get(alert.kind);
    if (!existing) {
      byKind.set(alert.kind, {
        kind: alert.kind,
        severity: alert.severity,
        title: alert.title,
        detail: alert.detail,
        since: alert.since,
      });
      continue;
    }
    existing.severity = moreSevere(existing.severity, alert.severity);
    existing.title = `${existing.title}; ${alert.title}`;
    existing.detail = `${existing.detail} ${alert.detail}`;
    if (alert.since && (!existing.since || alert.since < existing.since)) {
      existing.since = alert.since;
    }
  }
  return [...byKind.values()];
}
