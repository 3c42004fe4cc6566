import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { getConnectionById, listConnectionGroups } from "@/db/queries/connections";
import { connectionProducts } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { runSweep } from "@/lib/monitoring/sweep";
import { databaseTargets } from "@/tests/support/databases";
import { DAY, HOUR, openWorld, seedConnection, type MonitoringWorld } from "./support";

describe.each(databaseTargets())("Finch's instants and the demo's one clock on $name", (target) => {
  let world: MonitoringWorld;

  beforeAll(async () => {
    world = await openWorld(target);
  });
  afterAll(async () => {
    await world?.close();
  });

  it("dates a group's readiness by Finch-Data-Retrieved and keeps when Perch noticed", async () => {
    const { connection } = await seedConnection({ assisted: true, emulator: world.emulator });
    await world.emulator.advanceClock(5 * HOUR);
    await world.emulator.flushWebhooks();
    await runSweep({ connectionIds: [connection.id] });
    const verifiedAt = (await getConnectionById({ id: connection.id }))!.permissionsVerifiedAt!;
    expect(verifiedAt).not.toBeNull();

    // Deductions (7 days) is ready at Finch two days before anyone looks.
    await world.emulator.advanceClock(9 * DAY);
    const report = await runSweep({ connectionIds: [connection.id] });
    expect(report.checks[0].groupsReady).toContain("deductions");
    const groups = await listConnectionGroups({ connectionId: connection.id });
    const deductions = groups.find((g) => g.group === "deductions")!;
    const db = await getDb();
    const [benefits] = await db
      .select()
      .from(connectionProducts)
      .where(
        and(
          eq(connectionProducts.connectionId, connection.id),
          eq(connectionProducts.product, "benefits"),
        ),
      );
    expect(benefits.dataRetrievedAt).not.toBeNull();
    expect(deductions.readyAt).toEqual(benefits.dataRetrievedAt);
    expect(deductions.readyNoticedAt).toEqual(new Date(report.at));
    expect(deductions.readyNoticedAt!.getTime() - deductions.readyAt!.getTime()).toBeGreaterThan(
      DAY,
    );
    // Finch finished within the period's last day, as its own header says.
    expect(deductions.readyAt!.getTime() - verifiedAt.getTime()).toBeLessThanOrEqual(
      7 * DAY + HOUR,
    );
  });

  it("dates connections in demo mode by the demo clock, not the wall clock", async () => {
    await world.emulator.advanceClock(40 * DAY);
    const now = await appNow();
    expect(now.getTime() - Date.now()).toBeGreaterThan(30 * DAY);
    const { connection, employer } = await seedConnection({
      assisted: false,
      emulator: world.emulator,
    });
    const stored = (await getConnectionById({ id: connection.id }))!;
    expect(Math.abs(stored.createdAt.getTime() - now.getTime())).toBeLessThan(HOUR);
    expect(Math.abs(stored.statusChangedAt.getTime() - now.getTime())).toBeLessThan(HOUR);
    expect(employer.id).toBeTruthy();
  });
});
