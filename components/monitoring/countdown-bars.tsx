import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { GroupCountdown } from "@/lib/status/countdown";
import { PRODUCT_GROUPS } from "@/lib/status/products";
import { formatDate, formatDateTime } from "@/lib/status/relative-time";

const PHASE = {
  ready: { label: "Ready", tone: "success", bar: "bg-emerald-500" },
  overdue: { label: "Overdue", tone: "danger", bar: "bg-red-500" },
  configuring: { label: "Configuring", tone: "info", bar: "bg-brand-500" },
  waiting_for_permissions: {
    label: "Waiting for permissions",
    tone: "neutral",
    bar: "bg-slate-300",
  },
  not_applicable: { label: "No configuration period", tone: "neutral", bar: "bg-slate-300" },
} as const;

export interface CountdownBarsProps {
  countdowns: GroupCountdown[];
  /** When Perch learnt each group was ready, shown where it differs from Finch's instant. */
  noticedAtByGroup?: Partial<Record<string, Date | null>>;
  timeZone: string;
}

/** A minute apart or more: worth saying that Perch saw it later than Finch had it. */
const NOTICED_LATER_MS = 60_000;

/** One bar per product group: day N of M while Finch configures it, red when overdue, green when ready. */
export function CountdownBars({ countdowns, noticedAtByGroup = {}, timeZone }: CountdownBarsProps) {
  return (
    <ul className="space-y-5" aria-label="Configuration countdowns">
      {countdowns.map((countdown) => {
        const phase = PHASE[countdown.phase];
        const products = PRODUCT_GROUPS[countdown.group].products.join(", ");
        const noticedAt = noticedAtByGroup[countdown.group];
        const noticedLater =
          countdown.readySince &&
          noticedAt &&
          noticedAt.getTime() - countdown.readySince.getTime() >= NOTICED_LATER_MS;
        return (
          <li key={countdown.group} data-testid={`countdown-${countdown.group}`}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div className="flex items-center gap-2">
                <span className="text-sm font-medium text-slate-900">{countdown.label}</span>
                <Badge tone={phase.tone}>{phase.label}</Badge>
              </div>
              <span
                className={cn(
                  "text-sm tabular-nums",
                  countdown.phase === "overdue" ? "font-medium text-red-700" : "text-slate-600",
                )}
                data-testid={`countdown-${countdown.group}-summary`}
              >
                {countdown.summary}
              </span>
            </div>
            <div
              className="mt-2 h-2.5 overflow-hidden rounded-full bg-slate-100"
              role="progressbar"
              aria-label={`${countdown.label} configuration`}
              aria-valuemin={0}
              aria-valuemax={countdown.totalDays || 1}
              aria-valuenow={
                countdown.phase === "ready" ? countdown.totalDays || 1 : (countdown.day ?? 0)
              }
              aria-valuetext={countdown.summary}
            >
              <div
                className={cn("h-full rounded-full transition-all", phase.bar)}
                style={{ width: `${Math.round(countdown.progress * 100)}%` }}
              />
            </div>
            <p className="mt-1.5 text-xs text-slate-500">
              {countdown.startedAt && countdown.expectedReadyAt ? (
                <>
                  Started{" "}
                  <time
                    dateTime={countdown.startedAt.toISOString()}
                    title={formatDateTime(countdown.startedAt, timeZone)}
                  >
                    {formatDate(countdown.startedAt, timeZone)}
                  </time>{" "}
                  · {countdown.totalDays}-day period · expected by{" "}
                  <time
                    dateTime={countdown.expectedReadyAt.toISOString()}
                    title={formatDateTime(countdown.expectedReadyAt, timeZone)}
                  >
                    {formatDateTime(countdown.expectedReadyAt, timeZone)}
                  </time>{" "}
                  · {products}
                  {noticedLater ? (
                    <>
                      {" "}
                      · ready at Finch{" "}
                      <time
                        dateTime={countdown.readySince!.toISOString()}
                        data-testid={`countdown-${countdown.group}-ready-at`}
                      >
                        {formatDateTime(countdown.readySince!, timeZone)}
                      </time>
                      , noticed by Perch{" "}
                      <time dateTime={noticedAt!.toISOString()}>
                        {formatDateTime(noticedAt!, timeZone)}
                      </time>
                    </>
                  ) : null}
                </>
              ) : (
                <>Covers {products}</>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
