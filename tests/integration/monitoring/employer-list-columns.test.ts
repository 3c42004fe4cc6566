import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabaseForTests, type Database } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import {
  encodeCursor,
  getEmployerRowDetails,
  listEmployers,
  type EmployerSort,
} from "@/db/queries/employer-list";
import {
  connectionEntities,
  connectionGroups,
  connectionProducts,
  connections,
  employerOwners,
  employers,
  users,
} from "@/db/schema";
import { databaseTargets } from "@/tests/support/databases";
import { installTestEnv } from "@/tests/support/app-env";

const at = (day: number) => new Date(Date.UTC(2026, 5, day, 9));

/**
 * The list's "what lands next" and "last retrieved" columns: kept on employers by triggers where
 * groups and products change (migration 0006), sorted exactly through their indexes.
 */
describe.each(databaseTargets())("employer list columns on $name", (target) => {
  const now = at(1);
  let handle: DatabaseHandle;
  let db: Database;
  let seq = 0;

  async function employerWithConnection(name: string, options: { assisted?: boolean } = {}) {
    seq += 1;
    const [employer] = await db
      .insert(employers)
      .values({ name, customerId: `col-${seq}` })
      .returning();
    const [connection] = await db
      .insert(connections)
      .values({
        employerId: employer.id,
        finchConnectionId: `fc-${seq}`,
        providerId: "gusto",
        assisted: options.assisted ?? true,
        products: ["company", "directory", "payment", "benefits"],
        status: "processing",
        permissionsVerifiedAt: at(1),
      })
      .returning();
    return { employer, connection };
  }

  const read = async (id: string) =>
    (await db.select().from(employers).where(eq(employers.id, id)))[0];

  beforeAll(async () => {
    installTestEnv();
    handle = await target.open();
    setDatabaseForTests(handle);
    db = handle.db;
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  it("keeps expected-ready at the latest unready live group, following readiness and disconnects", async () => {
    const { employer, connection } = await employerWithConnection("Keeps Expected");
    expect((await read(employer.id)).expectedReadyAt).toBeNull();
    await db.insert(connectionGroups).values([
      { connectionId: connection.id, group: "organization", expectedReadyAt: at(15) },
      { connectionId: connection.id, group: "deductions", expectedReadyAt: at(8) },
    ]);
    expect((await read(employer.id)).expectedReadyAt).toEqual(at(15));
    // The group landing last becomes ready: the next one to land is what remains.
    await db
      .update(connectionGroups)
      .set({ readyAt: at(10) })
      .where(eq(connectionGroups.group, "organization"));
    expect((await read(employer.id)).expectedReadyAt).toEqual(at(8));
    // A disconnected connection's groups no longer land.
    await db
      .update(connections)
      .set({ disconnectedAt: at(11) })
      .where(eq(connections.id, connection.id));
    expect((await read(employer.id)).expectedReadyAt).toBeNull();
    await db
      .update(connections)
      .set({ disconnectedAt: null })
      .where(eq(connections.id, connection.id));
    expect((await read(employer.id)).expectedReadyAt).toEqual(at(8));
    await db.delete(connectionGroups).where(eq(connectionGroups.connectionId, connection.id));
    expect((await read(employer.id)).expectedReadyAt).toBeNull();
  });

  it("keeps last retrieved at the newest Finch-Data-Retrieved of any product", async () => {
    const { employer, connection } = await employerWithConnection("Keeps Retrieved");
    await db.insert(connectionProducts).values([
      { connectionId: connection.id, product: "company", dataRetrievedAt: at(3) },
      { connectionId: connection.id, product: "directory", dataRetrievedAt: null },
    ]);
    expect((await read(employer.id)).lastRetrievedAt).toEqual(at(3));
    await db
      .update(connectionProducts)
      .set({ dataRetrievedAt: at(5) })
      .where(eq(connectionProducts.product, "directory"));
    expect((await read(employer.id)).lastRetrievedAt).toEqual(at(5));
    await db.delete(connectionProducts).where(eq(connectionProducts.connectionId, connection.id));
    expect((await read(employer.id)).lastRetrievedAt).toBeNull();
  });

  it("sorts by what lands next and by stalest data, exactly, with ties broken by id", async () => {
    await db.delete(employers);
    const expected = [at(20), at(9), null, at(9), at(30), null, at(9)];
    const retrieved = [null, at(2), at(1), at(2), null, at(3), at(1)];
    const ids: string[] = [];
    for (let i = 0; i < expected.length; i++) {
      const { employer, connection } = await employerWithConnection(`Sorted ${i}`);
      ids.push(employer.id);
      if (expected[i])
        await db
          .insert(connectionGroups)
          .values({ connectionId: connection.id, group: "payroll", expectedReadyAt: expected[i] });
      if (retrieved[i])
        await db.insert(connectionProducts).values({
          connectionId: connection.id,
          product: "company",
          dataRetrievedAt: retrieved[i],
        });
    }
    const order = (values: (Date | null)[]) =>
      ids
        .map((id, i) => ({ id, key: values[i]?.getTime() ?? Infinity }))
        .sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((r) => r.id);
    const walk = async (sort: EmployerSort) => {
      const seen: string[] = [];
      let page = await listEmployers({ now, sort, pageSize: 2 }, db);
      seen.push(...page.rows.map((r) => r.id));
      while (page.nextCursor) {
        page = await listEmployers({ now, sort, pageSize: 2, after: page.nextCursor }, db);
        seen.push(...page.rows.map((r) => r.id));
      }
      return seen;
    };
    expect(await walk("ready")).toEqual(order(expected));
    expect(await walk("retrieved")).toEqual(order(retrieved));
    // Paging back from the end across the "nothing pending" tail returns the page before it.
    const all = order(expected);
    const tail = await listEmployers(
      { now, sort: "ready", pageSize: 2, before: encodeCursor("infinity", all[6]) },
      db,
    );
    expect(tail.rows.map((r) => r.id)).toEqual(all.slice(4, 6));
  });

  it("keeps the name search's trigram indexes without a pending list", async () => {
    // A pending list is read linearly by every search and grows with every employer update.
    const result = await db.execute(
      sql`select c.relname, c.reloptions from pg_class c
          where c.relname in ('employers_name_trgm_idx', 'employers_customer_id_trgm_idx')
          order by c.relname`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      relname: string;
      reloptions: string[] | string | null;
    }[];
    expect(rows.map((r) => r.relname)).toEqual([
      "employers_customer_id_trgm_idx",
      "employers_name_trgm_idx",
    ]);
    for (const row of rows) expect(String(row.reloptions), row.relname).toContain("fastupdate=off");
  });

  it("reads each sort from its partial index, never a sort of the whole table", async () => {
    for (const [sort, index] of [
      ["ready", "employers_expected_ready_sort_idx"],
      ["retrieved", "employers_retrieved_sort_idx"],
    ] as const) {
      const key =
        sort === "ready"
          ? "coalesce(expected_ready_at, 'infinity'::timestamptz)"
          : "coalesce(last_retrieved_at, 'infinity'::timestamptz)";
      // Planner settings are per session: turn off the seq scan so a small table still shows
      // whether an index in the list's order exists at all.
      const plan = await handle.db.transaction(async (tx) => {
        await tx.execute("set local enable_seqscan = off");
        await tx.execute("set local enable_sort = off");
        const result = await tx.execute(
          `explain select id from employers where archived_at is null order by ${key}, id limit 50`,
        );
        const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
          "QUERY PLAN": string;
        }[];
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/\bSort\b/);
    }
  });

  it("gives each listed row its owner, configuration inputs and entity counts in one query", async () => {
    const { employer, connection } = await employerWithConnection("Owned");
    const [owner] = await db
      .insert(users)
      .values({ email: `owner-${seq}@example.com`, name: "Olive Owner", role: "operator" })
      .returning();
    await db.insert(employerOwners).values({ employerId: employer.id, userId: owner.id });
    await db.insert(connectionGroups).values([
      { connectionId: connection.id, group: "deductions", readyAt: at(5) },
      { connectionId: connection.id, group: "payroll", readyAt: null },
    ]);
    await db.insert(connectionEntities).values(
      (["connected", "reauth", "error_permissions", "disconnected"] as const).map((status, i) => ({
        connectionId: connection.id,
        employerId: employer.id,
        finchEntityId: `entity-${seq}-${i}`,
        status,
      })),
    );
    // An older, disconnected connection is not the current one.
    await db.insert(connections).values({
      employerId: employer.id,
      finchConnectionId: `fc-${seq}-old`,
      providerId: "gusto",
      assisted: false,
      products: ["company"],
      status: "disconnected",
      disconnectedAt: at(2),
      createdAt: at(3),
    });
    const { employer: bare } = await employerWithConnection("No owner");
    seq += 1;
    const [unconnected] = await db
      .insert(employers)
      .values({ name: "Never connected", customerId: `col-${seq}` })
      .returning();

    const details = await getEmployerRowDetails(
      { employerIds: [employer.id, bare.id, unconnected.id] },
      db,
    );
    expect(details.get(employer.id)).toEqual({
      owner: { name: "Olive Owner", email: owner.email },
      connection: {
        assisted: true,
        products: ["company", "directory", "payment", "benefits"],
        verifiedAt: at(1),
        readyAtByGroup: { deductions: at(5), payroll: null },
      },
      // Disconnected entities are not counted; two of the three live ones need attention.
      entities: { total: 3, needsAttention: 2 },
    });
    expect(details.get(bare.id)).toMatchObject({ owner: null, entities: null });
    expect(details.get(bare.id)?.connection?.readyAtByGroup).toEqual({});
    expect(details.get(unconnected.id)).toEqual({ owner: null, connection: null, entities: null });
    expect(await getEmployerRowDetails({ employerIds: [] }, db)).toEqual(new Map());
  });
});
