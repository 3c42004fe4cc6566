import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { getDeductionChange } from "@/db/queries/deduction-changes";
import { listIssueCandidateEmployerIds } from "@/db/queries/issues";
import { issues, notificationDeliveries } from "@/db/schema";
import { requestDeductionChange } from "@/lib/deductions/changes";
import type { DeductionChangeRequest } from "@/lib/deductions/requests";
import { finchForConnection } from "@/lib/finch/client";
import { evaluateIssues } from "@/lib/issues/evaluate";
import { runFollowUp } from "@/lib/issues/run";
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

describe.each(databaseTargets())("write-back issues on $name", (target) => {
  let world: MonitoringWorld;
  let operator: { id: string; email: string };

  beforeAll(async () => {
    world = await openWorld(target);
    operator = await seedUser("operator");
  });
  afterAll(async () => {
    await world?.close();
  });

  async function enrollOne(seeded: Seeded) {
    const finch = await finchForConnection(seeded.accessToken);
    const [person] = (await finch.hris.directory.list({ limit: 1 })).individuals;
    const benefit = (await finch.hris.benefits.list()).items.find((b) => b.type === "401k")!;
    const request: DeductionChangeRequest = {
      kind: "enroll",
      benefitId: benefit.benefit_id,
      payload: {
        individuals: [
          {
            individual_id: person.id,
            employee_deduction: { type: "percent", amount: 500 },
            company_contribution: null,
            effective_date: null,
          },
        ],
      },
    };
    const { change } = await requestDeductionChange({
      employerId: seeded.employer.id,
      request,
      actor: { kind: "user", userId: operator.id, label: operator.email },
    });
    return change;
  }

  async function writeBackIssues(connectionId: string) {
    const db = await getDb();
    const rows = await db.select().from(issues).where(eq(issues.connectionId, connectionId));
    return rows.filter((i) => i.kind.startsWith("write_back_"));
  }

  async function isCandidate(employerId: string, now: Date) {
    const ids = await listIssueCandidateEmployerIds({ now, limit: 10_000 });
    return ids.includes(employerId);
  }

  it("opens write_back_overdue on the first pass after Finch's deadline and resolves it when the change completes", async () => {
    const seeded = await seedConnection({ assisted: false, name: "Late Deductions Inc" });
    const change = await enrollOne(seeded);
    expect(change.deadlineAt.getTime() - change.requestedAt.getTime()).toBe(DAY);
    // The follow-up pass at chosen instants, while the emulator's clock (and so Finch's job)
    // stays at the request: the change is still open, as when Finch is slow.
    const passAt = (ms: number) =>
      evaluateIssues({ now: new Date(change.deadlineAt.getTime() + ms) });

    const before = new Date(change.deadlineAt.getTime() - HOUR);
    expect(await isCandidate(seeded.employer.id, before)).toBe(false);
    // A targeted pass (as after a webhook) visits it anyway: an open change on time is no issue.
    await evaluateIssues({ now: before, employerIds: [seeded.employer.id] });
    await passAt(-HOUR);
    expect(await writeBackIssues(seeded.connection.id)).toEqual([]);

    // Only the late change makes the employer a candidate; the next pass visits it.
    expect(
      await isCandidate(seeded.employer.id, new Date(change.deadlineAt.getTime() + HOUR)),
    ).toBe(true);
    expect((await passAt(HOUR)).opened).toBeGreaterThanOrEqual(1);
    expect((await getDeductionChange({ id: change.id }))?.status).toBe("pending");
    const [opened] = await writeBackIssues(seeded.connection.id);
    expect(opened).toMatchObject({
      kind: "write_back_overdue",
      state: "open",
      severity: "warning",
      title: "1 deduction change overdue at Finch",
    });
    expect(opened.conditionSince).toEqual(change.deadlineAt);
    const db = await getDb();
    const [notice] = await db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.issueId, opened.id));
    expect(notice.link).toContain(
      `/employers/${seeded.employer.id}?tab=deductions#deduction-changes`,
    );

    // Finch finishes; its webhook completes the change and the next pass resolves the issue.
    await world.emulator.advanceClock(5 * HOUR);
    await world.emulator.flushWebhooks();
    expect((await getDeductionChange({ id: change.id }))?.status).toBe("complete");
    await passAt(2 * HOUR);
    const [resolved] = await writeBackIssues(seeded.connection.id);
    expect(resolved).toMatchObject({ id: opened.id, state: "resolved", episode: 1 });
    expect(
      await isCandidate(seeded.employer.id, new Date(change.deadlineAt.getTime() + 3 * HOUR)),
    ).toBe(false);
  });

  it("opens a critical write_back_failed when Finch's job ends in error", async () => {
    const seeded = await seedConnection({ assisted: false, name: "Refused Deductions Inc" });
    await world.control("scenario", "PUT", { next_benefit_job: "error" });
    const change = await enrollOne(seeded);
    await world.control("scenario", "PUT", { next_benefit_job: "complete" });
    await world.emulator.advanceClock(5 * HOUR);
    await world.emulator.flushWebhooks();
    expect((await getDeductionChange({ id: change.id }))?.status).toBe("failed");

    await runFollowUp();
    const db = await getDb();
    const [failed] = await db
      .select()
      .from(issues)
      .where(and(eq(issues.connectionId, seeded.connection.id), eq(issues.state, "open")))
      .then((rows) => rows.filter((i) => i.kind.startsWith("write_back_")));
    expect(failed).toMatchObject({
      kind: "write_back_failed",
      severity: "critical",
      title: "1 deduction change failed at Finch",
    });
    expect(failed.detail).toContain("resend it");
  });
});
