import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countAttention } from "@/db/queries/overview";
import {
  connectionGroups,
  connectionProducts,
  connections,
  employers,
  events,
  invites,
} from "@/db/schema";
import { appNow } from "@/lib/clock";
import { ensureDemoAdmin } from "@/lib/demo/bootstrap";
import { seedDemoPortfolio } from "@/lib/demo/portfolio";
import { DEMO_PORTFOLIO } from "@/lib/demo/portfolio-plan";
import { env } from "@/lib/env";
import { connectionCountdowns, type ConfigurationPhase } from "@/lib/status/countdown";
import { openWorld, type MonitoringWorld } from "@/tests/integration/monitoring/support";
import { databaseTargets } from "@/tests/support/databases";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const STATUSES = [
  "pending",
  "processing",
  "connected",
  "error_no_account_setup",
  "error_permissions",
  "reauth",
  "disconnected",
];

describe.each(databaseTargets())("the demo portfolio on $name", (target) => {
  let world: MonitoringWorld;
  beforeAll(async () => {
    world = await openWorld(target);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    await ensureDemoAdmin();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await world?.close();
  });

  async function tableSizes() {
    const { db } = world.handle;
    const size = async (table: typeof employers | typeof connections | typeof events) =>
      Number((await db.select({ n: count() }).from(table))[0].n);
    return {
      employers: await size(employers),
      connections: await size(connections),
      events: await size(events),
    };
  }

  it("is built through Connect and the code exchange, spread over every status and phase, and only once", async () => {
    const first = await seedDemoPortfolio({ emulator: world.emulator });
    expect(first).toMatchObject({ seeded: true, employers: DEMO_PORTFOLIO.length });

    // It ends at real time, so the demo clock's Reset returns to the portfolio's present.
    expect(world.emulator.now().getTime()).toBeGreaterThanOrEqual(Date.now() - 60_000);
    expect(world.emulator.now().getTime()).toBeLessThanOrEqual(Date.now() + 60_000);

    const { db } = world.handle;
    const rows = await db.select().from(connections);
    const byStatus = new Map<string, number>();
    for (const row of rows) byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + 1);
    for (const status of STATUSES) expect(byStatus.get(status) ?? 0, status).toBeGreaterThan(0);
    expect(rows.filter((r) => r.assisted).length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.assisted).length).toBeGreaterThan(0);
    // Every connection came through the code exchange, none behind Perch's back.
    const exchanged = await db.select().from(events);
    const exchanges = exchanged.filter((e) => e.type === "connect.code_exchanged").length;
    expect(exchanges).toBeGreaterThanOrEqual(rows.length);

    const now = await appNow();
    const groups = await db.select().from(connectionGroups);
    const phases = new Map<ConfigurationPhase, number>();
    const configuringDays = new Set<number>();
    for (const connection of rows.filter((r) => r.assisted && r.status !== "disconnected")) {
      const readyAtByGroup = Object.fromEntries(
        groups.filter((g) => g.connectionId === connection.id).map((g) => [g.group, g.readyAt]),
      );
      for (const countdown of connectionCountdowns({
        products: connection.products,
        assisted: true,
        verifiedAt: connection.permissionsVerifiedAt,
        readyAtByGroup,
        now,
        timeZone: env().timeZone,
      })) {
        phases.set(countdown.phase, (phases.get(countdown.phase) ?? 0) + 1);
        if (countdown.phase === "configuring") configuringDays.add(countdown.day!);
      }
    }
    for (const phase of ["waiting_for_permissions", "configuring", "overdue", "ready"] as const)
      expect(phases.get(phase) ?? 0, phase).toBeGreaterThan(0);
    // Countdown bars on many different days of the two weeks, the first and the last among them.
    expect(configuringDays.size).toBeGreaterThanOrEqual(6);
    expect(configuringDays).toContain(1);
    expect(configuringDays).toContain(14);

    const attention = await countAttention({ now });
    expect(attention.pending_too_long).toBeGreaterThan(0);
    expect(attention.configuration_overdue).toBeGreaterThan(0);
    expect(attention.employer_action_needed).toBeGreaterThan(0);
    expect(attention.reauth_needed).toBeGreaterThan(0);
    expect(attention.stale_data).toBeGreaterThan(0);

    const outstanding = (await db.select().from(invites)).filter(
      (i) => !i.revokedAt && i.expiresAt > now,
    );
    expect(outstanding.length).toBeGreaterThan(0);
    const types = new Set(exchanged.map((e) => e.type));
    for (const type of ["invite.opened", "data.ready", "demo.portfolio_created"])
      expect(types, type).toContain(type);
    // Finch's webhooks reached Perch's inbox; ops' proxied reads left fresh rows.
    expect(exchanged.some((e) => e.source === "webhook")).toBe(true);
    const directoryReads = (await db.select().from(connectionProducts)).filter(
      (p) => p.product === "directory" && p.dataRetrievedAt && p.lastHttpStatus === 200,
    );
    expect(directoryReads.length).toBeGreaterThan(0);

    const before = await tableSizes();
    const second = await seedDemoPortfolio({ emulator: world.emulator });
    expect(second).toMatchObject({ seeded: false, employers: 0 });
    expect(await tableSizes()).toEqual(before);
  }, 600_000);
});
