import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { BarChart } from "@/components/charts/bar-chart";
import { DonutChart } from "@/components/charts/donut-chart";
import { FunnelChart } from "@/components/charts/funnel-chart";
import { RangeChart } from "@/components/charts/range-chart";
import { formatCount, humanize } from "@/components/data/format";
import { DeductionAlerts } from "@/components/deductions/deduction-alerts";
import { EntityOverview } from "@/components/monitoring/entity-overview";
import { IssueQueueCard } from "@/components/issues/issue-queue-card";
import { AlertList, type AlertListItem } from "@/components/monitoring/alert-list";
import { STATUS_COLORS } from "@/components/monitoring/status-badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { getCurrentMonitoringState } from "@/db/queries/monitoring";
import {
  countAttention,
  countEmployersByStatus,
  countExpectedReady,
  listAttentionEmployers,
  listExpectedGroups,
  listProviderNames,
  readOnboardingInsight,
  type PendingGroup,
} from "@/db/queries/overview";
import { appNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { alertsForState } from "@/lib/monitoring/attention";
import { requirePageUser } from "@/lib/session";
import { describeStatus } from "@/lib/status/catalogue";
import { PRODUCT_GROUPS, type ProductGroup } from "@/lib/status/products";
import {
  FINCH_PROMISE_DAYS,
  overallTimeToReady,
  timeToReadyByProvider,
} from "@/lib/insight/time-to-ready";
import {
  FUNNEL_STAGE_LABELS,
  funnelByWeek,
  funnelTotals,
  insightWeeks,
  type FunnelStage,
} from "@/lib/insight/weeks";
import {
  formatDayMonth,
  formatDayMonthRange,
  formatDateTime,
  relativeTime,
} from "@/lib/status/relative-time";

export const metadata: Metadata = { title: "Overview" };

const DAY_MS = 86_400_000;
const WEEKS = 6;
const ATTENTION_SHOWN = 12;
/** Examples shown under each exact count; the count links to the full list. */
const GROUPS_SHOWN = 10;
/** The insight's window: the current week and the 12 before it (about 90 days). */
const INSIGHT_WEEKS = 13;
const FUNNEL_STAGES_SHOWN: { stage: FunnelStage; className: string; swatch: string }[] = [
  { stage: "invited", className: "fill-slate-400", swatch: "#94a3b8" },
  { stage: "connected", className: "fill-sky-400", swatch: "#38bdf8" },
  { stage: "verified", className: "fill-brand-500", swatch: "var(--color-brand-500)" },
  { stage: "ready", className: "fill-emerald-600", swatch: "#059669" },
];
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
      <p className={`mt-1 text-3xl font-semibold tabular-nums ${colour}`}>{formatCount(value)}</p>
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

/**
 * The overview streams behind its own skeleton. There is no loading.tsx above the dashboard's
 * pages, so record pages (employer, employee, pay run, issue) can still answer 404.
 */
export default function OverviewPage() {
  return (
    <Suspense fallback={<PageSkeleton />}>
      <Overview />
    </Suspense>
  );
}

async function Overview() {
  await requirePageUser("viewer", "/");
  const now = await appNow();
  const { timeZone } = env();
  const weeks = insightWeeks(now, INSIGHT_WEEKS);
  const [
    { total, byStatus },
    attentionCounts,
    attentionEmployers,
    expected,
    upcoming,
    overdue,
    insight,
  ] = await Promise.all([
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
    readOnboardingInsight({ fromWeek: weeks[0] }),
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
      const end = new Date(start.getTime() + 7 * DAY_MS);
      return {
        label: formatDayMonthRange(start, end, timeZone),
        description: `Product groups expected ready from ${formatDateTime(start, timeZone)} to ${formatDateTime(end, timeZone)}`,
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
      <EntityOverview />

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Status mix" description="Employers by connection status." />
          <CardBody>
            <DonutChart
              title="Employers by connection status"
              segments={segments}
              centerLabel={formatCount(total)}
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
                All {formatCount(attentionCounts.any)}
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
            description={`${formatCount(expected.weeks[0])} assisted product group${expected.weeks[0] === 1 ? "" : "s"} whose configuration period ends this week, soonest first.`}
            actions={
              expected.weeks[0] > upcoming.length ? (
                <ButtonLink href="/employers?readyFrom=0&readyTo=7" variant="secondary" size="sm">
                  All {formatCount(expected.employersWithin7Days)} employers
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
            description={`${formatCount(expected.overdue)} product group${expected.overdue === 1 ? "" : "s"} past their configuration period and still not ready, longest overdue first: ask Finch support.`}
            actions={
              expected.overdue > overdue.length ? (
                <ButtonLink
                  href="/employers?attention=configuration_overdue"
                  variant="secondary"
                  size="sm"
                >
                  All {formatCount(attentionCounts.configuration_overdue)} employers
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

      <OnboardingInsight
        weeks={weeks}
        stages={insight.stages}
        readyDays={insight.readyDays}
        providerNames={await listProviderNames({
          providerIds: [...new Set(insight.readyDays.map((r) => r.providerId))],
        })}
      />
    </>
  );
}

function OnboardingInsight({
  weeks,
  stages,
  readyDays,
  providerNames,
}: {
  weeks: string[];
  providerNames: Record<string, string>;
} & Awaited<ReturnType<typeof readOnboardingInsight>>) {
  const funnel = funnelByWeek(stages, weeks);
  const totals = funnelTotals(funnel);
  const providers = timeToReadyByProvider(readyDays);
  const assisted = overallTimeToReady(readyDays, "verified");
  const since = formatDayMonth(new Date(`${weeks[0]}T00:00:00Z`), "UTC");
  const weekLabel = (week: string) => {
    const start = new Date(`${week}T00:00:00Z`);
    return formatDayMonthRange(start, new Date(start.getTime() + 7 * DAY_MS), "UTC");
  };
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader
          title="Time to ready by provider"
          description={`Connections whose data became ready in the ${weeks.length} weeks since Monday ${since} (UTC): whole days from Finch's verification of the permissions (assisted) or from Connect where there is none (automated) to the last product group ready. Finch promises ${FINCH_PROMISE_DAYS.from / 7}–${FINCH_PROMISE_DAYS.to / 7} weeks for assisted providers.`}
        />
        <CardBody>
          {providers.length ? (
            <>
              {assisted.connections ? (
                <p className="mb-3 text-sm text-slate-600">
                  Assisted, all providers: median{" "}
                  <strong className="text-slate-900">{assisted.medianDays} days</strong>, p90{" "}
                  <strong className="text-slate-900">{assisted.p90Days} days</strong> over{" "}
                  {formatCount(assisted.connections)} connections.
                </p>
              ) : null}
              <RangeChart
                title="Days to ready per provider: median and 90th percentile"
                unit="d"
                band={{
                  from: FINCH_PROMISE_DAYS.from,
                  to: FINCH_PROMISE_DAYS.to,
                  label: "Finch's 1–2 weeks",
                }}
                rows={providers.map((p) => ({
                  label: providerNames[p.providerId] ?? humanize(p.providerId),
                  note: `${formatCount(p.connections)} connection${p.connections === 1 ? "" : "s"} · ${formatCount(p.withinPromise)} under 2 weeks${p.measuredFrom === "connected" ? " · from Connect" : p.measuredFrom === "mixed" ? " · mixed starts" : ""}`,
                  median: p.medianDays,
                  p90: p.p90Days,
                }))}
              />
              <p className="mt-3 text-xs text-slate-500">
                p90: nearest rank, so 90% of connections took that many whole days or fewer.
              </p>
            </>
          ) : (
            <p className="text-sm text-slate-500">No connection became ready in this window yet.</p>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Onboarding funnel"
          description={`Per week (Monday to Sunday, UTC) since ${since}: how many employers were invited, completed Connect, had their permissions verified and became ready.`}
        />
        <CardBody>
          <FunnelChart
            title="Onboarding stages reached per week"
            weeks={funnel}
            stages={FUNNEL_STAGES_SHOWN.map((s) => ({ ...s, label: FUNNEL_STAGE_LABELS[s.stage] }))}
            weekLabel={weekLabel}
            axisLabel={(week) => formatDayMonth(new Date(`${week}T00:00:00Z`), "UTC")}
          />
          <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
            {FUNNEL_STAGES_SHOWN.map(({ stage }) => (
              <div key={stage}>
                <dt className="text-xs text-slate-500">{FUNNEL_STAGE_LABELS[stage]}</dt>
                <dd className="text-lg font-semibold tabular-nums text-slate-900">
                  {formatCount(totals[stage])}
                </dd>
              </div>
            ))}
          </dl>
        </CardBody>
      </Card>
    </div>
  );
}
