import { and, asc, eq, gt, gte, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb, type Database } from "@/db";
import {
  attentionTallies,
  connectionGroups,
  connections,
  employerTallies,
  employers,
  onboardingStageWeeks,
  timeToReadyWeeks,
} from "@/db/schema";
import type { ReadyDaysRow } from "@/lib/insight/time-to-ready";
import type { StageWeekRow } from "@/lib/insight/weeks";

export interface StatusCount {
  status: string | null;
  count: number;
}

/**
 * Employers per connection status (null: never connected) and in all, archived ones left out:
 * exact, from the tallies the database keeps in step with every write (no scan).
 */
export async function countEmployersByStatus(
  database?: Database,
): Promise<{ total: number; byStatus: StatusCount[] }> {
  const db = database ?? (await getDb());
  const rows = await db
    .select({
      dimension: employerTallies.dimension,
      value: employerTallies.value,
      count: employerTallies.employers,
    })
    .from(employerTallies)
    .where(
      and(sql`${employerTallies.dimension} in ('all', 'status')`, gt(employerTallies.employers, 0)),
    );
  return {
    total: Number(rows.find((r) => r.dimension === "all")?.count ?? 0),
    byStatus: rows
      .filter((r) => r.dimension === "status")
      .map((r) => ({ status: r.value || null, count: Number(r.count) })),
  };
}

export type AttentionCounts = Record<
  | "any"
  | "pending_too_long"
  | "configuration_overdue"
  | "employer_action_needed"
  | "reauth_needed"
  | "stale_data",
  number
>;

const ATTENTION_COLUMNS: Record<keyof AttentionCounts, PgColumn> = {
  any: employers.attentionAt,
  pending_too_long: employers.pendingTooLongAt,
  configuration_overdue: employers.configurationOverdueAt,
  employer_action_needed: employers.employerActionNeededAt,
  reauth_needed: employers.reauthNeededAt,
  stale_data: employers.staleDataAt,
};

/**
 * How many employers need attention at `now`, in all and per alert kind: exact. Each kind's
 * maintained count at its `counted_until`, plus the alerts that began since (or minus those that
 * begin after a `now` behind it, as when the demo clock is reset), read from the kind's partial
 * index: the cost follows what changed since the last sweep, not the portfolio. One statement,
 * so one snapshot.
 */
export async function countAttention(
  { now }: { now: Date },
  database?: Database,
): Promise<AttentionCounts> {
  const db = database ?? (await getDb());
  const at = sql`${now.toISOString()}::timestamptz`;
  const kindCount = (kind: keyof AttentionCounts) => {
    const column = ATTENTION_COLUMNS[kind];
    const between = (from: SQL, to: SQL) =>
      sql`(select count(*) from ${employers} where ${employers.archivedAt} is null and ${column} > ${from} and ${column} <= ${to})`;
    const until = sql`t.counted_until`;
    return sql<number>`(select t.due + ${between(until, at)} - ${between(at, until)} from ${attentionTallies} t where t.kind = ${kind})`;
  };
  const kinds = Object.keys(ATTENTION_COLUMNS) as (keyof AttentionCounts)[];
  const [row] = await db
    .select(Object.fromEntries(kinds.map((kind) => [kind, kindCount(kind)])))
    .from(sql`(select 1) as one`);
  return Object.fromEntries(
    kinds.map((kind) => [kind, Number((row as Record<string, unknown>)[kind] ?? 0)]),
  ) as AttentionCounts;
}

/**
 * Moves every attention tally on to `now`, so later counts read only what begins after it. Called
 * by the status sweep; any caller at any time keeps the counts exact (it only moves work).
 */
export async function advanceAttentionTallies(
  { now }: { now: Date },
  database?: Database,
): Promise<void> {
  const db = database ?? (await getDb());
  const at = sql`${now.toISOString()}::timestamptz`;
  const cases = (Object.keys(ATTENTION_COLUMNS) as (keyof AttentionCounts)[]).map((kind) => {
    const column = ATTENTION_COLUMNS[kind];
    const between = (from: SQL, to: SQL) =>
      sql`(select count(*) from ${employers} where ${employers.archivedAt} is null and ${column} > ${from} and ${column} <= ${to})`;
    return sql`when ${kind} then ${between(sql`t.counted_until`, at)} - ${between(at, sql`t.counted_until`)}`;
  });
  await db.transaction(async (tx) => {
    // Waits for every open transaction whose trigger touched the tallies, so the counts below see
    // their writes; writers after this see the new counted_until. Never wait long: skipping an
    // advance only leaves more for the next read to count.
    await tx.execute(sql`set local lock_timeout = '2s'`);
    await tx.execute(sql`lock table ${attentionTallies} in share row exclusive mode`);
    await tx.execute(
      sql`update ${attentionTallies} t set due = t.due + (case t.kind ${sql.join(cases, sql` `)} else 0 end), counted_until = ${at} where t.counted_until <> ${at}`,
    );
  });
}

/** Employers needing attention at `now`, longest-waiting first. */
export async function listAttentionEmployers({ now, limit }: { now: Date; limit: number }) {
  const db = await getDb();
  return db
    .select()
    .from(employers)
    .where(and(isNull(employers.archivedAt), lte(employers.attentionAt, now)))
    .orderBy(asc(employers.attentionAt), asc(employers.id))
    .limit(limit);
}

/**
 * Not-ready groups of live connections of unarchived employers: `live` and `employer_id` are kept
 * on the group by triggers, so this reads one partial index and joins nothing.
 */
const unreadyGroups = and(isNull(connectionGroups.readyAt), eq(connectionGroups.live, true));

