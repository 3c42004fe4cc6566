import { StatusBadge } from "@/components/monitoring/status-badge";
import { RelativeTime } from "@/components/monitoring/relative-time";
import type { Connection } from "@/db/schema";
import { describeStatus } from "@/lib/status/catalogue";
import { formatDateTime } from "@/lib/status/relative-time";

export interface StatusCardProps {
  connection: Connection;
  now: Date;
  timeZone: string;
}

/** Where the connection stands, what Finch said, and who must do what next. */
export function StatusCard({ connection, now, timeZone }: StatusCardProps) {
  const info = describeStatus(connection.status, { providerName: connection.providerName });
  const facts: { label: string; value: React.ReactNode }[] = [
    {
      label: "Status since",
      value: <RelativeTime at={connection.statusChangedAt} now={now} timeZone={timeZone} />,
    },
    {
      label: "Provider",
      value: `${connection.providerName ?? connection.providerId} · ${connection.assisted ? "assisted" : (connection.authMethod ?? "automated")}`,
    },
    {
      label: "Permissions verified",
      value: connection.permissionsVerifiedAt ? (
        <time
          dateTime={connection.permissionsVerifiedAt.toISOString()}
          data-testid="permissions-verified-at"
        >
          {formatDateTime(connection.permissionsVerifiedAt, timeZone)}
          {connection.permissionsVerifiedNoticedAt &&
          connection.permissionsVerifiedNoticedAt.getTime() -
            connection.permissionsVerifiedAt.getTime() >=
            60_000
            ? ` (noticed by Perch ${formatDateTime(connection.permissionsVerifiedNoticedAt, timeZone)})`
            : null}
        </time>
      ) : connection.assisted ? (
        "Not yet"
      ) : (
        "Not needed"
      ),
    },
    {
      label: "Last checked",
      value: connection.lastCheckedAt ? (
        <RelativeTime at={connection.lastCheckedAt} now={now} timeZone={timeZone} />
      ) : (
        "Not yet"
      ),
    },
    {
      label: "Next check",
      value: connection.disconnectedAt ? (
        "None (disconnected)"
      ) : (
        <RelativeTime at={connection.nextCheckAt} now={now} timeZone={timeZone} />
      ),
    },
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div>
        <div className="flex items-center gap-3">
          <span className="text-xl" data-testid="monitoring-status">
            <StatusBadge status={connection.status} />
          </span>
          {info.employerMustAct ? (
            <span className="text-xs font-medium text-amber-700">Employer must act</span>
          ) : null}
        </div>
        <p className="mt-2 text-sm text-slate-700">{info.description}</p>
        {connection.statusMessage && connection.statusMessage !== info.description ? (
          <p className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">
            <span className="font-medium text-slate-700">Finch says:</span>{" "}
            {connection.statusMessage}
          </p>
        ) : null}
        <div className="mt-4 space-y-2 text-sm">
          <p>
            <span className="font-medium text-slate-900">What to do next: </span>
            <span className="text-slate-700">{info.opsAction}</span>
          </p>
          {info.employerMustAct ? (
            <p>
              <span className="font-medium text-slate-900">Tell the employer: </span>
              <span className="text-slate-700">{info.employerAction}</span>
            </p>
          ) : null}
        </div>
        {connection.lastCheckError ? (
          <p className="mt-3 text-xs text-amber-700">
            The last {connection.checkFailures > 1 ? `${connection.checkFailures} checks` : "check"}{" "}
            failed: {connection.lastCheckError}
          </p>
        ) : null}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {facts.map((fact) => (
          <div key={fact.label} className="contents">
            <dt className="text-slate-500">{fact.label}</dt>
            <dd className="text-slate-900">{fact.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
