/**
 * Connection lifecycle as pure functions of (connection record, time). Nothing here reads a
 * clock or mutates state, so `tick()` can replay any window — even 30 days at once — and emit
 * every transition in chronological order.
 */
import { groupsOf, type ProductGroup } from "./products";
import type { AuthMethod, JobCompletion, ReportedStatus, StatusEvent } from "./records";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Assisted configuration periods, counted from the moment permissions are verified. */
export const CONFIGURATION_PERIOD_MS: Record<ProductGroup, number> = {
  organization: 14 * DAY_MS,
  payroll: 14 * DAY_MS,
  deductions: 7 * DAY_MS,
};

export function refreshIntervalMs(authMethod: AuthMethod): number {
  return authMethod === "assisted" ? 7 * DAY_MS : DAY_MS;
}

export interface LifecycleSubject {
  authMethod: AuthMethod;
  createdAt: number;
  products: readonly string[];
  statusEvents: readonly StatusEvent[];
  /** An assisted configuration that runs late: every group is ready this much later. */
  configurationDelayMs?: number;
}

export interface RefreshJob {
  completedAt: number;
  completion: JobCompletion;
}

export interface LifecycleState {
  status: ReportedStatus;
  /** First moment of `processing` (or a forced `connected`): the configuration periods start here. */
  verifiedAt: number | null;
  /** When each requested group is (or will be) ready, as far as is known at the evaluated time. */
  readyAt: Partial<Record<ProductGroup, number>>;
}

const STATUSES_THAT_BLOCK_SYNC = new Set<ReportedStatus>([
  "reauth",
  "error_permissions",
  "error_no_account_setup",
  "disconnected",
]);

export function initialStatusEvents(
  authMethod: AuthMethod,
  createdAt: number,
  assisted: {
    pendingMs: number;
    outcome: "processing" | "error_no_account_setup" | "error_permissions";
  },
): StatusEvent[] {
  if (authMethod !== "assisted") return [{ at: createdAt, status: "connected" }];
  return [
    { at: createdAt, status: "pending" },
    { at: createdAt + assisted.pendingMs, status: assisted.outcome, scheduled: true },
  ];
}

export function lifecycleAt(subject: LifecycleSubject, t: number): LifecycleState {
  const assisted = subject.authMethod === "assisted";
  let sticky: ReportedStatus | null = null;
  let verifiedAt: number | null = null;
  let forcedReadyAt: number | null = null;
  for (const event of subject.statusEvents) {
    if (event.at > t) continue;
    switch (event.status) {
      case "resume":
        sticky = null;
        break;
      case "processing":
        if (assisted) {
          verifiedAt ??= event.at;
          sticky = null;
        } else {
          sticky = "processing";
        }
        break;
      case "connected":
        if (assisted) {
          verifiedAt ??= event.at;
          forcedReadyAt ??= event.at;
        }
        sticky = null;
        break;
      default:
        sticky = event.status;
    }
  }

  const groups = groupsOf(subject.products);
  const readyAt: Partial<Record<ProductGroup, number>> = {};
  for (const group of groups) {
    if (!assisted) readyAt[group] = subject.createdAt;
    else if (verifiedAt !== null) {
      readyAt[group] = Math.min(
        verifiedAt + CONFIGURATION_PERIOD_MS[group] + (subject.configurationDelayMs ?? 0),
        forcedReadyAt ?? Infinity,
      );
    }
  }

  let status: ReportedStatus;
  if (sticky) status = sticky;
  else if (!assisted) status = "connected";
  else if (verifiedAt === null) status = "pending";
  else status = groups.every((g) => (readyAt[g] ?? Infinity) <= t) ? "connected" : "processing";
  return { status, verifiedAt, readyAt };
}

export function isGroupReady(state: LifecycleState, group: ProductGroup, t: number): boolean {
  return (state.readyAt[group] ?? Infinity) <= t;
}

export function groupReadyAt(
  subject: LifecycleSubject,
  group: ProductGroup,
  t: number,
): number | null {
  const at = lifecycleAt(subject, t).readyAt[group];
  return at !== undefined && at <= t ? at : null;
}

export type DataAccess =
  | { kind: "ok" }
  | { kind: "pending" }
  | {
      kind: "blocked";
      status: "reauth" | "error_permissions" | "error_no_account_setup" | "disconnected";
    };

/** What a data endpoint of `group` answers at `t`: data, 202 (still configuring), or an error status. */
export function dataAccessAt(
  subject: LifecycleSubject,
  group: ProductGroup,
  t: number,
): DataAccess {
  const state = lifecycleAt(subject, t);
  if (
    state.status === "reauth" ||
    state.status === "error_permissions" ||
    state.status === "error_no_account_setup" ||
    state.status === "disconnected"
  ) {
    return { kind: "blocked", status: state.status };
  }
  return isGroupReady(state, group, t) ? { kind: "ok" } : { kind: "pending" };
}

export type Transition =
  | { at: number; type: "status"; status: ReportedStatus }
  | { at: number; type: "group_ready"; group: ProductGroup };

