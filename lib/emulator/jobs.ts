import { randomUUID } from "node:crypto";
import { isoAt } from "./context";
import { uuidFrom } from "./data/random";
import { groupReadyAt, HOUR_MS, lifecycleAt, type RefreshJob } from "./lifecycle";
import type { ProductGroup } from "./products";
import type { ConnectionRecord, EmulatorState, JobCompletion, JobRecord } from "./records";

/** Finch's documented quota for `POST /jobs/automated`: one forced refresh per connection per clock hour. */
export const AUTOMATED_REFRESHES_PER_HOUR = 1;
/** Sandbox refresh jobs get a roomier quota so a test can edit and resync a few times in a row. */
export const SANDBOX_REFRESHES_PER_HOUR = 10;

/** How long a data_sync_all takes: Finch sandbox data syncs almost at once, a provider takes minutes. */
export function jobTimings(connection: ConnectionRecord): { startMs: number; completeMs: number } {
  return connection.connectionType === "finch"
    ? { startMs: 1_000, completeMs: 3_000 }
    : { startMs: 15_000, completeMs: 150_000 };
}

export type JobStatus =
  "pending" | "in_progress" | "complete" | "error" | "reauth_error" | "permissions_error";

export function jobStatusAt(
  job: Pick<JobRecord, "startedAt" | "completedAt" | "completion">,
  t: number,
): JobStatus {
  if (t < job.startedAt) return "pending";
  if (t < job.completedAt) return "in_progress";
  return job.completion;
}

export function jobsOf(state: EmulatorState, connectionId: string): JobRecord[] {
  return Object.values(state.jobs).filter((job) => job.connectionId === connectionId);
}

export function refreshJobsOf(state: EmulatorState, connectionId: string): RefreshJob[] {
  return jobsOf(state, connectionId);
}

export function runningJob(
  state: EmulatorState,
  connectionId: string,
  t: number,
): JobRecord | undefined {
  return jobsOf(state, connectionId).find((job) => !job.silent && t < job.completedAt);
}

export interface Quota {
  allowed: number;
  remaining: number;
  retryAt: number;
}

export function quotaAt(
  state: EmulatorState,
  connectionId: string,
  source: JobRecord["source"],
  t: number,
): Quota {
  const windowStart = Math.floor(t / HOUR_MS) * HOUR_MS;
  const allowed =
    source === "automated" ? AUTOMATED_REFRESHES_PER_HOUR : SANDBOX_REFRESHES_PER_HOUR;
  const used = jobsOf(state, connectionId).filter(
    (job) => job.source === source && job.createdAt >= windowStart && job.createdAt <= t,
  ).length;
  return { allowed, remaining: Math.max(0, allowed - used), retryAt: windowStart + HOUR_MS };
}

export function createJob(
  state: EmulatorState,
  connection: ConnectionRecord,
  source: JobRecord["source"],
  t: number,
): JobRecord {
  const timings = jobTimings(connection);
  const completion: JobCompletion =
    source === "sandbox" ? connection.sandboxJobCompletion : "complete";
  const job: JobRecord = {
    id: randomUUID(),
    connectionId: connection.id,
    source,
    createdAt: t,
    startedAt: t + timings.startMs,
    completedAt: t + timings.completeMs,
    completion,
  };
  state.jobs[job.id] = job;
  // A sandbox job configured to fail on credentials or permissions leaves the connection in that state.
  if (completion === "reauth_error")
    connection.statusEvents.push({ at: job.completedAt, status: "reauth" });
  if (completion === "permissions_error") {
    connection.statusEvents.push({ at: job.completedAt, status: "error_permissions" });
  }
  return job;
}

export interface JobView {
  job_id: string;
  job_url: string;
  type: "data_sync_all" | "w4_form_employee_sync";
  status: JobStatus;
  created_at: string;
  scheduled_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  params: { individual_id: string } | null;
}

export function jobUrl(apiBaseUrl: string, jobId: string): string {
  return `${apiBaseUrl}/jobs/automated/${jobId}`;
}

export function jobView(
  job: Pick<JobRecord, "id" | "createdAt" | "startedAt" | "completedAt" | "completion">,
  apiBaseUrl: string,
  t: number,
): JobView {
  return {
    job_id: job.id,
    job_url: jobUrl(apiBaseUrl, job.id),
    type: "data_sync_all",
    status: jobStatusAt(job, t),
    created_at: isoAt(job.createdAt),
    scheduled_at: null,
    started_at: t >= job.startedAt ? isoAt(job.startedAt) : null,
    completed_at: t >= job.completedAt ? isoAt(job.completedAt) : null,
    params: null,
  };
}

export const INITIAL_SYNC_GROUPS: ProductGroup[] = ["organization", "payroll"];

export function initialSyncJobId(connectionId: string, group: ProductGroup): string {
  return uuidFrom(`${connectionId}:initial-sync:${group}`);
}

/** The first sync of a group, as a completed job (its id travels in the `job.initial_data_sync_*` webhooks). */
export function initialSyncJobs(connection: ConnectionRecord, t: number): JobRecord[] {
  const state = lifecycleAt(connection, t);
  return INITIAL_SYNC_GROUPS.flatMap((group) => {
    const readyAt = groupReadyAt(connection, group, t);
    if (readyAt === null) return [];
    const startedAt =
      connection.authMethod === "assisted"
        ? Math.max(state.verifiedAt ?? readyAt, readyAt - HOUR_MS)
        : readyAt;
    return [
      {
        id: initialSyncJobId(connection.id, group),
        connectionId: connection.id,
        source: "automated" as const,
        createdAt: startedAt,
        startedAt,
        completedAt: readyAt,
        completion: "complete" as const,
      },
    ];
  });
}

export function findJob(
  state: EmulatorState,
  connection: ConnectionRecord,
  jobId: string,
  t: number,
): JobRecord | undefined {
  const stored = state.jobs[jobId];
  if (stored && stored.connectionId === connection.id && !stored.silent) return stored;
  return initialSyncJobs(connection, t).find((job) => job.id === jobId);
}
