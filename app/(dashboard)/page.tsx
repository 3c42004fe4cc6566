import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { DonutChart } from "@/components/charts/donut-chart";
import { DeductionAlerts } from "@/components/deductions/deduction-alerts";
import { IssueQueueCard } from "@/components/issues/issue-queue-card";
import { AlertList, type AlertListItem } from "@/components/monitoring/alert-list";
import { STATUS_COLORS } from "@/components/monitoring/status-badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getCurrentMonitoringState } from "@/db/queries/monitoring";
import {
  countAttention,
  countEmployersByStatus,
  countExpectedReady,
  listAttentionEmployers,
  listExpectedGroups,
  type PendingGroup,
} from "@/db/queries/overview";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { alertsForState } from "@/lib/monitoring/attention";
import { requirePageUser } from "@/lib/session";
import { describeStatus } from "@/lib/status/catalogue";
import { PRODUCT_GROUPS, type ProductGroup } from "@/lib/status/products";
import { formatDayMonth, formatDateTime, relativeTime } from "@/lib/status/relative-time";

export const metadata: Metadata = { title: "Overview" };

const DAY_MS = 86_400_000;
const WEEKS = 6;
const ATTENTION_SHOWN = 12;
/** Examples shown under each exact count; the count links to the full list. */
const GROUPS_SHOWN = 10;
const STATUS_ORDER = [
  "connected",
  "processing",
  "pending",
  "error_no_account_setup",
  "error_permissions",
  "reauth",
  "disconnected",
];

function Stat({
  label,
  value,
  href,
  tone = "default",
  hint,
}: {
  label: string;
  value: number;
  href: string;
  tone?: "default" | "warning" | "danger";
  hint: string;
}) {
  const colour =
    tone === "danger" && value
      ? "text-red-600"
      : tone === "warning" && value
        ? "text-amber-600"
        : "text-slate-900";
  return (
    <Link
      href={href}
      className="group rounded-lg bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-300"
    >
      <p className="text-sm text-slate-500">{label}</p>
      <p className={`mt-1 text-3xl font-semibold tabular-nums ${colour}`}>
        {value.toLocaleString("en-GB")}
      </p>
      <p className="mt-1 text-xs text-slate-500 group-hover:text-brand-600">{hint}</p>
    </Link>
  );
}

function GroupList({
  groups,
  now,
  timeZone,
  overdue,
}: {
  groups: PendingGroup[];
  now: Date;
  timeZone: string;
  overdue?: boolean;
}) {
  return (
    <ul className="divide-y divide-slate-100">
      {groups.map((g) => (
        <li
          key={`${g.connectionId}-${g.group}`}
          className="flex items-center justify-between gap-3 px-5 py-2.5"
        >
          <div className="min-w-0">
            <Link
              href={`/employers/${g.employerId}`}
              className="truncate text-sm font-medium text-brand-700 hover:underline"
            >
              {g.employerName}
            </Link>
            <p className="text-xs text-slate-500">
              {PRODUCT_GROUPS[g.group as ProductGroup]?.label ?? g.group}
            </p>
          </div>
          <time
            dateTime={g.expectedReadyAt.toISOString()}
            title={formatDateTime(g.expectedReadyAt, timeZone)}
            className={`shrink-0 text-sm tabular-nums ${overdue ? "font-medium text-red-600" : "text-slate-600"}`}
          >
            {overdue
              ? `due ${relativeTime(g.expectedReadyAt, now)}`
              : `${formatDayMonth(g.expectedReadyAt, timeZone)} · ${relativeTime(g.expectedReadyAt, now)}`}
          </time>
        </li>
      ))}
    </ul>
  );
}

