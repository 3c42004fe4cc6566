import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock(
  "next/headers",
  async () => (await import("@/tests/integration/security/support")).nextEdge,
);

import { POST as enrollRoute } from "@/app/api/employers/[id]/benefits/[benefitId]/enrollments/route";
import { POST as unenrollRoute } from "@/app/api/employers/[id]/benefits/[benefitId]/unenrollments/route";
import { POST as createRoute } from "@/app/api/employers/[id]/benefits/route";
import { requestDeductionChangeAction } from "@/app/(dashboard)/employers/[id]/deduction-actions";
import { GET as changeRoute } from "@/app/api/employers/[id]/deduction-changes/[changeId]/route";
import { getDb } from "@/db";
import {
  countDeductionChanges,
  getDeductionChange,
  listDeductionChanges,
  listFailedOrOverdueChanges,
} from "@/db/queries/deduction-changes";
import { listEvents } from "@/db/queries/events";
import { deductionChanges } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { checkDeductionChanges, requestDeductionChange } from "@/lib/deductions/changes";
import type { DeductionChangeRequest } from "@/lib/deductions/requests";
import { AppError } from "@/lib/errors";
import { finchForConnection } from "@/lib/finch/client";
import { runSweep } from "@/lib/monitoring/sweep";
import { seedUser } from "@/tests/integration/data/seed";
import {
  DAY,
  HOUR,
  openWorld,
  seedConnection,
  type MonitoringWorld,
  type Seeded,
} from "@/tests/integration/monitoring/support";
import { databaseTargets } from "@/tests/support/databases";
import { ANONYMOUS, sessionFor, useCaller } from "@/tests/integration/security/support";

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe.each(databaseTargets())("deduction write-back on $name", (target) => {
  let world: MonitoringWorld;
  let operator: { id: string; email: string };
  let automated: Seeded;
  let people: string[];
  let benefitId: string;
  let writeKey: string;
  let readKey: string;

  beforeAll(async () => {
    world = await openWorld(target);
    operator = await seedUser("operator");
    const admin = await seedUser("admin");
    writeKey = (
      await createApiKey({ name: "payroll sync", scope: "data:write", createdBy: admin.id })
    ).key;
    readKey = (await createApiKey({ name: "warehouse", createdBy: admin.id })).key;
    automated = await seedConnection({ assisted: false });
    const finch = await finchForConnection(automated.accessToken);
    people = (await finch.hris.directory.list({ limit: 3 })).individuals.map((p) => p.id);
    benefitId = (await finch.hris.benefits.list()).items.find((b) => b.type === "401k")!.benefit_id;
  });
  afterAll(async () => {
    await world?.close();
  });
  beforeEach(() => {
    useCaller(ANONYMOUS);
  });

  const actor = () => ({ kind: "user" as const, userId: operator.id, label: operator.email });
  const enroll = (ids: string[], amount = 500): DeductionChangeRequest => ({
    kind: "enroll",
    benefitId,
    payload: {
      individuals: ids.map((individual_id) => ({
        individual_id,
        employee_deduction: { type: "percent", amount },
        company_contribution: null,
        effective_date: null,
      })),
    },
  });

  it("sends an enrolment, follows its job by sweep and webhook, and reads it back", async () => {
    const { change, created } = await requestDeductionChange({
      employerId: automated.employer.id,
      request: enroll(people.slice(0, 2)),
      actor: actor(),
    });
    expect(created).toBe(true);
    expect(change.status).toBe("pending");
    expect(change.finchJobId).toMatch(/^[0-9a-f-]{36}$/);
    // Automated: due 24 hours after it was asked for.
    expect(change.deadlineAt.getTime() - change.requestedAt.getTime()).toBe(DAY);

    await world.emulator.advanceClock(HOUR);
    expect((await checkDeductionChanges({ now: world.emulator.now() })).checked).toBe(1);
    expect((await getDeductionChange({ id: change.id }))?.status).toBe("in_progress");

    // Finch finishes within hours; its signed job.benefit_enroll.completed webhook confirms it.
    await world.emulator.advanceClock(4 * HOUR);
    await world.emulator.flushWebhooks();
    const done = (await getDeductionChange({ id: change.id }))!;
    expect(done).toMatchObject({ status: "complete", confirmedBy: "webhook" });
    expect(done.verification).toBe("matched");
    const types = (await listEvents({ employerId: automated.employer.id })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["deduction.requested", "deduction.complete"]));
  });

  it("flags a read-back mismatch when the provider holds something else", async () => {
    const { change } = await requestDeductionChange({
      employerId: automated.employer.id,
      request: enroll([people[2]], 700),
      actor: actor(),
    });
    // Someone changes the same enrolment at the provider before Perch reads back.
    const finch = await finchForConnection(automated.accessToken);
    await finch.hris.benefits.individuals.enrollMany(benefitId, {
      individuals: [
        {
          individual_id: people[2],
          configuration: { employee_deduction: { type: "percent", amount: 900 } },
        },
      ],
    });
    await world.emulator.advanceClock(5 * HOUR);
    await checkDeductionChanges({ now: world.emulator.now() });
    const done = (await getDeductionChange({ id: change.id }))!;
    expect(done.status).toBe("complete");
    expect(done.verification).toBe("mismatch");
    expect(done.verificationDetail).toEqual([`${people[2]}: employee deduction differs`]);
  });

  it("records a job that ends in error as failed, and lists it as needing attention", async () => {
    await world.control("scenario", "PUT", { next_benefit_job: "error" });
    const { change } = await requestDeductionChange({
      employerId: automated.employer.id,
      request: { kind: "unenroll", benefitId, payload: { individual_ids: [people[0]] } },
      actor: actor(),
    });
    await world.emulator.advanceClock(5 * HOUR);
    await world.emulator.flushWebhooks();
    const failed = (await getDeductionChange({ id: change.id }))!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("provider rejected");
    const alerts = await listFailedOrOverdueChanges({ now: world.emulator.now() });
    expect(alerts.map((a) => a.id)).toContain(change.id);
  });

  it("counts a change past its deadline as overdue at the moment of reading", async () => {
    const { change } = await requestDeductionChange({
      employerId: automated.employer.id,
      request: enroll([people[1]], 600),
      actor: actor(),
    });
    const at = (ms: number) => new Date(change.requestedAt.getTime() + ms);
    const before = await countDeductionChanges({ employerId: automated.employer.id, now: at(DAY) });
    const after = await countDeductionChanges({
      employerId: automated.employer.id,
      now: at(DAY + 1),
    });
    expect(after.overdue - before.overdue).toBe(1);
    expect(before.pending - after.pending).toBe(1);
    const overdue = await listDeductionChanges({
      employerId: automated.employer.id,
      filter: "overdue",
      now: at(DAY + 1),
    });
    expect(overdue.map((c) => c.id)).toEqual([change.id]);
    // Let it finish so later tests start clean.
    await world.emulator.advanceClock(5 * HOUR);
    await world.emulator.flushWebhooks();
  });

  it("refuses writes on unready connections before Finch is called", async () => {
    const assisted = await seedConnection({ assisted: true });
    // Any call that reached Finch's write endpoints would consume this fault and fail.
    await world.control("faults", "PUT", [{ path: "/employer/benefits", rate_5xx: 1, count: 5 }]);
    try {
      const error = await refusal(
        requestDeductionChange({
          employerId: assisted.employer.id,
          request: enroll(["anyone"]),
          actor: actor(),
        }),
      );
      expect(error.status).toBe(409);
      expect(error.details?.reason).toBe("configuring");
      const reauth = await seedConnection({ assisted: false });
      await world.control(`connections/${reauth.connection.finchConnectionId}/status`, "POST", {
        status: "reauth",
      });
      await runSweep({ connectionIds: [reauth.connection.id], all: true });
      const needsReauth = await refusal(
        requestDeductionChange({
          employerId: reauth.employer.id,
          request: enroll(["anyone"]),
          actor: actor(),
        }),
      );
      expect(needsReauth.details?.reason).toBe("reauth");
      const rules = (await world.control("faults", "GET")) as { rules: { count?: number }[] };
      expect(rules.rules[0].count).toBe(5);
      const db = await getDb();
      const rows = await db.select().from(deductionChanges);
      expect(rows.some((r) => r.employerId === assisted.employer.id)).toBe(false);
    } finally {
      await world.control("faults", "DELETE");
    }
  });

  it("follows an assisted change over a weekend to the second business day", async () => {
    const assisted = await seedConnection({ assisted: true });
    // Deductions are configured after about a week; the sweep's probe sees them ready.
    await world.emulator.advanceClock(4 * HOUR + 8 * DAY);
    await world.emulator.flushWebhooks();
    await runSweep({ connectionIds: [assisted.connection.id], all: true });
    // Friday 2026-12-18 10:00 in New York.
    await world.emulator.setClock(new Date("2026-12-18T15:00:00Z"));
    const finch = await finchForConnection(assisted.accessToken);
    const person = (await finch.hris.directory.list({ limit: 1 })).individuals[0]?.id ?? "";
    const benefit = (await finch.hris.benefits.list()).items[0].benefit_id;
    const { change } = await requestDeductionChange({
      employerId: assisted.employer.id,
      request: {
        kind: "enroll",
        benefitId: benefit,
        payload: {
          individuals: [
            {
              individual_id: person,
              employee_deduction: { type: "fixed", amount: 5_000 },
              company_contribution: null,
              effective_date: null,
            },
          ],
        },
      },
      actor: actor(),
    });
    // Perch's time zone in tests is UTC: Friday 15:00Z + 2 business days = Tuesday 15:00Z.
    expect(change.deadlineAt.getTime() - change.requestedAt.getTime()).toBe(4 * DAY);
    expect(change.deadlineAt.toISOString().slice(0, 13)).toBe("2026-12-22T15");
    await world.emulator.setClock(new Date("2026-12-21T12:00:00Z")); // Monday
    await checkDeductionChanges({ now: world.emulator.now() });
    expect((await getDeductionChange({ id: change.id }))?.status).toBe("pending");
    await world.emulator.setClock(new Date("2026-12-22T10:00:00Z")); // Tuesday morning
    await world.emulator.flushWebhooks();
    const done = (await getDeductionChange({ id: change.id }))!;
    expect(done.status).toBe("complete");
    expect(done.completedAt!.getTime()).toBeLessThan(done.deadlineAt.getTime());
    // Assisted deductions are write-only at Finch: nothing to read back.
    expect(done.verification).toBe("not_readable");
    await world.emulator.resetClock();
  });

  it("lets only operators and admins send changes from the Deductions tab", async () => {
    const viewer = await seedUser("viewer");
    useCaller(await sessionFor(viewer));
    const answer = await requestDeductionChangeAction(null, {
      employerId: automated.employer.id,
      idempotencyKey: "viewer-attempt-0001",
      request: enroll([people[0]]),
    });
    expect(answer).toMatchObject({ ok: false, code: "forbidden" });
    useCaller(ANONYMOUS);
    expect(
      await requestDeductionChangeAction(null, {
        employerId: automated.employer.id,
        idempotencyKey: "anonymous-attempt-01",
        request: enroll([people[0]]),
      }),
    ).toMatchObject({ ok: false, code: "unauthenticated" });
    const db = await getDb();
    const rows = (await db.select().from(deductionChanges)).filter((r) =>
      r.idempotencyKey?.endsWith("attempt-0001"),
    );
    expect(rows).toHaveLength(0);
  });

  describe("the data API", () => {
    const post = (
      route: typeof enrollRoute,
      path: string,
      params: Record<string, string>,
      body: unknown,
      headers: Record<string, string>,
    ) =>
      route(
        new Request(`http://localhost/api/employers/${params.id}/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: typeof body === "string" ? body : JSON.stringify(body),
        }),
        { params: Promise.resolve(params as { id: string; benefitId: string }) },
      );
    const enrollBody = () => ({
      individuals: [
        { individual_id: people[0], employee_deduction: { type: "fixed", amount: 2_500 } },
      ],
    });
    const params = () => ({ id: automated.employer.id, benefitId });

    it("writes with a data:write key, once per Idempotency-Key, and lets the caller follow the change", async () => {
      const headers = { authorization: `Bearer ${writeKey}`, "idempotency-key": "retry-test-0001" };
      const first = await post(
        enrollRoute,
        "benefits/x/enrollments",
        params(),
        enrollBody(),
        headers,
      );
      expect(first.status).toBe(201);
      const { change } = (await first.json()) as {
        change: { id: string; deadline_at: string; deadline_rule: string; state: string };
      };
      expect(change.deadline_rule).toBe("24 hours (automated connection)");
      expect(change.state).toBe("pending");

      const retry = await post(
        enrollRoute,
        "benefits/x/enrollments",
        params(),
        enrollBody(),
        headers,
      );
      expect(retry.status).toBe(200);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(((await retry.json()) as { change: { id: string } }).change.id).toBe(change.id);
      const db = await getDb();
      const rows = (await db.select().from(deductionChanges)).filter(
        (r) => r.idempotencyKey === "retry-test-0001",
      );
      expect(rows).toHaveLength(1);

      const different = await post(
        enrollRoute,
        "benefits/x/enrollments",
        params(),
        {
          individuals: [
            { individual_id: people[1], employee_deduction: { type: "fixed", amount: 1 } },
          ],
        },
        headers,
      );
      expect(different.status).toBe(409);

      const followed = await changeRoute(
        new Request("http://localhost/x", { headers: { authorization: `Bearer ${readKey}` } }),
        { params: Promise.resolve({ id: automated.employer.id, changeId: change.id }) },
      );
      expect(followed.status).toBe(200);
      expect(
        ((await followed.json()) as { change: { deadline_at: string } }).change.deadline_at,
      ).toBe(change.deadline_at);
      const missing = await changeRoute(
        new Request("http://localhost/x", { headers: { authorization: `Bearer ${readKey}` } }),
        { params: Promise.resolve({ id: automated.employer.id, changeId: "not-a-uuid" }) },
      );
      expect(missing.status).toBe(404);
    });

    it("refuses read-only keys, missing keys, viewers and bad input with clear 4xx", async () => {
      const key = { "idempotency-key": "scope-test-0001" };
      const readOnly = await post(enrollRoute, "e", params(), enrollBody(), {
        ...key,
        authorization: `Bearer ${readKey}`,
      });
      expect(readOnly.status).toBe(403);
      expect(((await readOnly.json()) as { error: { message: string } }).error.message).toContain(
        "data:write",
      );
      expect((await post(enrollRoute, "e", params(), enrollBody(), key)).status).toBe(401);

      const viewer = await seedUser("viewer");
      useCaller(await sessionFor(viewer));
      expect((await post(enrollRoute, "e", params(), enrollBody(), key)).status).toBe(403);
      useCaller(ANONYMOUS);

      const auth = { authorization: `Bearer ${writeKey}` };
      const noKey = await post(enrollRoute, "e", params(), enrollBody(), auth);
      expect(noKey.status).toBe(400);
      expect(((await noKey.json()) as { error: { message: string } }).error.message).toContain(
        "Idempotency-Key",
      );
      const withKey = { ...auth, "idempotency-key": "bad-input-0001" };
      expect((await post(enrollRoute, "e", params(), "{not json", withKey)).status).toBe(400);
      const percent = await post(
        enrollRoute,
        "e",
        params(),
        {
          individuals: [
            { individual_id: people[0], employee_deduction: { type: "percent", amount: 20_000 } },
          ],
        },
        withKey,
      );
      expect(percent.status).toBe(400);
      expect(
        (
          await post(
            createRoute,
            "benefits",
            { id: "not-a-uuid" },
            {
              type: "401k",
              description: "x",
              frequency: "every_paycheck",
            },
            { ...auth, "idempotency-key": "bad-employer-01" },
          )
        ).status,
      ).toBe(404);
      const unsupported = await post(
        createRoute,
        "benefits",
        { id: automated.employer.id },
        { type: "457", description: "457(b)", frequency: "every_paycheck" },
        { ...auth, "idempotency-key": "unsupported-0001" },
      );
      // Finch refuses the type; Perch records the change as failed with Finch's reason.
      expect(unsupported.status).toBe(201);
      const body = (await unsupported.json()) as { change: { status: string; error: string } };
      expect(body.change.status).toBe("failed");
      expect(body.change.error).toContain("not supported");
      const stop = await post(
        unenrollRoute,
        "u",
        params(),
        { individual_ids: [] },
        { ...auth, "idempotency-key": "empty-stop-0001" },
      );
      expect(stop.status).toBe(400);
    });
  });
});
