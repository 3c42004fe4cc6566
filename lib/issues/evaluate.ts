import "server-only";
import { listOpenOrFailedChanges } from "@/db/queries/deduction-changes";
import { getEmployerById } from "@/db/queries/employers";
import { getSetting, putSetting } from "@/db/queries/settings";
import {
  applyIncidentChange,
  getEmployerOwner,
  getOpenIncidentProviders,
  listIssueCandidateEmployerIds,
  providerFailureCounts,
  updateEmployerIssues,
  type AppliedIssueChange,
} from "@/db/queries/issues";
import { getCurrentMonitoringState, type MonitoringState } from "@/db/queries/monitoring";
import { enqueueDeliveries } from "@/db/queries/notifications";
import type { NewNotificationDelivery, NotificationChannel } from "@/db/schema";
import { env } from "@/lib/env";
import { INCIDENT_WINDOW_MS, planIncidentChanges } from "@/lib/issues/incidents";
import {
  FAILURE_KINDS,
  conditionsFromAlerts,
  isIssueKind,
  type Condition,
} from "@/lib/issues/kinds";
import { isSnoozed, noticeFor, planIssueChanges, type IssueNotice } from "@/lib/issues/lifecycle";
import { writeBackConditions } from "@/lib/issues/write-back";
import { alertsForState } from "@/lib/monitoring/attention";
import { incidentMessages, issueMessages } from "@/lib/notifications/compose";
import type { NotificationSettings } from "@/lib/notifications/settings";
import { getNotificationSettings } from "@/lib/notifications/store";

const CURSOR_KEY = "issues.evaluation_cursor";

/** Conditions true for one connection at `now`, from one family of rules. */
export type ConditionSource = (
  state: MonitoringState,
  now: Date,
  timeZone: string,
) => Condition[] | Promise<Condition[]>;

/**
 * Every rule family that raises issues: the SLA rules (lib/status/sla.ts, via
 * lib/monitoring/attention.ts), and the deduction write-back rules (lib/issues/write-back.ts),
 * which read the connection's open and failed changes. A new source also needs its employers
 * among `listIssueCandidateEmployerIds`, or a pass never visits them.
 */
export const ISSUE_CONDITION_SOURCES: ConditionSource[] = [
  (state, now, timeZone) => conditionsFromAlerts(alertsForState(state, now, timeZone)),
  async (state, now) =>
    writeBackConditions({
      changes: await listOpenOrFailedChanges({
        employerId: state.connection.employerId,
        connectionId: state.connection.id,
      }),
      now,
    }),
];

async function conditionsFor(state: MonitoringState, now: Date): Promise<Condition[]> {
  const lists = await Promise.all(
    ISSUE_CONDITION_SOURCES.map((source) => source(state, now, env().timeZone)),
  );
  return lists.flat();
}

interface PendingNotice {
  applied: AppliedIssueChange;
  notice: IssueNotice;
}

/** Re-decides one employer's issues at `now`; returns the notices its changes call for. */
async function evaluateEmployer(employerId: string, now: Date): Promise<PendingNotice[]> {
  const state = await getCurrentMonitoringState({ employerId });
  const live = state && !state.connection.disconnectedAt ? state : undefined;
  const conditions = live ? await conditionsFor(live, now) : [];
  const applied = await updateEmployerIssues({
    employerId,
    connection: live ? { id: live.connection.id, providerId: live.connection.providerId } : null,
    now,
    plan: (issues, current) => planIssueChanges({ conditions: current ? conditions : [], issues }),
  });
  const notices: PendingNotice[] = [];
  for (const change of applied) {
    const notice = noticeFor(change.change);
    if (notice) notices.push({ applied: change, notice });
  }
  return notices;
}

async function enqueueIssueNotices(
  notices: PendingNotice[],
  settings: NotificationSettings,
  now: Date,
): Promise<number> {
  if (!notices.length) return 0;
  const incidentProviders = await getOpenIncidentProviders();
  const rows: NewNotificationDelivery[] = [];
  const employerNames = new Map<string, string>();
  for (const { applied, notice } of notices) {
    const { issue } = applied;
    // A snoozed issue stays quiet; one that is part of a provider incident is told as the incident.
    if (notice !== "opened" && isSnoozed(issue, now)) continue;
    const grouped =
      (issue.providerId && incidentProviders.has(issue.providerId)) || issue.incidentId;
    if (grouped && (FAILURE_KINDS as readonly string[]).includes(issue.kind)) continue;
    const channels = isIssueKind(issue.kind) ? settings.routes[issue.kind] : ["webhook" as const];
    if (!channels.length) continue;
    if (!employerNames.has(issue.employerId)) {
      const employer = await getEmployerById({ id: issue.employerId });
      employerNames.set(issue.employerId, employer?.name ?? "Unknown employer");
    }
    const owner = channels.includes("email")
      ? await getEmployerOwner({ employerId: issue.employerId })
      : undefined;
    rows.push(
      ...issueMessages({
        issue: { ...issue, employerName: employerNames.get(issue.employerId)! },
        notice,
        channels,
        emailTo: owner?.email ?? settings.ownerEmail,
        publicUrl: env().publicUrl,
        now,
      }),
    );
  }
  return (await enqueueDeliveries(rows)).length;
}

