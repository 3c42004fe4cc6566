import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/monitoring/relative-time";
import type { Alert } from "@/lib/status/sla";

export interface AlertListItem {
  alert: Alert;
  employer?: { id: string; name: string };
}

export interface AlertListProps {
  items: AlertListItem[];
  now: Date;
  timeZone: string;
}

/** Alerts with their severity, what is wrong, since when, and (on the overview) whose. */
export function AlertList({ items, now, timeZone }: AlertListProps) {
  return (
    <ul className="divide-y divide-slate-100" aria-label="Alerts">
      {items.map(({ alert, employer }, index) => (
        <li
          key={`${employer?.id ?? ""}-${alert.kind}-${alert.group ?? alert.product ?? index}`}
          className="flex items-start gap-3 px-5 py-3"
        >
          <Badge tone={alert.severity === "critical" ? "danger" : "warning"} className="mt-0.5">
            {alert.severity === "critical" ? "Critical" : "Warning"}
          </Badge>
          <div className="min-w-0 flex-1">
            <p className="text-sm text-slate-900">
              {employer ? (
                <>
                  <Link
                    href={`/employers/${employer.id}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {employer.name}
                  </Link>
                  {" — "}
                </>
              ) : null}
              <span className="font-medium">{alert.title}</span>
            </p>
            <p className="mt-0.5 text-sm text-slate-600">{alert.detail}</p>
          </div>
          {alert.since ? (
            <span className="shrink-0 text-xs text-slate-500">
              started <RelativeTime at={alert.since} now={now} timeZone={timeZone} />
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
