import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock(
  "next/headers",
  async () => (await import("@/tests/integration/security/support")).nextEdge,
);

import { GET } from "@/app/api/employers/[id]/data/[product]/route";
import { setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { revokeApiKey } from "@/db/queries/api-keys";
import { revokeSessions, updateUser } from "@/db/queries/users";
import { getConnectionProduct } from "@/db/queries/connection-products";
import {
  applyConnectionStatus,
  getConnectionById,
  listConnectionGroups,
} from "@/db/queries/connections";
import { listEvents } from "@/db/queries/events";
import { connections, type Connection, type Employer } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { getDemoEmulator } from "@/lib/demo/emulator";
import type { Emulator } from "@/lib/emulator";
import { env } from "@/lib/env";
import { installTestEnv } from "@/tests/support/app-env";
import { databaseTargets } from "@/tests/support/databases";
import { seedUser } from "@/tests/integration/data/seed";
import { createConnectedEmployer as seedConnectedEmployer } from "@/tests/support/connected-employer";
import { ANONYMOUS, sessionFor, useCaller } from "@/tests/integration/security/support";

const DAY = 86_400_000;
const PRODUCTS = [
  "company",
  "directory",
  "individual",
  "employment",
  "payment",
  "pay_statement",
  "benefits",
];

interface Call {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & {
    error?: { code: string; message: string; [k: string]: unknown };
  };
  text: string;
}

describe.each(databaseTargets())("data proxy on $name", (target) => {
  let handle: DatabaseHandle;
  let emulator: Emulator;
  let apiKey: string;
  let automated: { employer: Employer; connection: Connection; accessToken: string };
  const responses: string[] = [];
  const tokens: string[] = [];

  async function call(
    employerId: string,
    product: string,
    query = "",
    headers: Record<string, string> = { authorization: `Bearer ${apiKey}` },
  ): Promise<Call> {
    const url = `http://localhost:3000/api/employers/${employerId}/data/${product}${query ? `?${query}` : ""}`;
    const response = await GET(new Request(url, { headers }), {
      params: Promise.resolve({ id: employerId, product }),
    });
    const text = await response.text();
    responses.push(text, JSON.stringify([...response.headers]));
    return { status: response.status, headers: response.headers, body: JSON.parse(text), text };
  }

  async function control(path: string, method: string, body?: unknown) {
    const response = await emulator.handle(
      new Request(`${env().publicUrl}/api/finch-emu/_emulator/${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    expect(response.status).toBeLessThan(300);
  }

  beforeAll(async () => {
    installTestEnv();
    handle = await target.open();
    setDatabaseForTests(handle);
    emulator = await getDemoEmulator()!;
    const admin = await seedUser("admin");
    apiKey = (await createApiKey({ name: "warehouse", createdBy: admin.id })).key;
    automated = await seedConnectedEmployer({ assisted: false, products: PRODUCTS });
    tokens.push(automated.accessToken);
  });

  afterAll(async () => {
    // Nothing we sent anywhere may contain a Finch access token.
    for (const token of tokens) {
      for (const text of responses) expect(text).not.toContain(token);
    }
    await emulator.close();
    (globalThis as { perchEmulator?: unknown }).perchEmulator = undefined;
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  beforeEach(() => {
    useCaller(ANONYMOUS);
  });

  describe("authentication", () => {
    it("refuses a caller with neither a session nor an API key", async () => {
      const res = await call(automated.employer.id, "company", "", {});
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe("unauthenticated");
    });

    it("refuses a malformed or unknown key, and never falls back to a cookie", async () => {
      useCaller(await sessionFor(await seedUser("admin")));
      for (const header of [
        "Bearer nope",
        "Basic abc",
        `Bearer perch_live_${"A".repeat(43)}`,
        `Bearer ${apiKey}x`,
      ]) {
        const res = await call(automated.employer.id, "company", "", { authorization: header });
        expect(res.status, header).toBe(401);
      }
    });

    it("accepts a signed-in ops user", async () => {
      const viewer = await seedUser("viewer");
      const session = await sessionFor(viewer);
      useCaller(session);
      // A browser sends the cookie with the request itself, as well as to next/headers.
      const res = await call(automated.employer.id, "company", "", { cookie: session.cookie });
      expect(res.status).toBe(200);
      expect((res.body.data as { legal_name: string }).legal_name).toBeTruthy();
    });

    it("refuses a session that no longer holds: signed out everywhere, or deactivated", async () => {
      const readAs = (cookie: string) => (employerId: string) =>
        call(employerId, "company", "", { cookie });

      const viewer = await seedUser("viewer");
      const viewerSession = await sessionFor(viewer);
      useCaller(viewerSession);
      const asViewer = readAs(viewerSession.cookie);
      expect((await asViewer(automated.employer.id)).status).toBe(200);
      await revokeSessions({ id: viewer.id });
      expect((await asViewer(automated.employer.id)).status).toBe(401);

      const operator = await seedUser("operator");
      const operatorSession = await sessionFor(operator);
      useCaller(operatorSession);
      const asOperator = readAs(operatorSession.cookie);
      expect((await asOperator(automated.employer.id)).status).toBe(200);
      await updateUser({ id: operator.id }, { active: false });
      expect((await asOperator(automated.employer.id)).status).toBe(401);
      // Nor does a refused caller learn whether an employer exists.
      expect((await asOperator("00000000-0000-4000-8000-000000000000")).status).toBe(401);
    });

    it("refuses a revoked key", async () => {
      const admin = await seedUser("admin");
      const { key, record } = await createApiKey({ name: "temp", createdBy: admin.id });
      expect(
        (await call(automated.employer.id, "company", "", { authorization: `Bearer ${key}` }))
          .status,
      ).toBe(200);
      await revokeApiKey({ id: record.id, at: new Date() });
      const res = await call(automated.employer.id, "company", "", {
        authorization: `Bearer ${key}`,
      });
      expect(res.status).toBe(401);
    });
  });

  describe("an automated connection", () => {
    it("returns every product in the envelope with Finch's headers, and records them", async () => {
      const { employer, connection } = automated;
      const today = emulator.now().toISOString().slice(0, 10);
      const yearAgo = new Date(emulator.now().getTime() - 300 * DAY).toISOString().slice(0, 10);

      const directory = await call(employer.id, "directory", "limit=5&offset=2");
      expect(directory.status).toBe(200);
      const dir = directory.body.data as {
        paging: { count: number; offset: number };
        individuals: { id: string }[];
      };
      expect(dir.individuals).toHaveLength(5);
      expect(dir.paging.offset).toBe(2);
      expect(dir.paging.count).toBeGreaterThan(5);
      expect(directory.body).toMatchObject({
        product: "directory",
        connection: { id: connection.id, provider: connection.providerId },
      });
      expect(directory.body.request_id).toBe(directory.headers.get("finch-request-id"));
      expect(directory.headers.get("finch-data-retrieved")).toBeTruthy();
      expect(directory.headers.get("cache-control")).toBe("no-store");
      const freshness = directory.body.freshness as { retrieved_at: string };
      expect(new Date(freshness.retrieved_at).getTime()).toBeLessThanOrEqual(
        emulator.now().getTime(),
      );

      const ids = dir.individuals.slice(0, 2).map((p) => p.id);
      for (const product of ["individual", "employment"]) {
        const res = await call(employer.id, product, `individual_ids=${ids.join(",")}`);
        expect(res.status, product).toBe(200);
        expect(res.body.partial).toBe(false);
        expect((res.body.items as { id: string }[]).map((i) => i.id)).toEqual(ids);
      }

      const payments = await call(
        employer.id,
        "payment",
        `start_date=${yearAgo}&end_date=${today}`,
      );
      expect(payments.status).toBe(200);
      const runs = payments.body.data as { id: string; pay_date: string }[];
      expect(runs.length).toBeGreaterThan(3);

      const statements = await call(
        employer.id,
        "pay-statement",
        `payment_ids=${runs[0].id}&payment_ids=no-such-payment&limit=3`,
      );
      expect(statements.status).toBe(200);
      expect(statements.body.partial).toBe(true);
      expect(statements.body.items).toEqual([
        expect.objectContaining({ id: runs[0].id, status: "ok", code: 200 }),
        expect.objectContaining({
          id: "no-such-payment",
          status: "not_found",
          code: 404,
          finch_code: "payment_not_found",
        }),
      ]);
      const first = (
        statements.body.data as { responses: { body: { pay_statements: unknown[] } }[] }
      ).responses[0];
      expect(first.body.pay_statements).toHaveLength(3);

      const benefits = await call(employer.id, "benefits", "include=enrolled_count");
      expect(benefits.status).toBe(200);
      const list = benefits.body.data as { benefit_id: string; enrolled_count: number }[];
      expect(list.length).toBeGreaterThan(0);
      expect(list.every((b) => typeof b.enrolled_count === "number")).toBe(true);

      const company = await call(employer.id, "company");
      expect(company.status).toBe(200);

      const stored = await getConnectionProduct({
        connectionId: connection.id,
        product: "payment",
      });
      expect(stored).toMatchObject({
        lastHttpStatus: 200,
        lastRequestId: payments.body.request_id,
      });
      expect(stored?.dataRetrievedAt).toBeInstanceOf(Date);
      expect(stored?.firstReadyAt).toBeInstanceOf(Date);

      const ready = await listEvents({ employerId: employer.id, type: "data.ready" });
      expect(ready.map((e) => e.data.group).sort()).toEqual([
        "deductions",
        "organization",
        "payroll",
      ]);
    });

    it("reports unknown individuals per item, not as a failed call", async () => {
      const res = await call(automated.employer.id, "individual", "individual_ids=ghost-1");
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({ id: "ghost-1", status: "not_found", code: 404 }),
      ]);
    });

    it("rejects bad parameters with the field at fault", async () => {
      const id = automated.employer.id;
      const cases: [string, string, string][] = [
        ["directory", "limit=0", "limit"],
        ["directory", "limit=501", "limit"],
        ["directory", "offset=-1", "offset"],
        ["directory", "colour=blue", "colour"],
        ["individual", "", "individual_ids"],
        [
          "employment",
          `individual_ids=${Array.from({ length: 101 }, (_, i) => `id${i}`).join(",")}`,
          "individual_ids",
        ],
        ["payment", "start_date=2026-01-01", "end_date"],
        ["payment", "start_date=2026-02-30&end_date=2026-03-01", "start_date"],
        ["payment", "start_date=2026-03-01&end_date=2026-01-01", "start_date"],
        ["payment", "start_date=2024-01-01&end_date=2025-06-01", "end_date"],
        [
          "pay-statement",
          `payment_ids=${Array.from({ length: 11 }, (_, i) => `p${i}`).join(",")}`,
          "payment_ids",
        ],
        ["pay-statement", "payment_ids=p1&limit=501", "limit"],
        ["benefits", "include=everything", "include"],
      ];
      for (const [product, query, field] of cases) {
        const res = await call(id, product, query);
        expect(res.status, `${product}?${query}`).toBe(400);
        expect(res.body.error?.code).toBe("invalid_input");
        expect(Object.keys(res.body.error?.fieldErrors as object), `${product}?${query}`).toContain(
          field,
        );
      }
      expect((await call(id, "salaries")).status).toBe(404);
      expect((await call("00000000-0000-4000-8000-000000000000", "company")).body.error?.code).toBe(
        "not_found",
      );
    });

    it("passes rate limits and outages on as retry-able errors without touching freshness", async () => {
      const { employer, connection } = automated;
      const before = await getConnectionProduct({
        connectionId: connection.id,
        product: "company",
      });
      await control("faults", "PUT", {
        rules: [{ path: "/employer/company", rate_429: 1, retry_after: 7, count: 1 }],
      });
      const limited = await call(employer.id, "company");
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("7");
      expect(limited.body.error).toMatchObject({ code: "rate_limited", retryable: true });

      await control("faults", "PUT", {
        rules: [{ path: "/employer/company", rate_5xx: 1, count: 1 }],
      });
      const outage = await call(employer.id, "company");
      expect(outage.status).toBe(503);
      expect(outage.body.error).toMatchObject({ code: "finch_unavailable", retryable: true });
      await control("faults", "DELETE");

      const after = await getConnectionProduct({ connectionId: connection.id, product: "company" });
      expect(after?.dataRetrievedAt).toEqual(before?.dataRetrievedAt);
      expect(after?.lastAttemptedAt).toEqual(before?.lastAttemptedAt);
      expect(after?.lastAttemptResult).toEqual(before?.lastAttemptResult);
      expect(after?.firstReadyAt).toEqual(before?.firstReadyAt);

      expect((await call(employer.id, "company")).status).toBe(200);
    });

    it("records every change of answer, even seconds apart: 200, an outage, 200 again", async () => {
      const { employer, connection } = await seedConnectedEmployer({
        assisted: false,
        products: PRODUCTS,
      });
      const status = async () =>
        (await getConnectionProduct({ connectionId: connection.id, product: "company" }))
          ?.lastHttpStatus;
      expect((await call(employer.id, "company")).status).toBe(200);
      // The same answer again moments later is not written again (lib/data-proxy/recent-reads)…
      expect((await call(employer.id, "company")).status).toBe(200);
      expect(await status()).toBe(200);
      await control("faults", "PUT", {
        rules: [{ path: "/employer/company", rate_5xx: 1, status_5xx: 502, count: 1 }],
      });
      expect((await call(employer.id, "company")).status).toBe(503);
      expect(await status()).toBe(502);
      // …but the 200 after the outage is, though it equals the one before.
      expect((await call(employer.id, "company")).status).toBe(200);
      expect(await status()).toBe(200);
    });

    it("records a failed read as an event only when its answer is news", async () => {
      const { employer } = await seedConnectedEmployer({ assisted: false, products: PRODUCTS });
      const errors = () => listEvents({ employerId: employer.id, type: "data.error" });
      // The first answer for a product is news, even a failure; the same failure again is not.
      await control("faults", "PUT", {
        rules: [{ path: "/employer/directory", rate_5xx: 1, count: 2 }],
      });
      expect((await call(employer.id, "directory")).status).toBe(503);
      expect((await call(employer.id, "directory")).status).toBe(503);
      expect(await errors()).toHaveLength(1);
      // A different failure is news again.
      await control("faults", "PUT", {
        rules: [{ path: "/employer/directory", rate_429: 1, retry_after: 30, count: 1 }],
      });
      expect((await call(employer.id, "directory")).status).toBe(429);
      await control("faults", "DELETE");
      const recorded = await errors();
      expect(recorded).toHaveLength(2);
      expect(recorded.map((e) => e.data.status).sort()).toEqual([429, expect.any(Number)]);
      expect(recorded.every((e) => e.source === "proxy" && e.data.product === "directory")).toBe(
        true,
      );
    });

    it("turns Finch's 401 into a clear error and updates the connection's status", async () => {
      const seeded = await seedConnectedEmployer({
        assisted: false,
        name: "Reauth Co",
        products: PRODUCTS,
      });
      tokens.push(seeded.accessToken);
      await control(`connections/${seeded.connection.finchConnectionId}/status`, "POST", {
        status: "reauth",
      });
      const res = await call(seeded.employer.id, "directory");
      expect(res.status).toBe(502);
      expect(res.body.error).toMatchObject({
        code: "finch_auth",
        retryable: false,
        connection_status: "reauth",
        finch_code: "reauthenticate_user",
      });
      expect((await getConnectionById({ id: seeded.connection.id }))?.status).toBe("reauth");
      const changes = await listEvents({
        employerId: seeded.employer.id,
        type: "connection.status_changed",
      });
      expect(changes[0]).toMatchObject({ source: "proxy", data: { to: "reauth" } });
    });
  });

  describe("an assisted connection", () => {
    it("answers 202 with the pending body until each group is ready, then 200", async () => {
      const seeded = await seedConnectedEmployer({
        assisted: true,
        name: "Slow Payroll Inc",
        products: PRODUCTS,
      });
      tokens.push(seeded.accessToken);
      const { employer, connection } = seeded;
      const range = () => {
        const now = emulator.now();
        return `start_date=${new Date(now.getTime() - 200 * DAY).toISOString().slice(0, 10)}&end_date=${now.toISOString().slice(0, 10)}`;
      };

      const waiting = await call(employer.id, "directory");
      expect(waiting.status).toBe(202);
      expect(waiting.body).toMatchObject({
        status: "pending",
        product: "directory",
        group: "organization",
        expected_ready_at: null,
      });
      expect(String(waiting.body.message)).toMatch(/verified the employer's permissions/);

      // Finch verifies permissions after a few hours; the status sweep or a webhook records it.
      await emulator.advanceClock(5 * 3_600_000);
      const verifiedAt = emulator.now();
      await applyConnectionStatus({
        connectionId: connection.id,
        status: "processing",
        at: verifiedAt,
        source: "introspect",
        timeZone: env().timeZone,
      });
      const groups = await listConnectionGroups({ connectionId: connection.id });
      const organization = groups.find((g) => g.group === "organization");

      for (const product of ["company", "directory", "payment", "benefits"]) {
        const res = await call(employer.id, product, product === "payment" ? range() : "");
        expect(res.status, product).toBe(202);
        expect(res.body.data).toBeUndefined();
      }
      const again = await call(employer.id, "directory");
      expect(again.body.expected_ready_at).toBe(organization?.expectedReadyAt?.toISOString());
      expect(String(again.body.message)).toMatch(/Expected ready by/);
      expect(
        (await getConnectionProduct({ connectionId: connection.id, product: "directory" }))
          ?.lastHttpStatus,
      ).toBe(202);

      // Deductions are ready after a week; organization and payroll still configuring.
      await emulator.advanceClock(7 * DAY + 3_600_000);
      expect((await call(employer.id, "benefits")).status).toBe(200);
      expect((await call(employer.id, "directory")).status).toBe(202);

      await emulator.advanceClock(7 * DAY);
      const directory = await call(employer.id, "directory", "limit=10");
      expect(directory.status).toBe(200);
      expect((directory.body.data as { individuals: unknown[] }).individuals.length).toBe(10);
      expect((await call(employer.id, "payment", range())).status).toBe(200);

      const pending = await listEvents({ employerId: employer.id, type: "data.pending" });
      // One per product on its first 202, not one per call.
      expect(pending.map((e) => e.data.product).sort()).toEqual([
        "benefits",
        "company",
        "directory",
        "payment",
      ]);
      const ready = await listEvents({ employerId: employer.id, type: "data.ready" });
      expect(ready.map((e) => e.data.group).sort()).toEqual([
        "deductions",
        "organization",
        "payroll",
      ]);
      const stored = await getConnectionProduct({
        connectionId: connection.id,
        product: "directory",
      });
      expect(stored?.lastHttpStatus).toBe(200);
      // Ready on the first 200, not before: after the 14-day period that started at verification.
      expect(stored!.firstReadyAt!.getTime()).toBeGreaterThan(verifiedAt.getTime() + 14 * DAY);
      const readyGroups = await listConnectionGroups({ connectionId: connection.id });
      expect(readyGroups.every((g) => g.readyAt)).toBe(true);
    });
  });

  describe("alert instants", () => {
    async function employerRow(id: string) {
      const result = (await handle.db.execute(
        sql`select xmin::text as version, stale_data_at from employers where id = ${id}`,
      )) as unknown as
        | { version: string; stale_data_at: string | Date | null }[]
        | { rows: { version: string; stale_data_at: string | Date | null }[] };
      const [row] = Array.isArray(result) ? result : result.rows;
      return {
        version: row.version,
        staleDataAt: row.stale_data_at ? new Date(row.stale_data_at).getTime() : null,
      };
    }

    it("move when Finch's data is fresher, and leave the employer row alone when it is not", async () => {
      const { employer } = await seedConnectedEmployer({ assisted: false, products: PRODUCTS });
      expect((await call(employer.id, "directory")).status).toBe(200);
      const first = await employerRow(employer.id);
      expect(first.staleDataAt).not.toBeNull();

      // The same Finch-Data-Retrieved again: nothing the alerts read changed, so no rewrite.
      expect((await call(employer.id, "directory")).status).toBe(200);
      expect(await employerRow(employer.id)).toEqual(first);

      // Two days on, Finch has synced since: the stale-data alert now begins later.
      await emulator.advanceClock(2 * DAY);
      const fresher = await call(employer.id, "directory");
      expect(fresher.status).toBe(200);
      const after = await employerRow(employer.id);
      expect(after.staleDataAt).toBeGreaterThan(first.staleDataAt!);
    });
  });

  // A signed-in user's repeat read asks Finch while the database answers (lib/data-proxy/read-ahead).
  describe("reading ahead", () => {
    // Finch limits each product to 20 calls a minute per application: these use directory.
    const people = (res: Call) =>
      (res.body.data as { individuals: { id: string }[] }).individuals.map((p) => p.id);

    it("asks Finch once per read, and answers from the connection as it is now", async () => {
      const first = await seedConnectedEmployer({ assisted: false, products: PRODUCTS });
      const other = await seedConnectedEmployer({ assisted: false, products: PRODUCTS });
      tokens.push(first.accessToken, other.accessToken);
      const otherPeople = people(await call(other.employer.id, "directory"));
      const viewer = await seedUser("viewer");
      const session = await sessionFor(viewer);
      useCaller(session);
      const read = () => call(first.employer.id, "directory", "", { cookie: session.cookie });
      const asked = vi.spyOn(emulator, "handle");
      try {
        const before = await read();
        const again = await read();
        expect(again.body.data).toEqual(before.body.data);
        expect(people(before)).not.toEqual(otherPeople);
        expect(asked).toHaveBeenCalledTimes(2);

        // The employer's connection now holds another Finch connection's token: the read started
        // early with the old one is dropped, and Finch asked again with the new one.
        await handle.db
          .update(connections)
          .set({
            accessTokenCiphertext: other.connection.accessTokenCiphertext,
            accessTokenKeyId: other.connection.accessTokenKeyId,
          })
          .where(eq(connections.id, first.connection.id));
        asked.mockClear();
        expect(people(await read())).toEqual(otherPeople);
        expect(asked).toHaveBeenCalledTimes(2);
        asked.mockClear();
        expect(people(await read())).toEqual(otherPeople);
        expect(asked).toHaveBeenCalledTimes(1);

        // A connection that no longer grants the product answers 409, whatever was asked early.
        await handle.db
          .update(connections)
          .set({ products: ["company"] })
          .where(eq(connections.id, first.connection.id));
        expect((await read()).status).toBe(409);
      } finally {
        asked.mockRestore();
      }
    });

    it("stops asking early for a user whose session no longer holds", async () => {
      const { employer, accessToken } = await seedConnectedEmployer({
        assisted: false,
        products: PRODUCTS,
      });
      tokens.push(accessToken);
      const viewer = await seedUser("viewer");
      const session = await sessionFor(viewer);
      useCaller(session);
      const read = () => call(employer.id, "directory", "", { cookie: session.cookie });
      expect((await read()).status).toBe(200);
      await updateUser({ id: viewer.id }, { active: false });
      const asked = vi.spyOn(emulator, "handle");
      try {
        expect((await read()).status).toBe(401);
        expect((await read()).status).toBe(401);
        // An early call is not awaited by a refused request: give any that started time to land.
        await new Promise((resolve) => setTimeout(resolve, 200));
        // One early call went out before the check refused the session; none after it.
        expect(asked).toHaveBeenCalledTimes(1);
      } finally {
        asked.mockRestore();
      }
    });
  });
});
