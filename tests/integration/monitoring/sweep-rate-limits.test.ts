import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getConnectionById } from "@/db/queries/connections";
import { env, setEnvForTests } from "@/lib/env";
import { runSweep } from "@/lib/monitoring/sweep";
import { resetSweepPacing } from "@/lib/monitoring/sweep-pacing";
import { databaseTargets } from "@/tests/support/databases";
import { openWorld, seedConnection, type MonitoringWorld } from "./support";

/** The sweep with the emulator's documented rate limits on (its default in demo mode). */
describe.each(databaseTargets())("status sweep under Finch's rate limits on $name", (target) => {
  let world: MonitoringWorld;

  beforeAll(async () => {
    world = await openWorld(target);
  });
  afterAll(async () => {
    await world?.close();
  });
  afterEach(async () => {
    await world.control("rate-limits", "PUT", { reset: true });
    resetSweepPacing();
  });

  async function seedMany(n: number) {
    const seeded = [];
    for (let i = 0; i < n; i++) seeded.push(await seedConnection({ assisted: false }));
    return seeded;
  }

  it("reschedules connections after Finch's IP penalty instead of failing them", async () => {
    const seeded = await seedMany(3);
    const ids = seeded.map((s) => s.connection.id);
    const before = await Promise.all(ids.map((id) => getConnectionById({ id })));
    // Spend the rest of this address's 1000 requests per 5 minutes.
    const usage = (await world.control("rate-limits", "GET")) as {
      ip: { addresses: Record<string, { used: number }> };
    };
    const used = Object.values(usage.ip.addresses).reduce((sum, a) => sum + a.used, 0);
    const introspect = () =>
      world.emulator.handle(
        new Request(`${env().publicUrl}/api/finch-emu/introspect`, {
          headers: { authorization: `Bearer ${seeded[0].accessToken}` },
        }),
      );
    for (let i = used; i < 1000; i++) expect((await introspect()).status).toBe(200);

    const report = await runSweep({ connectionIds: ids, concurrency: 1 });
    // The first check meets the 60-minute penalty; the run gives the others back untouched.
    expect(report).toMatchObject({ checked: 1, failed: 0, rateLimited: 1, skipped: 2 });
    const limited = (await getConnectionById({ id: report.checks[0].connectionId }))!;
    expect(limited.checkFailures).toBe(0);
    expect(limited.lastCheckError).toBeNull();
    expect(limited.status).toBe("connected");
    expect(limited.nextCheckAt.getTime() - Date.parse(report.at)).toBe(60 * 60_000);
    for (const [i, id] of ids.entries()) {
      if (id === limited.id) continue;
      const row = (await getConnectionById({ id }))!;
      expect(row.leaseOwner).toBeNull();
      expect(row.checkFailures).toBe(0);
      expect(row.nextCheckAt).toEqual(before[i]!.nextCheckAt);
    }
  });

  it("paces itself under PERCH_FINCH_IP_BUDGET: calls beyond it wait for the next run", async () => {
    const seeded = await seedMany(5);
    const ids = seeded.map((s) => s.connection.id);
    const original = env();
    setEnvForTests({ ...original, finch: { ...original.finch, ipBudget: 3 } });
    try {
      const report = await runSweep({ connectionIds: ids, concurrency: 1, maxPauseMs: 0 });
      expect(report).toMatchObject({ checked: 3, failed: 0, rateLimited: 0, skipped: 2 });
      const checked = new Set(report.checks.map((c) => c.connectionId));
      for (const { connection } of seeded) {
        const row = (await getConnectionById({ id: connection.id }))!;
        expect(row.leaseOwner).toBeNull();
        expect(row.checkFailures).toBe(0);
        if (!checked.has(connection.id)) expect(row.nextCheckAt).toEqual(connection.nextCheckAt);
      }
    } finally {
      setEnvForTests(original);
    }
  });

  it("runs unpaced when the budget is off", async () => {
    const seeded = await seedMany(2);
    const original = env();
    setEnvForTests({ ...original, finch: { ...original.finch, ipBudget: null } });
    try {
      const report = await runSweep({
        connectionIds: seeded.map((s) => s.connection.id),
        maxPauseMs: 0,
      });
      expect(report).toMatchObject({ checked: 2, skipped: 0 });
    } finally {
      setEnvForTests(original);
    }
  });
});
