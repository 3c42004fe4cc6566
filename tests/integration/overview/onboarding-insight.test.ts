import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabaseForTests } from "@/db";
import type { Database, DatabaseHandle } from "@/db/client";
import { markGroupReady } from "@/db/queries/connections";
import { listProviderNames, readOnboardingInsight } from "@/db/queries/overview";
import { connectionGroups, connections, employers, invites } from "@/db/schema";
import { seedPortfolio } from "@/db/seed/portfolio";
import { tally, median, percentile } from "@/lib/insight/percentiles";
import { timeToReadyByProvider, type ProviderTimeToReady } from "@/lib/insight/time-to-ready";
import { FUNNEL_STAGES, funnelByWeek, insightWeeks, weekStart } from "@/lib/insight/weeks";
import { installTestEnv } from "@/tests/support/app-env";
import { databaseTargets } from "@/tests/support/databases";

const NOW = new Date("2026-11-30T12:00:00Z");
const WEEKS = 13;
const DAY = 86_400_000;

/**
 * The insight recomputed from the rows themselves, in plain code: no trigger, no stats table.
 * Ready: assisted, every recorded group ready (the last); automated, the first group ready.
 */
async function truthFromRows(db: Database, weeks: string[]) {
  const conns = await db.select().from(connections);
  const groups = await db.select().from(connectionGroups);
  const inviteRows = await db.select({ createdAt: invites.createdAt }).from(invites);
  const groupsOf = new Map<string, (Date | null)[]>();
  for (const g of groups)
    groupsOf.set(g.connectionId, [...(groupsOf.get(g.connectionId) ?? []), g.readyAt]);

  const funnelRows: { stage: (typeof FUNNEL_STAGES)[number]; week: string; count: number }[] = [];
  const add = (stage: (typeof FUNNEL_STAGES)[number], at: Date | null) => {
    if (at) funnelRows.push({ stage, week: weekStart(at), count: 1 });
  };
  const days = new Map<string, number[]>();
  for (const invite of inviteRows) add("invited", invite.createdAt);
  for (const c of conns) {
    add("connected", c.createdAt);
    add("verified", c.assisted ? c.permissionsVerifiedAt : c.createdAt);
    const readies = groupsOf.get(c.id) ?? [];
    const times = readies.filter((r): r is Date => r !== null).map((r) => r.getTime());
    const readyAt = c.assisted
      ? readies.length && times.length === readies.length
        ? new Date(Math.max(...times))
        : null
      : times.length
        ? new Date(Math.min(...times))
        : null;
    add("ready", readyAt);
    if (readyAt && weekStart(readyAt) >= weeks[0]) {
      const from = c.permissionsVerifiedAt ?? c.createdAt;
      const taken = Math.max(0, Math.floor((readyAt.getTime() - from.getTime()) / DAY));
      days.set(c.providerId, [...(days.get(c.providerId) ?? []), taken]);
    }
  }
  const perProvider = [...days].map(([providerId, values]) => ({
    providerId,
    connections: values.length,
    medianDays: median(tally(values)),
    p90Days: percentile(tally(values), 90),
  }));
  return { funnel: funnelByWeek(funnelRows, weeks), perProvider };
}

async function insightNow(weeks: string[]) {
  const rows = await readOnboardingInsight({ fromWeek: weeks[0] });
  const perProvider = timeToReadyByProvider(rows.readyDays).map(
    ({ providerId, connections: n, medianDays, p90Days }: ProviderTimeToReady) => ({
      providerId,
      connections: n,
      medianDays,
      p90Days,
    }),
  );
  return { funnel: funnelByWeek(rows.stages, weeks), perProvider };
}

const byProvider = <T extends { providerId: string }>(list: T[]) =>
  [...list].sort((a, b) => a.providerId.localeCompare(b.providerId));

describe.each(databaseTargets())("onboarding insight on a seeded portfolio on $name", (target) => {
  let handle: DatabaseHandle;
  const weeks = insightWeeks(NOW, WEEKS);

  beforeAll(async () => {
    installTestEnv();
    handle = await target.open();
    setDatabaseForTests(handle);
    await seedPortfolio(handle.db, { employers: 1_200, now: NOW, seed: 4 });
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  it("reads the funnel and time to ready exactly as the rows say", async () => {
    const truth = await truthFromRows(handle.db, weeks);
    const insight = await insightNow(weeks);
    expect(insight.funnel).toEqual(truth.funnel);
    expect(byProvider(insight.perProvider)).toEqual(byProvider(truth.perProvider));
    // The seeded evidence is realistic: every stage and assisted providers near Finch's 1–2 weeks.
    for (const stage of FUNNEL_STAGES)
      expect(insight.funnel.some((w) => w.counts[stage] > 0)).toBe(true);
    const paycom = insight.perProvider.find((p) => p.providerId === "paycom")!;
    expect(paycom.connections).toBeGreaterThan(10);
    expect(paycom.medianDays).toBeGreaterThan(2);
    expect(paycom.p90Days).toBeGreaterThan(paycom.medianDays!);
    // Names as stored on connections (the seed stores the id as the name).
    expect(await listProviderNames({ providerIds: ["paycom", "no_such_provider"] })).toEqual({
      paycom: "paycom",
    });
  });

  it("follows readiness, invitations and deletions through the real write paths", async () => {
    const db = handle.db;
    // An assisted connection with one group left to be ready: readying it makes the connection ready.
    const [pending] = await db
      .select({ connectionId: connectionGroups.connectionId, group: connectionGroups.group })
      .from(connectionGroups)
      .innerJoin(connections, eq(connections.id, connectionGroups.connectionId))
      .where(and(isNull(connectionGroups.readyAt), eq(connections.assisted, true)))
      .limit(1);
    const unready = await db
      .select({ group: connectionGroups.group })
      .from(connectionGroups)
      .where(
        and(
          eq(connectionGroups.connectionId, pending.connectionId),
          isNull(connectionGroups.readyAt),
        ),
      );
    for (const { group } of unready)
      await markGroupReady(
        { connectionId: pending.connectionId, group, at: NOW, source: "probe" },
        db,
      );
    const [ready] = await db
      .select({ groupsReadyAt: connections.groupsReadyAt })
      .from(connections)
      .where(eq(connections.id, pending.connectionId));
    expect(ready.groupsReadyAt).toEqual(NOW);

    const [someEmployer] = await db.select({ id: employers.id }).from(employers).limit(1);
    await db.insert(invites).values({
      employerId: someEmployer.id,
      tokenHash: "insight-test-invite",
      products: ["company"],
      expiresAt: NOW,
      createdAt: new Date(NOW.getTime() - 2 * DAY),
    });
    // Deleting employers cascades to their connections, groups and invitations.
    await db.execute(
      sql`delete from employers where id in (select employer_id from connections where groups_ready_at is not null order by id limit 25)`,
    );

    const truth = await truthFromRows(db, weeks);
    const insight = await insightNow(weeks);
    expect(insight.funnel).toEqual(truth.funnel);
    expect(byProvider(insight.perProvider)).toEqual(byProvider(truth.perProvider));
  });
});