export interface ExpectedReadyBuckets {
  /** Groups past their expected instant. */
  overdue: number;
  /** Groups expected in [now + 7k days, now + 7(k+1) days), k = 0 … weeks - 1. */
  weeks: number[];
  /** Employers with a group expected in the next 7 days. */
  employersWithin7Days: number;
}

/** The overview's ready-date chart, bucketed in SQL: exact at any size, one query. */
export async function countExpectedReady(
  { now, weeks }: { now: Date; weeks: number },
  database?: Database,
): Promise<ExpectedReadyBuckets> {
  const db = database ?? (await getDb());
  const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  const expected = connectionGroups.expectedReadyAt;
  const buckets = Object.fromEntries(
    Array.from({ length: weeks }, (_, week) => [
      `w${week}`,
      sql<number>`count(*) filter (where ${expected} >= ${at(week * 7)}::timestamptz and ${expected} < ${at(week * 7 + 7)}::timestamptz)`,
    ]),
  );
  const [row] = await db
    .select({
      overdue: sql<number>`count(*) filter (where ${expected} < ${at(0)}::timestamptz)`,
      employersWithin7Days: sql<number>`count(distinct ${connectionGroups.employerId}) filter (where ${expected} >= ${at(0)}::timestamptz and ${expected} < ${at(7)}::timestamptz)`,
      ...buckets,
    })
    .from(connectionGroups)
    .where(and(unreadyGroups, lt(expected, new Date(at(weeks * 7)))));
  const values = row as Record<string, number>;
  return {
    overdue: Number(values.overdue),
    weeks: Array.from({ length: weeks }, (_, week) => Number(values[`w${week}`])),
    employersWithin7Days: Number(values.employersWithin7Days),
  };
}

export interface PendingGroup {
  employerId: string;
  employerName: string;
  connectionId: string;
  group: string;
  expectedReadyAt: Date;
}

/**
 * A few product groups not ready yet, expected in [from, until) (or before `until` when from is
 * null), soonest first: examples for a list whose exact size comes from countExpectedReady.
 */
export async function listExpectedGroups({
  from,
  until,
  limit,
}: {
  from: Date | null;
  until: Date;
  limit: number;
}): Promise<PendingGroup[]> {
  const db = await getDb();
  const rows = await db
    .select({
      employerId: employers.id,
      employerName: employers.name,
      connectionId: connections.id,
      group: connectionGroups.group,
      expectedReadyAt: connectionGroups.expectedReadyAt,
    })
    .from(connectionGroups)
    .innerJoin(connections, eq(connections.id, connectionGroups.connectionId))
    .innerJoin(employers, eq(employers.id, connections.employerId))
    .where(
      and(
        unreadyGroups,
        from ? gte(connectionGroups.expectedReadyAt, from) : undefined,
        lt(connectionGroups.expectedReadyAt, until),
      ),
    )
    .orderBy(asc(connectionGroups.expectedReadyAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, expectedReadyAt: r.expectedReadyAt! }));
}

export interface OnboardingInsightRows {
  /** Per stage and week (from `fromWeek` on): how many reached the stage that week. */
  stages: StageWeekRow[];
  /** Connections ready since `fromWeek`, per provider and whole days taken. */
  readyDays: ReadyDaysRow[];
}

/**
 * The overview's onboarding insight since the week starting `fromWeek` (a Monday, YYYY-MM-DD):
 * read from the tables the triggers of migration 0007 keep, so the cost follows the number of
 * weeks, providers and distinct day counts, not the portfolio. Exact for what they count.
 */
export async function readOnboardingInsight(
  { fromWeek }: { fromWeek: string },
  database?: Database,
): Promise<OnboardingInsightRows> {
  const db = database ?? (await getDb());
  const [stages, readyDays] = await Promise.all([
    db
      .select({
        stage: onboardingStageWeeks.stage,
        week: onboardingStageWeeks.week,
        count: onboardingStageWeeks.count,
      })
      .from(onboardingStageWeeks)
      .where(and(gte(onboardingStageWeeks.week, fromWeek), gt(onboardingStageWeeks.count, 0))),
    db
      .select({
        providerId: timeToReadyWeeks.providerId,
        measuredFrom: timeToReadyWeeks.measuredFrom,
        days: timeToReadyWeeks.days,
        count: sql<number>`sum(${timeToReadyWeeks.count})`,
      })
      .from(timeToReadyWeeks)
      .where(gte(timeToReadyWeeks.week, fromWeek))
      .groupBy(timeToReadyWeeks.providerId, timeToReadyWeeks.measuredFrom, timeToReadyWeeks.days),
  ]);
  return {
    stages: stages.map((r) => ({ ...r, count: Number(r.count) })),
    readyDays: readyDays.map((r) => ({ ...r, count: Number(r.count) })).filter((r) => r.count > 0),
  };
}

/**
 * Display names of providers as Finch gave them on connections (`provider_name`), one index probe
 * per provider id; ids without a named connection are left out.
 */
export async function listProviderNames(
  { providerIds }: { providerIds: string[] },
  database?: Database,
): Promise<Record<string, string>> {
  if (!providerIds.length) return {};
  const db = database ?? (await getDb());
  const rows = await db
    .select({
      id: sql<string>`p.id`,
      name: sql<
        string | null
      >`(select ${connections.providerName} from ${connections} where ${connections.providerId} = p.id and ${connections.providerName} is not null limit 1)`,
    })
    .from(
      sql`unnest(${`{${providerIds.map((id) => `"${id.replace(/["\\]/g, "")}"`).join(",")}}`}::text[]) as p(id)`,
    );
  return Object.fromEntries(rows.filter((r) => r.name).map((r) => [r.id, r.name!]));
}
