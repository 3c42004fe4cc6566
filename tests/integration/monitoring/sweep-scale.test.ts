import { inArray, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { connections } from "@/db/schema";
import { env } from "@/lib/env";
import { listen, type RunningServer } from "@/lib/emulator/node-server";
import { runSweep } from "@/lib/monitoring/sweep";
import { databaseTargets } from "@/tests/support/databases";
import { DAY, openWorld, seedConnection, type MonitoringWorld } from "./support";

/** Makes exactly these connections due (and every other one not), so a run sees only them. */
async function onlyDue(ids: string[], now: Date): Promise<void> {
  const db = await getDb();
  await db
    .update(connections)
    .set({ nextCheckAt: new Date(now.getTime() + DAY) })
    .where(ne(connections.id, "00000000-0000-0000-0000-000000000000"));
  await db
    .update(connections)
    .set({ nextCheckAt: new Date(now.getTime() - 60_000), lastCheckedAt: null })
    .where(inArray(connections.id, ids));
}

async function rowsOf(ids: string[]) {
  const db = await getDb();
  return db.select().from(connections).where(inArray(connections.id, ids));
}

describe.each(databaseTargets())("sweeps at scale on $name", (target) => {
  let world: MonitoringWorld;
  let ids: string[];

  beforeAll(async () => {
    world = await openWorld(target);
    const seeded = [];
    // Sequentially: PGlite is one connection, and the emulator's webhooks land in between.
    for (let i = 0; i < 24; i += 1) seeded.push(await seedConnection({ assisted: false }));
    await world.emulator.flushWebhooks();
    ids = seeded.map((s) => s.connection.id);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  it("stops at its time budget and gives back every lease it never started", async () => {
    await onlyDue(ids, world.emulator.now());
    await world.control("faults", "PUT", [{ path: "/introspect", latency_ms: 150 }]);
    try {
      const report = await runSweep({ owner: "budgeted", concurrency: 2, budgetMs: 250 });
      expect(report.outOfTime).toBe(true);
      expect(report.leased).toBe(ids.length);
      expect(report.checked).toBeGreaterThan(0);
      expect(report.checked).toBeLessThan(ids.length);
      expect(report.checked + report.skipped).toBe(report.leased);
      const rows = await rowsOf(ids);
      // Nothing stays leased: the unstarted ones are free for the next run at once.
      expect(rows.filter((r) => r.leaseOwner !== null || r.leaseUntil !== null)).toEqual([]);
      const unchecked = rows.filter((r) => r.lastCheckedAt === null);
      expect(unchecked).toHaveLength(report.skipped);
      for (const row of unchecked) expect(row.nextCheckAt <= world.emulator.now()).toBe(true);
      // The next run picks them up.
      const next = await runSweep({ owner: "next", concurrency: 8 });
      expect(next.checked).toBe(report.skipped);
    } finally {
      await world.control("faults", "DELETE");
    }
  });

  it("never lets two concurrent sweepers leasing due connections in chunks check one twice", async () => {
    await onlyDue(ids, world.emulator.now());
    await world.control("faults", "PUT", [{ path: "/introspect", latency_ms: 20 }]);
    try {
      // Chunks of 32 rows at most (concurrency × 4, at least 32) with batch 10: several leases each.
      const runs = await Promise.all([
        runSweep({ owner: "sweeper-a", concurrency: 2, batchSize: 10 }),
        runSweep({ owner: "sweeper-b", concurrency: 2, batchSize: 10 }),
        runSweep({ owner: "sweeper-c", concurrency: 2, batchSize: 10 }),
      ]);
      const checked = runs.flatMap((run) => run.checks.map((c) => c.connectionId));
      expect(checked.length).toBe(new Set(checked).size);
      expect(new Set(checked)).toEqual(new Set(ids));
      const rows = await rowsOf(ids);
      expect(rows.every((r) => r.lastCheckedAt !== null && r.leaseOwner === null)).toBe(true);
    } finally {
      await world.control("faults", "DELETE");
    }
  });

  describe("cron routes", () => {
    let app: RunningServer;

    beforeAll(async () => {
      const cron = await import("@/app/api/cron/status-sweep/route");
      const worker = await import("@/app/api/cron/status-sweep/worker/route");
      app = await listen((request) => {
        const { pathname } = new URL(request.url);
        if (pathname === "/api/cron/status-sweep" && request.method === "GET") {
          return cron.GET(request);
        }
        if (pathname === "/api/cron/status-sweep/worker" && request.method === "POST") {
          return worker.POST(request);
        }
        return Promise.resolve(new Response("not found", { status: 404 }));
      });
    });
    afterAll(async () => {
      await app?.close();
    });

    const bearer = () => ({ authorization: `Bearer ${env().cronSecret}` });

    it("refuses the cron and worker routes without CRON_SECRET, or with a wrong one", async () => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: "Bearer wrong" },
        { authorization: "Basic x" },
      ];
      for (const headers of attempts) {
        const cron = await fetch(`${app.url}/api/cron/status-sweep`, { headers });
        expect(cron.status).toBe(401);
        const worker = await fetch(`${app.url}/api/cron/status-sweep/worker`, {
          method: "POST",
          headers,
        });
        expect(worker.status).toBe(401);
        expect(await worker.json()).toMatchObject({ error: { code: "unauthenticated" } });
      }
    });

    it("answers 400 naming a bad setting, never 500", async () => {
      const response = await fetch(`${app.url}/api/cron/status-sweep?concurrency=0&workers=x`, {
        headers: bearer(),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("invalid_input");
      expect(body.error.message).toContain("concurrency: expected a whole number from 1 to 64");
      expect(body.error.message).toContain("workers: expected a whole number from 1 to 16");
    });

    it("fans out to parallel workers through the shared leases, each connection once", async () => {
      await onlyDue(ids, world.emulator.now());
      await world.control("faults", "PUT", [{ path: "/introspect", latency_ms: 20 }]);
      try {
        const response = await fetch(
          `${app.url}/api/cron/status-sweep?workers=3&concurrency=2&batch=30&budget=30`,
          { headers: bearer() },
        );
        expect(response.status).toBe(200);
        const report = (await response.json()) as {
          workers: number;
          checked: number;
          runs: { owner: string; checked: number; leased: number }[];
        };
        expect(report.workers).toBe(3);
        expect(report.runs).toHaveLength(3);
        expect(new Set(report.runs.map((r) => r.owner)).size).toBe(3);
        // Each worker leases at most its share (30 / 3); together they check every due one.
        for (const run of report.runs) expect(run.leased).toBeLessThanOrEqual(10);
        expect(report.checked).toBe(ids.length > 30 ? 30 : ids.length);
        const rows = await rowsOf(ids);
        expect(rows.filter((r) => r.lastCheckedAt !== null)).toHaveLength(report.checked);
      } finally {
        await world.control("faults", "DELETE");
      }
    });
  });
});