function incidentChannels(settings: NotificationSettings): NotificationChannel[] {
  return [...new Set(FAILURE_KINDS.flatMap((kind) => settings.routes[kind]))];
}

export interface IssueEvaluationReport {
  employers: number;
  opened: number;
  reopened: number;
  resolved: number;
  escalated: number;
  incidentsOpened: number;
  incidentsResolved: number;
  enqueued: number;
}

/**
 * Brings issues and provider incidents up to date at `now` and enqueues the notices. Covers
 * every employer the attention rules flag or that has an open issue (keyset-paged, so any
 * number), or only `employerIds`. Safe to run on several instances at once: issue changes are
 * serialised per employer and every message has a unique delivery key.
 */
export async function evaluateIssues({
  now,
  employerIds,
  pageSize = 200,
  budgetMs,
}: {
  now: Date;
  employerIds?: string[];
  pageSize?: number;
  /**
   * Wall-clock time a full pass may take. When it runs out the pass stops after the current
   * page and the next run resumes after the last employer visited (a stored cursor), so a
   * large fleet is covered round-robin without overrunning the cron's time limit.
   */
  budgetMs?: number;
}): Promise<IssueEvaluationReport> {
  const started = Date.now();
  const settings = await getNotificationSettings();
  const report: IssueEvaluationReport = {
    employers: 0,
    opened: 0,
    reopened: 0,
    resolved: 0,
    escalated: 0,
    incidentsOpened: 0,
    incidentsResolved: 0,
    enqueued: 0,
  };
  const notices: PendingNotice[] = [];
  const visit = async (ids: string[]) => {
    for (const id of ids) {
      report.employers += 1;
      notices.push(...(await evaluateEmployer(id, now)));
    }
  };
  if (employerIds) {
    await visit(employerIds);
  } else {
    const resumeAfter = (await getSetting<{ after: string | null }>({ key: CURSOR_KEY }))?.after;
    for (let after = resumeAfter ?? undefined; ;) {
      const page = await listIssueCandidateEmployerIds({ after, limit: pageSize, now });
      await visit(page);
      if (page.length < pageSize) {
        // The end of the fleet: the next pass starts from the beginning.
        if (resumeAfter) await putSetting({ key: CURSOR_KEY, value: { after: null } });
        break;
      }
      after = page[page.length - 1];
      if (budgetMs !== undefined && Date.now() - started >= budgetMs) {
        await putSetting({ key: CURSOR_KEY, value: { after } });
        break;
      }
    }
  }
  for (const { applied, notice } of notices) {
    const type = applied.change.type;
    if (type === "open") report.opened += 1;
    else if (type === "reopen") report.reopened += 1;
    else if (type === "resolve") report.resolved += 1;
    else if (notice === "escalated") report.escalated += 1;
  }

  // Incidents before issue notices, so a burst of failures at one provider is told once.
  const incidentRows: NewNotificationDelivery[] = [];
  const counts = await providerFailureCounts({
    since: new Date(now.getTime() - INCIDENT_WINDOW_MS),
    kinds: FAILURE_KINDS,
  });
  for (const change of planIncidentChanges(counts)) {
    const result = await applyIncidentChange({ change, kinds: FAILURE_KINDS, now });
    if (!result || (!result.created && !result.resolved)) continue;
    if (result.created) report.incidentsOpened += 1;
    else report.incidentsResolved += 1;
    incidentRows.push(
      ...incidentMessages({
        incidentId: result.incident.id,
        providerId: result.incident.providerId,
        connections: result.incident.connections,
        opened: result.created,
        channels: incidentChannels(settings),
        emailTo: settings.ownerEmail,
        publicUrl: env().publicUrl,
        now,
      }),
    );
  }
  report.enqueued += (await enqueueDeliveries(incidentRows)).length;
  report.enqueued += await enqueueIssueNotices(notices, settings, now);
  return report;
}
