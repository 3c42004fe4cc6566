import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Auth.js is the network edge here: the session is given, the scope and role checks are real.
vi.mock(
  "next/headers",
  async () => (await import("@/tests/integration/security/support")).nextEdge,
);

import { GET as getEmployer } from "@/app/api/employers/[id]/route";
import { GET as getData } from "@/app/api/employers/[id]/data/[product]/route";
import { GET as listEmployersApi } from "@/app/api/employers/route";
import { setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { revokeApiKey } from "@/db/queries/api-keys";
import { employers, type Employer } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { installTestEnv } from "@/tests/support/app-env";
import { databaseTargets } from "@/tests/support/databases";
import { seedUser } from "@/tests/integration/data/seed";
import { ANONYMOUS, sessionFor, useCaller } from "@/tests/integration/security/support";

const BASE = "http://localhost:3000/api/employers";

interface Body {
  data?: unknown;
  next_cursor?: string | null;
  has_more?: boolean;
  error?: { code: string; message: string };
}

describe.each(databaseTargets())("employers data API on $name", (target) => {
  let handle: DatabaseHandle;
  const keys: Record<"list" | "read" | "write", string> = { list: "", read: "", write: "" };

  let rows: Employer[] = [];

  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  async function list(query: string, headers: Record<string, string> = bearer(keys.list)) {
    const response = await listEmployersApi(new Request(`${BASE}${query}`, { headers }));
    return { status: response.status, body: (await response.json()) as Body };
  }
  async function one(ref: string, headers: Record<string, string> = bearer(keys.read)) {
    const response = await getEmployer(
      new Request(`${BASE}/${encodeURIComponent(ref)}`, { headers }),
      {
        params: Promise.resolve({ id: ref }),
      },
    );
    return { status: response.status, body: (await response.json()) as Body };
  }

  beforeAll(async () => {
    installTestEnv();
    handle = await target.open();
    setDatabaseForTests(handle);
    const admin = await seedUser("admin");
    const listKey = await createApiKey({
      name: "catalogue",
      scope: "employers:read",
      createdBy: admin.id,
    });
    keys.list = listKey.key;

    keys.read = (
      await createApiKey({ name: "reader", scope: "data:read", createdBy: admin.id })
    ).key;
    keys.write = (
      await createApiKey({ name: "writer", scope: "data:write", createdBy: admin.id })
    ).key;
    rows = await handle.db
      .insert(employers)
      .values(
        Array.from({ length: 23 }, (_, i) => ({
          // Duplicate names make the id tie-break matter.
          name: `Employer ${i % 4}`,
          customerId: i === 5 ? "acme/42 & co" : `api-${i}`,
          archivedAt: i === 22 ? new Date("2026-01-01T00:00:00Z") : null,
        })),
      )
      .returning();
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  it("pages an employers:read key through every unarchived employer exactly once", async () => {
    const seen: string[] = [];
    let page = await list("?limit=5");
    expect(page.status).toBe(200);
    for (;;) {
      seen.push(...(page.body.data as { id: string }[]).map((e) => e.id));
      if (!page.body.next_cursor) break;
      expect(page.body.has_more).toBe(true);
      page = await list(`?limit=5&cursor=${page.body.next_cursor}`);
    }
    const active = rows.filter((e) => !e.archivedAt).map((e) => e.id);
    expect(seen).toHaveLength(active.length);
    expect(new Set(seen)).toEqual(new Set(active));
    expect(page.body.has_more).toBe(false);
  });

  it("shows each employer's id, customer id and where its data is read", async () => {
    const { body } = await list("?limit=1");
    const [first] = body.data as Record<string, unknown>[];
    const row = rows.find((e) => e.id === first.id)!;
    expect(first).toMatchObject({
      id: row.id,
      name: row.name,
      customer_id: row.customerId,
      status: null,
      archived: false,
      data_url: `/api/employers/${row.id}/data`,
    });
  });

  it("finds one employer by the caller's own customer id", async () => {
    const { status, body } = await list(`?customer_id=${encodeURIComponent("acme/42 & co")}`);
    expect(status).toBe(200);
    expect((body.data as { id: string }[]).map((e) => e.id)).toEqual([rows[5].id]);
    const none = await list("?customer_id=nobody");
    expect(none.body.data).toEqual([]);
    expect(none.body.next_cursor).toBeNull();
  });

  it("refuses to list with a key that only reads or writes data, or is revoked", async () => {
    for (const key of [keys.read, keys.write]) {
      const { status, body } = await list("", bearer(key));
      expect(status).toBe(401);
      expect(body.error?.message).toContain("employers:read");
    }
    const other = await createApiKey({
      name: "short-lived",
      scope: "employers:read",
      createdBy: null,
    });
    await revokeApiKey({ id: other.record.id, at: new Date() });
    expect((await list("", bearer(other.key))).status).toBe(401);
  });

  it("lets signed-in staff list, and refuses anonymous callers", async () => {
    expect((await list("", {})).status).toBe(401);
    const viewer = await seedUser("viewer");
    useCaller(await sessionFor(viewer));
    expect((await list("?limit=2", {})).status).toBe(200);
    useCaller(ANONYMOUS);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=501", "limit"],
    ["sort=sideways", "sort"],
    ["colour=blue", "Unknown parameter: colour"],
    ["cursor=forged", "cursor"],
  ])("answers a bad parameter (%s) with a 400 that names it", async (query, names) => {
    const { status, body } = await list(`?${query}`);
    expect(status).toBe(400);
    expect(body.error?.code).toBe("invalid_input");
    expect(body.error?.message).toContain(names);
  });

  it("reads one employer by id or customer_id:, with any data key", async () => {
    const byId = await one(rows[5].id);
    expect(byId.status).toBe(200);
    expect((byId.body.data as { id: string }).id).toBe(rows[5].id);
    for (const ref of ["customer_id:acme/42 & co", "customer_id%3Aacme%2F42%20%26%20co"]) {
      const found = await one(ref, bearer(keys.write));
      expect(found.status).toBe(200);
      expect((found.body.data as { id: string }).id).toBe(rows[5].id);
    }
  });

  it.each([
    "customer_id:nobody",
    "00000000-0000-4000-8000-000000000000",
    "not-an-id",
    "customer_id:",
  ])("answers 404 for an unknown employer (%s)", async (ref) => {
    const { status, body } = await one(ref);
    expect(status).toBe(404);
    expect(body.error?.message).toContain("customer_id:");
  });

  it("refuses the one-employer read to a list-only key", async () => {
    expect((await one(rows[0].id, bearer(keys.list))).status).toBe(401);
  });

  it("reads data by customer_id: too (here: not connected yet, so a 409 rather than a 404)", async () => {
    const call = (ref: string) =>
      getData(new Request(`${BASE}/${ref}/data/company`, { headers: bearer(keys.read) }), {
        params: Promise.resolve({ id: ref, product: "company" }),
      });
    expect((await call("customer_id:api-3")).status).toBe(409);
    expect((await call("customer_id:nobody")).status).toBe(404);
  });
});
