import { SyncNowButton } from "@/components/data/sync-now-button";
import type { Connection } from "@/db/schema";
import { syncPanelState } from "@/lib/data-proxy/sync";
import { humanize } from "@/components/data/format";
import { formatDateTime, relativeTime } from "@/lib/status/relative-time";

export interface SyncPanelProps {
  employerId: string;
  connection: Connection;
  canSync: boolean;
  now: Date;
  timeZone: string;
}

/** Sync now for automated connections, with Finch's quota; for assisted ones, why not. */
export async function SyncPanel({
  employerId,
  connection,
  canSync,
  now,
  timeZone,
}: SyncPanelProps) {
  const state = await syncPanelState(connection);
  if (state.kind === "none") return null;
  if (state.kind === "assisted") {
    return (
      <p className="max-w-sm text-right text-xs text-slate-500" data-testid="sync-unavailable">
        {state.reason}
      </p>
    );
  }
  const exhausted = state.remainingRefreshes === 0;
  const job = state.latestJob;
  return (
    <div className="flex items-start gap-3">
      <div className="text-right text-xs text-slate-500">
        {state.unavailable ? (
          <p>{state.unavailable}</p>
        ) : (
          <p>
            {state.remainingRefreshes ?? "?"} of {state.allowedRefreshes ?? "?"} on-demand{" "}
            {state.allowedRefreshes === 1 ? "sync" : "syncs"} left this hour
          </p>
        )}
        {exhausted ? (
          <p>
            Next allowed{" "}
            {state.nextAllowedAt ? (
              <time title={formatDateTime(state.nextAllowedAt, timeZone)}>
                {relativeTime(state.nextAllowedAt, now)}
              </time>
            ) : (
              "when the hour is up"
            )}
          </p>
        ) : null}
        {job ? (
          <p>
            Last sync {humanize(job.status).toLowerCase()} ·{" "}
            <time title={formatDateTime(new Date(job.created_at), timeZone)}>
              {relativeTime(new Date(job.created_at), now)}
            </time>
          </p>
        ) : null}
      </div>
      {canSync ? <SyncNowButton employerId={employerId} disabled={exhausted} /> : null}
    </div>
  );
}