/** Every status change and group readiness in the window (from, to], oldest first. */
export function transitionsBetween(
  subject: LifecycleSubject,
  from: number,
  to: number,
): Transition[] {
  if (to <= from) return [];
  const candidates = new Set<number>();
  for (const event of subject.statusEvents) {
    if (event.at > from && event.at <= to) candidates.add(event.at);
  }
  for (const at of Object.values(lifecycleAt(subject, to).readyAt)) {
    if (at !== undefined && at > from && at <= to) candidates.add(at);
  }
  const transitions: Transition[] = [];
  let previous = lifecycleAt(subject, from);
  let previousAt = from;
  for (const at of [...candidates].sort((a, b) => a - b)) {
    const current = lifecycleAt(subject, at);
    for (const group of groupsOf(subject.products)) {
      if (!isGroupReady(previous, group, previousAt) && isGroupReady(current, group, at)) {
        transitions.push({ at, type: "group_ready", group });
      }
    }
    if (current.status !== previous.status)
      transitions.push({ at, type: "status", status: current.status });
    previous = current;
    previousAt = at;
  }
  return transitions;
}

export interface Refresh {
  at: number;
  source: "initial" | "scheduled" | "job";
  success: boolean;
}

function syncSucceedsAt(subject: LifecycleSubject, at: number): boolean {
  return !STATUSES_THAT_BLOCK_SYNC.has(lifecycleAt(subject, at).status);
}

/** How far back to look for a successful scheduled sync; about three years of daily syncs. */
const MAX_SCHEDULED_LOOKBACK = 1200;

/** Every refresh attempt of `group` in (from, to], oldest first (scheduled syncs and data_sync_all jobs). */
export function refreshesBetween(
  subject: LifecycleSubject,
  jobs: readonly RefreshJob[],
  group: ProductGroup,
  from: number,
  to: number,
): Refresh[] {
  const readyAt = groupReadyAt(subject, group, to);
  if (readyAt === null) return [];
  const interval = refreshIntervalMs(subject.authMethod);
  const refreshes: Refresh[] = [];
  const firstK = Math.max(1, Math.floor((from - readyAt) / interval) + 1);
  const lastK = Math.floor((to - readyAt) / interval);
  for (let k = Math.max(firstK, lastK - MAX_SCHEDULED_LOOKBACK); k <= lastK; k++) {
    const at = readyAt + k * interval;
    if (at > from)
      refreshes.push({ at, source: "scheduled", success: syncSucceedsAt(subject, at) });
  }
  for (const job of jobs) {
    if (job.completedAt > from && job.completedAt <= to && job.completedAt >= readyAt) {
      refreshes.push({
        at: job.completedAt,
        source: "job",
        success: job.completion === "complete" && syncSucceedsAt(subject, job.completedAt),
      });
    }
  }
  return refreshes.sort((a, b) => a.at - b.at);
}

/** The latest successful sync of `group` at or before `t` — what `Finch-Data-Retrieved` reports. */
export function lastSuccessfulRefresh(
  subject: LifecycleSubject,
  jobs: readonly RefreshJob[],
  group: ProductGroup,
  t: number,
): Refresh | null {
  const readyAt = groupReadyAt(subject, group, t);
  if (readyAt === null) return null;
  let best: Refresh = { at: readyAt, source: "initial", success: true };
  const interval = refreshIntervalMs(subject.authMethod);
  const lastK = Math.floor((t - readyAt) / interval);
  for (let k = lastK; k >= 1 && k > lastK - MAX_SCHEDULED_LOOKBACK; k--) {
    const at = readyAt + k * interval;
    if (syncSucceedsAt(subject, at)) {
      best = { at, source: "scheduled", success: true };
      break;
    }
  }
  for (const job of jobs) {
    const at = job.completedAt;
    if (
      at <= t &&
      at >= readyAt &&
      at > best.at &&
      job.completion === "complete" &&
      syncSucceedsAt(subject, at)
    ) {
      best = { at, source: "job", success: true };
    }
  }
  return best;
}

/** The latest sync attempt of `group` at or before `t`, successful or not. */
export function lastRefreshAttempt(
  subject: LifecycleSubject,
  jobs: readonly RefreshJob[],
  group: ProductGroup,
  t: number,
): Refresh | null {
  const readyAt = groupReadyAt(subject, group, t);
  if (readyAt === null) return null;
  const interval = refreshIntervalMs(subject.authMethod);
  const lastK = Math.floor((t - readyAt) / interval);
  let latest: Refresh =
    lastK >= 1
      ? {
          at: readyAt + lastK * interval,
          source: "scheduled",
          success: syncSucceedsAt(subject, readyAt + lastK * interval),
        }
      : { at: readyAt, source: "initial", success: true };
  for (const job of jobs) {
    if (job.completedAt <= t && job.completedAt >= readyAt && job.completedAt > latest.at) {
      latest = {
        at: job.completedAt,
        source: "job",
        success: job.completion === "complete" && syncSucceedsAt(subject, job.completedAt),
      };
    }
  }
  return latest;
}

export const STATUS_MESSAGES: Record<ReportedStatus, string> = {
  pending: "The employer has created a token, and we are waiting for access to its provider.",
  processing:
    "We have received an invitation from the employer's provider with the correct permissions and are in the process of pulling their data for the first time.",
  connected: "The connection is set up and Finch is able to access the required data.",
  error_no_account_setup:
    "The employer has created a token, but we have not received an invitation to its system. Please instruct the employer to follow the instructions in Finch Connect to add Finch as a third-party admin.",
  error_permissions:
    "The employer has added Finch successfully, but with improper permissions. Please instruct the employer to re-add Finch following the instructions in Finch Connect.",
  reauth:
    "The employer's credentials are no longer valid. Please ask the employer to re-authenticate through Finch Connect.",
  disconnected: "All accounts for this employer have been disconnected.",
};
