import { RateLimitedPanel } from "@/components/data/rate-limited-panel";
import { RetryButton } from "@/components/data/retry-button";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Freshness as RecordedFreshness, ProxyResult } from "@/lib/data-proxy/read";
import { freshness, type FreshnessState } from "@/lib/status/freshness";
import { PRODUCT_GROUPS } from "@/lib/status/products";
import { formatDate, formatDateTime, relativeTime } from "@/lib/status/relative-time";

const FRESHNESS_BADGE: Record<FreshnessState, { label: string; tone: BadgeTone }> = {
  fresh: { label: "Fresh", tone: "success" },
  stale: { label: "Stale", tone: "warning" },
  pending: { label: "Pending", tone: "info" },
  no_data: { label: "Unknown age", tone: "neutral" },
  not_requested: { label: "Not requested yet", tone: "neutral" },
};

export interface FreshnessLineProps {
  freshness: RecordedFreshness;
  assisted: boolean;
  now: Date;
  timeZone: string;
}

/** "Fresh · Retrieved from the payroll system 3 hours ago", with the exact time on hover. */
export function FreshnessLine({
  freshness: recorded,
  assisted,
  now,
  timeZone,
}: FreshnessLineProps) {
  const state = freshness({
    assisted,
    retrievedAt: recorded.retrievedAt,
    lastAttemptAt: recorded.lastAttemptedAt,
    lastAttemptResult: recorded.lastAttemptResult,
    lastHttpStatus: 200,
    now,
  });
  const badge = FRESHNESS_BADGE[state.state];
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
      <Badge tone={badge.tone}>{badge.label}</Badge>
      {recorded.retrievedAt ? (
        <span>
          Retrieved from the provider{" "}
          <time
            dateTime={recorded.retrievedAt.toISOString()}
            title={formatDateTime(recorded.retrievedAt, timeZone)}
            className="font-medium text-slate-700 underline decoration-dotted underline-offset-2"
          >
            {relativeTime(recorded.retrievedAt, now)}
          </time>
          <span className="text-slate-500">
            {" "}
            · Finch refreshes {assisted ? "every 7 days" : "every 24 hours"}
          </span>
        </span>
      ) : (
        <span>Finch did not say when this data was retrieved.</span>
      )}
      {state.lastAttemptFailed ? (
        <Badge tone="warning">
          Last refresh attempt failed
          {recorded.lastAttemptedAt ? ` ${relativeTime(recorded.lastAttemptedAt, now)}` : ""}
        </Badge>
      ) : null}
    </div>
  );
}

export function PendingPanel({
  result,
  timeZone,
}: {
  result: Extract<ProxyResult, { kind: "pending" }>;
  timeZone: string;
}) {
  const groupLabel = result.group ? PRODUCT_GROUPS[result.group].label : null;
  return (
    <div
      className="rounded-lg border border-dashed border-sky-300 bg-sky-50/60 px-6 py-8 text-center"
      data-testid="configuring-panel"
    >
      <p className="text-base font-semibold text-sky-900">
        Still configuring
        {result.expectedReadyAt
          ? ` — expected ready ${formatDate(result.expectedReadyAt, timeZone)}`
          : ""}
      </p>
      <p className="mx-auto mt-2 max-w-xl text-sm text-sky-800">{result.message}</p>
      {groupLabel ? (
        <p className="mt-3 text-xs text-sky-700">
          Finch answers “202 Accepted” for {groupLabel} data until it is ready. Nothing is wrong;
          this page shows the data as soon as Finch has it.
        </p>
      ) : null}
    </div>
  );
}

export function ErrorPanel({ result }: { result: Extract<ProxyResult, { kind: "error" }> }) {
  if (result.error.code === "rate_limited") {
    return (
      <RateLimitedPanel
        key={result.requestId ?? "rate-limited"}
        retryAfterSeconds={result.retryAfterSeconds ?? 60}
        requestId={result.requestId}
      />
    );
  }
  return (
    <Alert
      tone={result.retryable ? "warning" : "danger"}
      title={result.retryable ? "Finch did not answer this time" : "Finch refused this request"}
    >
      <p>{result.error.message}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {result.retryable ? <RetryButton /> : null}
        {result.requestId ? (
          <span className="text-xs opacity-80">
            Finch request id <code className="font-mono">{result.requestId}</code>
          </span>
        ) : null}
      </div>
    </Alert>
  );
}

/** Renders a product read: the configuring panel, the error panel, or the data. */
export function ResultFrame<P extends ProxyResult>({
  result,
  timeZone,
  children,
}: {
  result: P;
  timeZone: string;
  children: (ok: Extract<P, { kind: "ok" }>) => React.ReactNode;
}) {
  if (result.kind === "pending") return <PendingPanel result={result} timeZone={timeZone} />;
  if (result.kind === "error") return <ErrorPanel result={result} />;
  return <>{children(result as Extract<P, { kind: "ok" }>)}</>;
}