export default async function OverviewPage() {
  await requirePageUser("viewer", "/");
  const now = await appNow();
  const { timeZone } = env();
  const [{ total, byStatus }, attentionCounts, attentionEmployers, expected, upcoming, overdue] =
    await Promise.all([
      countEmployersByStatus(),
      countAttention({ now }),
      listAttentionEmployers({ now, limit: ATTENTION_SHOWN }),
      countExpectedReady({ now, weeks: WEEKS }),
      listExpectedGroups({
        from: now,
        until: new Date(now.getTime() + 7 * DAY_MS),
        limit: GROUPS_SHOWN,
      }),
      listExpectedGroups({ from: null, until: now, limit: GROUPS_SHOWN }),
    ]);

  if (total === 0) {
    return (
      <>
        <PageHeader
          title="Overview"
          description="Where every employer's Finch connection stands, and who must act."
        />
        <Card>
          <EmptyState
            title="No employers to watch yet"
            description="Add an employer and connect it through Finch Connect; its status, configuration countdowns and data freshness appear here."
            action={<ButtonLink href="/employers">Go to employers</ButtonLink>}
          />
        </Card>
      </>
    );
  }

  const counts = new Map(byStatus.map((s) => [s.status ?? "none", s.count]));
  const statuses = [
    ...STATUS_ORDER,
    ...[...counts.keys()].filter((s) => s !== "none" && !STATUS_ORDER.includes(s)),
  ];
  const segments = [
    ...statuses
      .filter((status) => counts.get(status))
      .map((status) => ({
        label: describeStatus(status).label,
        value: counts.get(status) ?? 0,
        color: STATUS_COLORS[status] ?? "#64748b",
        href: `/employers?status=${encodeURIComponent(status)}`,
      })),
    ...(counts.get("none")
      ? [
          {
            label: "Not connected",
            value: counts.get("none") ?? 0,
            color: STATUS_COLORS.none,
            href: "/employers?status=none",
          },
        ]
      : []),
  ];

  const bars = [
    {
      label: "Overdue",
      description: "Configurations past their expected date",
      value: expected.overdue,
      href: "/employers?attention=configuration_overdue",
      tone: "danger" as const,
    },
    ...expected.weeks.map((value, week) => {
      const start = new Date(now.getTime() + week * 7 * DAY_MS);
      return {
        label: week === 0 ? "7 days" : formatDayMonth(start, timeZone),
        description: `Product groups expected ready in the 7 days from ${formatDayMonth(start, timeZone)}`,
        value,
        href: `/employers?readyFrom=${week * 7}&readyTo=${(week + 1) * 7}`,
      };
    }),
  ];

  const attentionItems: AlertListItem[] = [];
  for (const employer of attentionEmployers) {
    const state = await getCurrentMonitoringState({ employerId: employer.id });
    if (!state) continue;
    for (const alert of alertsForState(state, now, timeZone)) {
      attentionItems.push({ alert, employer: { id: employer.id, name: employer.name } });
    }
  }

  return (
    <>
      <PageHeader
        title="Overview"
        description="Where every employer's Finch connection stands, and who must act."
      />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <Stat label="Employers" value={total} href="/employers" hint="All employers →" />
        <Stat
          label="Need attention"
          value={attentionCounts.any}
          href="/employers?attention=any"
          tone="danger"
          hint="Someone must act →"
        />
        <Stat
          label="Ready within 7 days"
          value={expected.employersWithin7Days}
          href="/employers?readyFrom=0&readyTo=7"
          hint="Configurations →"
        />
        <Stat
          label="Overdue"
          value={attentionCounts.configuration_overdue}
          href="/employers?attention=configuration_overdue"
          tone="danger"
          hint="Past their period →"
        />
        <Stat
          label="Stale data"
          value={attentionCounts.stale_data}
          href="/employers?attention=stale_data"
          tone="warning"
          hint="Missed a refresh →"
        />
      </div>

      <DeductionAlerts now={now} />
      <IssueQueueCard now={now} />

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Status mix" description="Employers by connection status." />
          <CardBody>
            <DonutChart
              title="Employers by connection status"
              segments={segments}
              centerLabel={String(total)}
              centerCaption="employers"
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Expected ready dates"
            description="Product groups still configuring, by the week Finch's period ends."
          />
          <CardBody>
            <BarChart
              title="Product groups expected ready per week"
              bars={bars}
              emptyNote="No assisted configurations in progress."
            />
          </CardBody>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader
          title="Needs attention"
          description="Employers with an open alert, the longest-waiting first."
          actions={
            attentionCounts.any > attentionEmployers.length ? (
              <ButtonLink href="/employers?attention=any" variant="secondary" size="sm">
                All {attentionCounts.any.toLocaleString("en-GB")}
              </ButtonLink>
            ) : null
          }
        />
        {attentionItems.length ? (
          <AlertList items={attentionItems} now={now} timeZone={timeZone} />
        ) : (
          <EmptyState
            title="Nothing needs attention"
            description="No pending connection has waited too long, no configuration is overdue and all data is fresh."
          />
        )}
      </Card>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader
            title="Expected ready in the next 7 days"
            description={`${expected.weeks[0].toLocaleString("en-GB")} assisted product group${expected.weeks[0] === 1 ? "" : "s"} whose configuration period ends this week, soonest first.`}
            actions={
              expected.weeks[0] > upcoming.length ? (
                <ButtonLink href="/employers?readyFrom=0&readyTo=7" variant="secondary" size="sm">
                  All {expected.employersWithin7Days.toLocaleString("en-GB")} employers
                </ButtonLink>
              ) : null
            }
          />
          {upcoming.length ? (
            <GroupList groups={upcoming} now={now} timeZone={timeZone} />
          ) : (
            <p className="px-5 py-6 text-sm text-slate-500">Nothing is due in the next 7 days.</p>
          )}
        </Card>
        <Card>
          <CardHeader
            title="Overdue configurations"
            description={`${expected.overdue.toLocaleString("en-GB")} product group${expected.overdue === 1 ? "" : "s"} past their configuration period and still not ready, longest overdue first: ask Finch support.`}
            actions={
              expected.overdue > overdue.length ? (
                <ButtonLink
                  href="/employers?attention=configuration_overdue"
                  variant="secondary"
                  size="sm"
                >
                  All {attentionCounts.configuration_overdue.toLocaleString("en-GB")} employers
                </ButtonLink>
              ) : null
            }
          />
          {overdue.length ? (
            <GroupList groups={overdue} now={now} timeZone={timeZone} overdue />
          ) : (
            <p className="px-5 py-6 text-sm text-slate-500">No configuration is overdue.</p>
          )}
        </Card>
      </div>
    </>
  );
}
