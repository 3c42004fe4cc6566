import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import {
  COUNT_LIMIT,
  iterateEmployers,
  listEmployerProviders,
  listEmployers,
} from "@/db/queries/employer-list";
import { getCurrentMonitoringState } from "@/db/queries/monitoring";
import {
  advanceAttentionTallies,
  countAttention,
  countEmployersByStatus,
  countExpectedReady,
  listAttentionEmployers,
} from "@/db/queries/overview";
import { connectionGroups, connectionProducts, connections, employers } from "@/db/schema";
import { seedPortfolio, type PortfolioSummary } from "@/db/seed/portfolio";
import { alertsForState, refreshEmployerAttention } from "@/lib/monitoring/attention";
import { installTestEnv } from "@/tests/support/app-env";
import { databaseTargets } from "@/tests/support/databases";

const NOW = new Date("2026-11-30T12:00:00Z");
const DAY = 86_400_000;
const EMPLOYERS = 2_500;

describe.each(databaseTargets())("exact figures on a seeded portfolio on $name", (target) => {
  let handle: DatabaseHandle;
  let truth: PortfolioSummary;

  beforeAll(async () => {
    installTestEnv();
    handle = await target.open();
    setDatabaseForTests(handle);
    truth = await seedPortfolio(handle.db, { employers: EMPLOYERS, now: NOW, seed: 9 });
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  it("counts employers per status and provider exactly, from the tallies", async () => {
    const { total, byStatus } = await countEmployersByStatus();
    expect(total).toBe(truth.active);
    expect(Object.fromEntries(byStatus.map((s) => [s.status ?? "none", s.count]))).toEqual(
      truth.byStatus,
    );
    expect(await listEmployerProviders()).toEqual(Object.keys(truth.byProvider).sort());
    expect((await listEmployers({ now: NOW, status: "processing" })).total).toBe(
      truth.byStatus.processing,
    );
    expect((await listEmployers({ now: NOW, provider: "paycom" })).total).toBe(
      truth.byProvider.paycom,
    );
  });

  it("buckets the ready-date chart in SQL, beyond the old caps of 50 and 500", async () => {
    const buckets = await countExpectedReady({ now: NOW, weeks: 6 });
    expect(truth.expectedReady.overdue).toBeGreaterThan(50);
    expect(buckets.overdue).toBe(truth.expectedReady.overdue);
    expect(buckets.weeks).toEqual(truth.expectedReady.weeks);
    expect(buckets.employersWithin7Days).toBe(truth.employersReadyWithin7Days);
    // The chart's link lists exactly those employers.
    let listed = 0;
    for await (const rows of iterateEmployers({ now: NOW, readyFromDays: 0, readyToDays: 7 })) {
      listed += rows.length;
    }
    expect(listed).toBe(truth.employersReadyWithin7Days);
  });

  it("keeps the chart exact when a connection disconnects or its employer is archived", async () => {
    const db = await getDb();
    const overdueOf = async () => (await countExpectedReady({ now: NOW, weeks: 6 })).overdue;
    const [group] = await db
      .select()
      .from(connectionGroups)
      .where(
        sql`${connectionGroups.readyAt} is null and ${connectionGroups.live} and ${connectionGroups.expectedReadyAt} < ${NOW.toISOString()}::timestamptz`,
      )
      .limit(1);
    const overdueGroupsOf = await db
      .select()
      .from(connectionGroups)
      .where(
        sql`${connectionGroups.connectionId} = ${group.connectionId} and ${connectionGroups.readyAt} is null and ${connectionGroups.expectedReadyAt} < ${NOW.toISOString()}::timestamptz`,
      );
    const before = await overdueOf();
    await db.update(employers).set({ archivedAt: NOW }).where(eq(employers.id, group.employerId!));
    expect(await overdueOf()).toBe(before - overdueGroupsOf.length);
    await db.update(employers).set({ archivedAt: null }).where(eq(employers.id, group.employerId!));
    expect(await overdueOf()).toBe(before);
    await db
      .update(connections)
      .set({ disconnectedAt: NOW })
      .where(eq(connections.id, group.connectionId));
    expect(await overdueOf()).toBe(before - overdueGroupsOf.length);
    await db
      .update(connections)
      .set({ disconnectedAt: null })
      .where(eq(connections.id, group.connectionId));
    expect(await overdueOf()).toBe(before);
  });

  it("counts attention per kind exactly, the same as the rules on each employer's records", async () => {
    const counts = await countAttention({ now: NOW });
    expect(counts).toEqual(truth.attention);
    // Whenever the tallies were last moved on — long before, at, or after the moment read (the
    // demo clock can be reset) — the counts are the same.
    const later = new Date(NOW.getTime() + 30 * DAY);
    const countsLater = await countAttention({ now: later });
    for (const at of [new Date(NOW.getTime() - 60 * DAY), NOW, later]) {
      await advanceAttentionTallies({ now: at });
      expect(await countAttention({ now: NOW })).toEqual(truth.attention);
      expect(await countAttention({ now: later })).toEqual(countsLater);
    }
    // The longest-waiting employers the overview lists raise alerts under the live rules too.
    for (const employer of await listAttentionEmployers({ now: NOW, limit: 5 })) {
      const state = await getCurrentMonitoringState({ employerId: employer.id });
      expect(alertsForState(state!, NOW, "UTC").length).toBeGreaterThan(0);
    }
  });

  it("labels a list count it stopped at the limit, and the export still has every row", async () => {
    // A month on, more data is stale: the same stored instants, read later.
    const later = new Date(NOW.getTime() + 30 * DAY);
    const exact = (await countAttention({ now: later })).any;
    expect(exact).toBeGreaterThan(COUNT_LIMIT);
    const page = await listEmployers({ now: later, attention: "any" });
    expect(page).toMatchObject({ total: COUNT_LIMIT, totalIsAtLeast: true });
    let exported = 0;
    for await (const rows of iterateEmployers({ now: later, attention: "any" })) {
      exported += rows.length;
    }
    expect(exported).toBe(exact);
  });

  it("exports every employer, many pages long, each exactly once", async () => {
    const seen = new Set<string>();
    let batches = 0;
    for await (const rows of iterateEmployers({ now: NOW, sort: "changed" })) {
      batches += 1;
      for (const row of rows) seen.add(row.id);
    }
    expect(batches).toBeGreaterThan(2);
    expect(seen.size).toBe(truth.active);
  });

  it("keeps the tallies exact through archive, status change and delete", async () => {
    const db = await getDb();
    const [one] = await db
      .select()
      .from(employers)
      .where(sql`${employers.connectionStatus} = 'reauth' and ${employers.archivedAt} is null`)
      .limit(1);
    await db
      .update(employers)
      .set({ connectionStatus: "connected" })
      .where(eq(employers.id, one.id));
    let counts = await countEmployersByStatus();
    const of = (status: string) => counts.byStatus.find((s) => s.status === status)?.count;
    expect(of("reauth")).toBe(truth.byStatus.reauth - 1);
    expect(of("connected")).toBe(truth.byStatus.connected + 1);
    await db.update(employers).set({ archivedAt: NOW }).where(eq(employers.id, one.id));
    counts = await countEmployersByStatus();
    expect(counts.total).toBe(truth.active - 1);
    expect(of("connected")).toBe(truth.byStatus.connected);
    await db.update(employers).set({ archivedAt: null }).where(eq(employers.id, one.id));
    await db.delete(employers).where(eq(employers.id, one.id));
    counts = await countEmployersByStatus();
    expect(counts.total).toBe(truth.active - 1);
  });
});

describe.each(databaseTargets())(
  "attention follows the clock without a sweep on $name",
  (target) => {
    let handle: DatabaseHandle;

    beforeAll(async () => {
      installTestEnv();
      handle = await target.open();
      setDatabaseForTests(handle);
    });
    afterAll(async () => {
      setDatabaseForTests(undefined);
      await handle?.close();
    });

    it("turns stale on the list, the overview and the employer page at the same instant", async () => {
      const db = await getDb();
      const [employer] = await db
        .insert(employers)
        .values({ name: "Quiet Harbor Dental", customerId: "cus_clock" })
        .returning();
      const [connection] = await db
        .insert(connections)
        .values({
          employerId: employer.id,
          finchConnectionId: "conn_clock",
          providerId: "gusto",
          products: ["company"],
          status: "connected",
          statusChangedAt: new Date(NOW.getTime() - 10 * DAY),
        })
        .returning();
      // Retrieved at NOW: an automated connection's data is stale after 24 h + 12 h of grace.
      await db.insert(connectionProducts).values({
        connectionId: connection.id,
        product: "company",
        lastHttpStatus: 200,
        dataRetrievedAt: NOW,
      });
      // The attention tallies were last moved on to a moment after the alert begins, so the
      // employer's write must be counted by the trigger, not by the read.
      await advanceAttentionTallies({ now: new Date(NOW.getTime() + 10 * DAY) });
      await refreshEmployerAttention({ employerId: employer.id });
      const staleFrom = new Date(NOW.getTime() + 1.5 * DAY + 1);

      const everywhere = async (now: Date) => {
        const state = await getCurrentMonitoringState({ employerId: employer.id });
        return {
          list: (await listEmployers({ now, attention: "stale_data" })).rows.map((r) => r.id),
          overview: (await countAttention({ now })).stale_data,
          page: alertsForState(state!, now, "UTC").map((a) => a.kind),
        };
      };
      expect(await everywhere(new Date(staleFrom.getTime() - 1))).toEqual({
        list: [],
        overview: 0,
        page: [],
      });
      // No sweep, no recomputation: only the clock moved.
      expect(await everywhere(staleFrom)).toEqual({
        list: [employer.id],
        overview: 1,
        page: ["stale_data"],
      });
    });
  },
);
