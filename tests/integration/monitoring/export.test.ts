import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Auth.js is the network edge here: the session is given, the role check is the real one.
vi.mock(
  "next/headers",
  async () => (await import("@/tests/integration/security/support")).nextEdge,
);

import { GET } from "@/app/(dashboard)/employers/export/route";
import { setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { employers } from "@/db/schema";
import { seedPortfolio, type PortfolioSummary } from "@/db/seed/portfolio";
import { appNow } from "@/lib/clock";
import { getDemoEmulator } from "@/lib/demo/emulator";
import type { Emulator } from "@/lib/emulator";
import { installTestEnv } from "@/tests/support/app-env";
import { databaseTargets } from "@/tests/support/databases";
import { seedUser } from "@/tests/integration/data/seed";
import { ANONYMOUS, sessionFor, useCaller } from "@/tests/integration/security/support";

const DAY = 86_400_000;

describe.each(databaseTargets())("employers CSV export on $name", (target) => {
  let handle: DatabaseHandle;
  let emulator: Emulator;
  let truth: PortfolioSummary;

  beforeAll(async () => {
    installTestEnv();
    handle = await target.open();
    setDatabaseForTests(handle);
    emulator = await getDemoEmulator()!;
    // The demo clock runs 40 days ahead of the wall clock: the export must follow it.
    await emulator.advanceClock(40 * DAY);
    truth = await seedPortfolio(handle.db, { employers: 2_300, now: await appNow(), seed: 4 });
    const viewer = await seedUser("viewer");
    useCaller(await sessionFor(viewer));
  });
  afterAll(async () => {
    await emulator?.close();
    (globalThis as { perchEmulator?: unknown }).perchEmulator = undefined;
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  it("streams every employer, more than two batches long, named for the demo's day", async () => {
    const response = await GET(new Request("http://localhost/employers/export?sort=changed"));
    expect(response.status).toBe(200);
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,name,customer_id,/);
    expect(lines.length - 1).toBe(truth.active);
    expect(new Set(lines.slice(1).map((line) => line.split(",")[0])).size).toBe(truth.active);
    const day = (await appNow()).toISOString().slice(0, 10);
    expect(day).not.toBe(new Date().toISOString().slice(0, 10));
    expect(response.headers.get("content-disposition")).toContain(`perch-employers-${day}.csv`);
  });

  it("exports exactly the employers needing attention at the demo's now", async () => {
    const response = await GET(new Request("http://localhost/employers/export?attention=any"));
    const rows = (await response.text()).trimEnd().split("\r\n").slice(1);
    expect(rows).toHaveLength(truth.attention.any);
    expect(rows.every((row) => row.includes(",yes,"))).toBe(true);
  });

  it("leads each row with the employer's id, the one the data API takes", async () => {
    const response = await GET(new Request("http://localhost/employers/export?sort=ready"));
    const [header, ...rows] = (await response.text()).trimEnd().split("\r\n");
    const columns = header.split(",");
    expect(columns.slice(0, 3)).toEqual(["id", "name", "customer_id"]);
    const byCustomer = new Map(
      (
        await handle.db
          .select({ id: employers.id, customerId: employers.customerId })
          .from(employers)
      ).map((e) => [e.customerId, e.id]),
    );
    // Seeded names hold no commas, so a plain split finds the columns.
    for (const row of rows.slice(0, 200)) {
      const cells = row.split(",");
      expect(cells[0]).toBe(byCustomer.get(cells[2]));
    }
    expect(columns).toContain("expected_ready_at");
    expect(columns).toContain("last_retrieved_at");
  });

  it("refuses a signed-out caller with a 401", async () => {
    useCaller(ANONYMOUS);
    const response = await GET(new Request("http://localhost/employers/export"));
    expect(response.status).toBe(401);
  });
});
