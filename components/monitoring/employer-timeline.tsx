import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/monitoring/relative-time";
import { listEvents } from "@/db/queries/events";
import type { Event } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";

export interface EmployerTimelineProps {
  employerId: string;
}

const LIMIT = 150;

const SOURCE: Record<string, { label: string; tone: BadgeTone; dot: string }> = {
  connect: { label: "Connect", tone: "info", dot: "bg-sky-500" },
  introspect: { label: "Sweep", tone: "neutral", dot: "bg-slate-400" },
  webhook: { label: "Webhook", tone: "neutral", dot: "bg-violet-500" },
  proxy: { label: "Data", tone: "neutral", dot: "bg-teal-500" },
  staff: { label: "Staff", tone: "brand", dot: "bg-brand-500" },
  system: { label: "System", tone: "neutral", dot: "bg-slate-300" },
};

function dotFor(event: Event): string {
  if (event.type === "connection.status_changed") return "bg-amber-500";
  if (event.type === "data.ready") return "bg-emerald-500";
  if (event.type.endsWith("rejected") || event.type.endsWith("failed")) return "bg-red-500";
  return SOURCE[event.source]?.dot ?? "bg-slate-300";
}

/** Every event of the employer, newest first: Connect, status changes, 202→200, webhooks, staff. */
export async function EmployerTimeline({ employerId }: EmployerTimelineProps) {
  const [events, now] = await Promise.all([listEvents({ employerId, limit: LIMIT }), appNow()]);
  const { timeZone } = env();
  return (
    <Card>
      <CardHeader
        title="Timeline"
        description={`Everything that happened to this employer, newest first${events.length === LIMIT ? ` (latest ${LIMIT})` : ""}.`}
      />
      {events.length ? (
        <ol className="px-5 py-4" aria-label="Timeline">
          {events.map((event, index) => {
            const source = SOURCE[event.source] ?? SOURCE.system;
            return (
              <li key={event.id} className="relative flex gap-4 pb-5 last:pb-0">
                {index < events.length - 1 ? (
                  <span
                    className="absolute left-[5px] top-4 h-full w-px bg-slate-200"
                    aria-hidden
                  />
                ) : null}
                <span
                  className={`relative mt-1.5 h-[11px] w-[11px] shrink-0 rounded-full ring-4 ring-white ${dotFor(event)}`}
                  aria-hidden
                />
                <div className="min-w-0 flex-1">
                  <p className="text-sm text-slate-900">{event.summary}</p>
                  <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
                    <RelativeTime at={event.occurredAt} now={now} timeZone={timeZone} />
                    <span aria-hidden>·</span>
                    <Badge tone={source.tone}>{source.label}</Badge>
                    {event.actorLabel || event.actorEmail ? (
                      <span>by {event.actorLabel ?? event.actorEmail}</span>
                    ) : null}
                    <span className="font-mono text-[11px] text-slate-500">{event.type}</span>
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      ) : (
        <EmptyState
          title="Nothing has happened yet"
          description="Connect sessions, status changes, webhooks and staff actions will appear here."
        />
      )}
    </Card>
  );
}
