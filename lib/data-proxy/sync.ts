import "server-only";
import { listEvents, recordEvent } from "@/db/queries/events";
import type { Connection } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { accessTokenFor } from "@/lib/connections/access-token";
import { AppError } from "@/lib/errors";
import { fetchSyncOverview, requestDataSync, type SyncQuota } from "@/lib/finch/data";
import type { FinchSyncJob } from "@/lib/finch/types";
import { formatDateTime } from "@/lib/status/relative-time";

/**
 * On-demand syncs (`jobs.automated.create`). Finch offers them to automated connections only;
 * assisted data is refreshed by Finch's team every 7 days. Finch tells us when the next forced
 * sync is allowed only in its answers, so we keep that in the `sync.requested` event.
 */

export const ASSISTED_SYNC_EXPLANATION =
  "Finch refreshes assisted connections every 7 days; on-demand syncs are not available for them.";

export interface SyncState {
  kind: "automated";
  allowedRefreshes: number | null;
  remainingRefreshes: number | null;
  nextAllowedAt: Date | null;
  latestJob: Pick<FinchSyncJob, "job_id" | "status" | "created_at" | "completed_at"> | null;
  unavailable: string | null;
}

export type SyncPanelState = SyncState | { kind: "assisted"; reason: string } | { kind: "none" };

export async function syncPanelState(connection: Connection): Promise<SyncPanelState> {
  if (!connection.accessTokenCiphertext || connection.status === "disconnected") {
    return { kind: "none" };
  }
  if (connection.assisted) return { kind: "assisted", reason: ASSISTED_SYNC_EXPLANATION };
  const [overview, lastRequest, now] = await Promise.all([
    fetchSyncOverview(accessTokenFor(connection)),
    listEvents({ employerId: connection.employerId, type: "sync.requested", limit: 1 }),
    appNow(),
  ]);
  const retryAt = lastRequest[0]?.data?.retryAt;
  const recordedNext =
    typeof retryAt === "string" && new Date(retryAt).getTime() > now.getTime()
      ? new Date(retryAt)
      : null;
  if (overview.kind === "failed") {
    return {
      kind: "automated",
      allowedRefreshes: null,
      remainingRefreshes: null,
      nextAllowedAt: recordedNext,
      latestJob: null,
      unavailable: "Finch's sync status could not be loaded just now.",
    };
  }
  const { quota, latestJob } = overview.overview;
  return {
    kind: "automated",
    allowedRefreshes: quota.allowedRefreshes,
    remainingRefreshes: quota.remainingRefreshes,
    nextAllowedAt: quota.remainingRefreshes === 0 ? recordedNext : null,
    latestJob: latestJob
      ? {
          job_id: latestJob.job_id,
          status: latestJob.status,
          created_at: latestJob.created_at,
          completed_at: latestJob.completed_at,
        }
      : null,
    unavailable: null,
  };
}

/** Finch's window is a clock hour: with no retry_at in the answer, the next hour is when it resets. */
function nextWindow(now: Date): Date {
  const next = new Date(now);
  next.setUTCMinutes(0, 0, 0);
  next.setUTCHours(next.getUTCHours() + 1);
  return next;
}

export async function requestSync({
  connection,
  actor,
  timeZone,
}: {
  connection: Connection;
  actor: { userId: string; email: string };
  timeZone: string;
}): Promise<{ jobId: string | null; alreadyRunning: boolean; quota: SyncQuota }> {
  if (connection.assisted) throw new AppError("conflict", ASSISTED_SYNC_EXPLANATION);
  const result = await requestDataSync(accessTokenFor(connection));
  const now = await appNow();
  if (result.kind === "failed") {
    const { status, message } = result.failure;
    throw new AppError(
      status === null || status >= 500
        ? "finch_unavailable"
        : status === 401 || status === 403
          ? "finch_auth"
          : "finch_error",
      status === null || status >= 500
        ? "Finch could not start a sync just now. Try again shortly."
        : `Finch would not start a sync: ${message}`,
    );
  }
  if (result.kind === "quota_exhausted") {
    const retryAt = result.quota.retryAt ? new Date(result.quota.retryAt) : nextWindow(now);
    await recordEvent({
      occurredAt: now,
      source: "staff",
      type: "sync.requested",
      employerId: connection.employerId,
      connectionId: connection.id,
      actorUserId: actor.userId,
      actorLabel: actor.email,
      summary: `${actor.email} asked for a sync, but Finch's on-demand quota is used up`,
      data: { refused: true, remaining: 0, retryAt: retryAt.toISOString() },
    });
    throw new AppError(
      "rate_limited",
      `Finch allows ${result.quota.allowedRefreshes ?? 1} on-demand sync per hour for this connection. The next is allowed from ${formatDateTime(retryAt, timeZone)}.`,
      { retryAt: retryAt.toISOString() },
    );
  }
  const remaining = result.quota.remainingRefreshes;
  const retryAt = result.quota.retryAt ?? (remaining === 0 ? nextWindow(now).toISOString() : null);
  await recordEvent({
    occurredAt: now,
    source: "staff",
    type: "sync.requested",
    employerId: connection.employerId,
    connectionId: connection.id,
    actorUserId: actor.userId,
    actorLabel: actor.email,
    summary: result.alreadyRunning
      ? `${actor.email} asked for a sync; one was already running`
      : `${actor.email} started an on-demand sync`,
    data: {
      jobId: result.jobId,
      alreadyRunning: result.alreadyRunning,
      allowed: result.quota.allowedRefreshes,
      remaining,
      retryAt,
    },
  });
  return {
    jobId: result.jobId,
    alreadyRunning: result.alreadyRunning,
    quota: { ...result.quota, retryAt },
  };
}
