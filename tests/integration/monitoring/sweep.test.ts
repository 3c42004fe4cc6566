import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { getConnectionById, listConnectionGroups } from "@/db/queries/connections";
import { connectionProducts, connections, employers, events } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { runSweep } from "@/lib/monitoring/sweep";
import { kindsDueFromInstants } from "@/lib/status/attention";
import { encryptToken } from "@/lib/token-encryption";
import { databaseTargets } from "@/tests/support/databases";
import { DAY, HOUR, openWorld, seedConnection, type MonitoringWorld } from "./support";

describe.each(databaseTargets())("status sweep on $name", (target) => {
  let world: MonitoringWorld;

  beforeAll(async () => {
    world = await openWorld(target);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function eventsOf(connectionId: string, type: string) {
    const db = await getDb();
    return db
      .select()
      .from(events)
      .where(and(eq(events.connectionId, connectionId), eq(events.type, type)));
  }

  it("follows an assisted connection from pending to connected, group by group", async () => {
    const { connection, employer } = await seedConnection({
      assisted: true,
      emulator: world.emulator,
    });
    expect(connection.status).toBe("pending");

    // Still pending an hour in: nothing changes, next check an hour later.
    await world.emulator.advanceClock(HOUR);
    let report = await runSweep({ connectionIds: [connection.id] });
    expect(report.checks).toMatchObject([{ ok: true, status: "pending", changed: false }]);
    let row = (await getConnectionById({ id: connection.id }))!;
    expect(row.nextCheckAt.getTime() - Date.parse(report.at)).toBe(HOUR);
    expect(row.leaseOwner).toBeNull();

    // Finch verifies the permissions after 4 hours: processing starts the countdowns.
    // Finch's webhook and the sweep may both see it; whichever is first records the change.
    await world.emulator.advanceClock(4 * HOUR);
    await world.emulator.flushWebhooks();
    report = await runSweep({ connectionIds: [connection.id] });
    expect(report.checks[0]).toMatchObject({ status: "processing" });
    row = (await getConnectionById({ id: connection.id }))!;
    expect(row.permissionsVerifiedAt).not.toBeNull();
    const groups = await listConnectionGroups({ connectionId: connection.id });
    expect(groups.map((g) => g.group).sort()).toEqual(["deductions", "organization", "payroll"]);
    expect(groups.every((g) => g.expectedReadyAt && !g.readyAt)).toBe(true);
    expect(await eventsOf(connection.id, "connection.status_changed")).toHaveLength(1);
    // Data endpoints answer 202 while configuring; the probe notes it as pending.
    const db = await getDb();
    const [company] = await db
      .select()
      .from(connectionProducts)
      .where(
        and(
          eq(connectionProducts.connectionId, connection.id),
          eq(connectionProducts.product, "company"),
        ),
      );
    expect(company.lastHttpStatus).toBe(202);

    // A week later Deductions is ready (7-day period), found by the probe's first 200.
    await world.emulator.advanceClock(7 * DAY);
    await world.emulator.flushWebhooks();
    report = await runSweep({ connectionIds: [connection.id] });
    expect(report.checks[0]).toMatchObject({ status: "processing", groupsReady: ["deductions"] });
    const ready = await eventsOf(connection.id, "data.ready");
    expect(ready.map((e) => e.data.group)).toContain("deductions");

    // After 14 days everything is ready and Finch reports connected.
    await world.emulator.advanceClock(7 * DAY);
    await world.emulator.flushWebhooks();
    report = await runSweep({ connectionIds: [connection.id] });
    expect(report.checks[0]).toMatchObject({ status: "connected" });
    expect(await eventsOf(connection.id, "connection.status_changed")).toHaveLength(2);
    const after = await listConnectionGroups({ connectionId: connection.id });
    expect(after.every((g) => g.readyAt)).toBe(true);
    row = (await getConnectionById({ id: connection.id }))!;
    // Finch's webhooks for it are flowing (the emulator sent them), so the daily look of a
    // connected assisted connection is stretched 4x: introspection is the safety net.
    expect(row.lastWebhookAt).not.toBeNull();
    expect(row.nextCheckAt.getTime() - Date.parse(report.at)).toBe(4 * DAY);
    const [summary] = await db.select().from(employers).where(eq(employers.id, employer.id));
    expect(summary.connectionStatus).toBe("connected");
    // Nothing is due now; the earliest alert (stale data, if nobody reads it) lies ahead.
    const now = await appNow();
    expect(kindsDueFromInstants(summary, now)).toEqual([]);
    expect(summary.attentionAt!.getTime()).toBeGreaterThan(now.getTime());
  });

  it("checks only due connections unless asked for all", async () => {
    const { connection } = await seedConnection({ assisted: false, emulator: world.emulator });
    const db = await getDb();
    await db
      .update(connections)
      .set({ nextCheckAt: new Date(world.emulator.now().getTime() + DAY) })
      .where(eq(connections.id, connection.id));
    let report = await runSweep();
    expect(report.checks.map((c) => c.connectionId)).not.toContain(connection.id);
    report = await runSweep({ all: true });
    expect(report.checks.map((c) => c.connectionId)).toContain(connection.id);
  });

  it("never lets two concurrent sweeps check the same connection", async () => {
    const seeded = await Promise.all(
      Array.from({ length: 10 }, () =>
        seedConnection({ assisted: false, emulator: world.emulator }),
      ),
    );
    await world.control("faults", "PUT", [{ path: "/introspect", latency_ms: 30 }]);
    try {
      const ids = seeded.map((s) => s.connection.id);
      // Two full sweeps (SKIP LOCKED) and two targeted ones (waiting on the row lock) at once.
      const runs = await Promise.all([
        runSweep({ all: true, owner: "sweep-a", concurrency: 3 }),
        runSweep({ all: true, owner: "sweep-b", concurrency: 3 }),
        runSweep({ connectionIds: ids, owner: "sweep-c", concurrency: 3 }),
        runSweep({ connectionIds: ids, owner: "sweep-d", concurrency: 3 }),
      ]);
      const checked = runs.flatMap((run) => run.checks.map((c) => c.connectionId));
      expect(checked.length).toBe(new Set(checked).size);
      for (const id of ids) expect(checked).toContain(id);
    } finally {
      await world.control("faults", "DELETE");
    }
  });

  it("leaves a connection leased by another sweep alone until its lease expires", async () => {
    const { connection } = await seedConnection({ assisted: false, emulator: world.emulator });
    const db = await getDb();
    await db
      .update(connections)
      .set({ leaseOwner: "crashed", leaseUntil: new Date(Date.now() + 60_000) })
      .where(eq(connections.id, connection.id));
    expect((await runSweep({ connectionIds: [connection.id] })).checked).toBe(0);
    await db
      .update(connections)
      .set({ leaseUntil: new Date(Date.now() - 1) })
      .where(eq(connections.id, connection.id));
    expect((await runSweep({ connectionIds: [connection.id] })).checked).toBe(1);
  });

  it("survives 429s and 500s from Finch: a 500 backs off, a 429 is rescheduled, not failed", async () => {
    const seeded = await Promise.all(
      Array.from({ length: 5 }, () =>
        seedConnection({ assisted: false, emulator: world.emulator }),
      ),
    );
    const ids = seeded.map((s) => s.connection.id);
    // The SDK tries 3 times per call: one connection sees three 429s, another three 500s.
    await world.control("faults", "PUT", [
      { path: "/introspect", rate_429: 1, retry_after: 1, count: 3 },
      { path: "/introspect", rate_5xx: 1, status_5xx: 500, count: 3 },
    ]);
    try {
      const report = await runSweep({ connectionIds: ids, concurrency: 1 });
      expect(report.checked).toBe(5);
      expect(report.failed).toBe(1);
      expect(report.rateLimited).toBe(1);
      const limited = report.checks.find((c) => c.rateLimited)!;
      const failedCheck = report.checks.find((c) => !c.ok && !c.rateLimited)!;
      const limitedRow = (await getConnectionById({ id: limited.connectionId }))!;
      // Rate-limited: no failure counted, looked at again once Finch's retry-after has passed.
      expect(limitedRow.checkFailures).toBe(0);
      expect(limitedRow.lastCheckError).toBeNull();
      expect(limitedRow.nextCheckAt.getTime() - Date.parse(report.at)).toBe(1_000);
      const failedRow = (await getConnectionById({ id: failedCheck.connectionId }))!;
      expect(failedRow.checkFailures).toBe(1);
      expect(failedRow.lastCheckError).toMatch(/^500/);
      // Exponential backoff after the first failure: 5 minutes.
      expect(failedRow.nextCheckAt.getTime() - Date.parse(report.at)).toBe(5 * 60_000);
      // The next successful check clears the failure count.
      await world.control("faults", "DELETE");
      await runSweep({ connectionIds: [failedRow.id] });
      expect((await getConnectionById({ id: failedRow.id }))!.checkFailures).toBe(0);
    } finally {
      await world.control("faults", "DELETE");
    }
  });

  it("marks a connection whose token is dead as disconnected", async () => {
    const { connection } = await seedConnection({ assisted: false, emulator: world.emulator });
    // A token Finch no longer knows (revoked elsewhere): /introspect answers 401 invalid_token.
    const dead = encryptToken("revoked-token");
    const db = await getDb();
    await db
      .update(connections)
      .set({ accessTokenCiphertext: dead.ciphertext, accessTokenKeyId: dead.keyId })
      .where(eq(connections.id, connection.id));
    const report = await runSweep({ connectionIds: [connection.id] });
    expect(report.checks[0]).toMatchObject({ ok: true, status: "disconnected" });
    const row = (await getConnectionById({ id: connection.id }))!;
    expect(row.status).toBe("disconnected");
    expect(row.accessTokenCiphertext).toBeNull();
    // Nothing left to check with: later sweeps skip it.
    expect((await runSweep({ connectionIds: [connection.id] })).checked).toBe(0);
  });

  it("marks reauthentication from Finch's 401 and flags the employer", async () => {
    const { connection, employer } = await seedConnection({
      assisted: false,
      emulator: world.emulator,
    });
    // Let the creation's own webhook land first, so it cannot arrive after the sweep.
    await world.emulator.flushWebhooks();
    await world.control(`connections/${connection.finchConnectionId}/status`, "POST", {
      status: "reauth",
    });
    await runSweep({ connectionIds: [connection.id] });
    expect((await getConnectionById({ id: connection.id }))!.status).toBe("reauth");
    const db = await getDb();
    const [row] = await db.select().from(employers).where(eq(employers.id, employer.id));
    const now = await appNow();
    expect(row.attentionAt!.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(kindsDueFromInstants(row, now)).toContain("reauth_needed");
  });
});
