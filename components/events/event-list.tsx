import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Event } from "@/db/schema";

const SOURCE_TONES: Record<string, BadgeTone> = {
  staff: "brand",
  connect: "info",
  webhook: "neutral",
  introspect: "neutral",
  proxy: "neutral",
  system: "neutral",
};

export interface EventListProps {
  events: (Event & { actorEmail?: string | null })[];
  timeZone: string;
  showEmployer?: boolean;
}

export function EventList({ events, timeZone }: EventListProps) {
  const format = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  });
  return (
    <ul className="divide-y divide-slate-100" aria-label="Events">
      {events.map((event) => (
        <li key={event.id} className="flex items-start gap-4 px-5 py-3">
          <time
            className="w-40 shrink-0 pt-0.5 text-xs tabular-nums text-slate-500"
            dateTime={event.occurredAt.toISOString()}
            title={event.occurredAt.toISOString()}
          >
            {format.format(event.occurredAt)}
          </time>
          <div className="min-w-0 flex-1">
            <p className="text-sm text-slate-900">{event.summary}</p>
            <p className="mt-0.5 text-xs text-slate-500">
              {event.actorLabel ?? event.actorEmail ?? "Perch"} ·{" "}
              <span className="font-mono">{event.type}</span>
            </p>
          </div>
          <Badge tone={SOURCE_TONES[event.source] ?? "neutral"} className="capitalize">
            {event.source}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
