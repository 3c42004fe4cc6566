import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { iterateEmployers, listEmployers, type EmployerSort } from "@/db/queries/employer-list";
import { employers } from "@/db/schema";
import { databaseTargets } from "@/tests/support/databases";
import { installTestEnv } from "@/tests/support/app-env";

describe.each(databaseTargets())("employer list on $name", (target) => {
  const now = new Date(Date.UTC(2026, 5, 1));
  let handle: DatabaseHandle;

  beforeAll(async () => {
    installTestEnv();
    handle = await target.open();
    setDatabaseForTests(handle);
    const db = await getDb();
    const statuses = ["connected", "pending", null, "reauth"];
    await db.insert(employers).values(
      Array.from({ length: 23 }, (_, i) => ({
        // Duplicate names and change times make the id tie-break matter.
        name: `${i % 3 === 0 ? "Acme" : "Birch"} ${i % 5} ${i === 7 ? "100%_off" : ""}`.trim(),
        customerId: `cus-${String(i).padStart(3, "0")}`,
        connectionStatus: statuses[i % 4],
        statusChangedAt: statuses[i % 4] ? new Date(Date.UTC(2026, 0, 1 + (i % 6))) : null,
        attentionAt: i % 4 === 3 ? new Date(Date.UTC(2026, 0, 1)) : null,
        reauthNeededAt: i % 4 === 3 ? new Date(Date.UTC(2026, 0, 1)) : null,
      })),
    );
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  it.each<EmployerSort>(["name", "status", "changed", "created", "ready", "retrieved"])(
    "pages through every employer once, forwards and back, sorted by %s",
    async (sort) => {
      const seen: string[] = [];
      const cursors: (string | undefined)[] = [undefined];
      let page = await listEmployers({ now, sort, pageSize: 5 });
      expect(page.total).toBe(23);
      expect(page.prevCursor).toBeNull();
      seen.push(...page.rows.map((r) => r.id));
      while (page.nextCursor) {
        cursors.push(page.nextCursor);
        page = await listEmployers({ now, sort, pageSize: 5, after: page.nextCursor });
        seen.push(...page.rows.map((r) => r.id));
      }
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
      // Going back from the last page returns exactly the page before it.
      const back = await listEmployers({ now, sort, pageSize: 5, before: page.prevCursor! });
      expect(back.rows.map((r) => r.id)).toEqual(seen.slice(15, 20));
      expect(back.nextCursor).not.toBeNull();
    },
  );

  it("searches name and customer id, with LIKE wildcards taken literally", async () => {
    expect((await listEmployers({ now, q: "ACME" })).total).toBe(8);
    expect((await listEmployers({ now, q: "cus-01" })).total).toBe(10);
    const literal = await listEmployers({ now, q: "100%_" });
    expect(literal.rows.map((r) => r.name)).toEqual(["Birch 2 100%_off"]);
    expect((await listEmployers({ now, q: "%" })).total).toBe(1);
  });

  it("filters by status, never connected and attention kind", async () => {
    expect((await listEmployers({ now, status: "pending" })).total).toBe(6);
    expect((await listEmployers({ now, status: "none" })).total).toBe(6);
    expect((await listEmployers({ now, attention: "any" })).total).toBe(5);
    expect((await listEmployers({ now, attention: "reauth_needed" })).total).toBe(5);
    expect((await listEmployers({ now, attention: "stale_data" })).total).toBe(0);
  });

  it("exports every match in batches", async () => {
    const batches: number[] = [];
    for await (const rows of iterateEmployers({ now, q: "birch" }, 4)) batches.push(rows.length);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(15);
    expect(Math.max(...batches)).toBe(4);
  });

  it("ignores a forged cursor instead of failing", async () => {
    const page = await listEmployers({ now, after: "not-a-cursor", pageSize: 5 });
    expect(page.rows).toHaveLength(5);
  });
});
