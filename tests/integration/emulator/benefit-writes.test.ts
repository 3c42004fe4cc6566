import Finch from "@tryfinch/finch-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWebhookSecret } from "@/lib/emulator/webhooks";
import {
  ALL_PRODUCTS,
  DAY,
  HOUR,
  startHarness,
  startWebhookReceiver,
  type Harness,
  type Variant,
  type WebhookReceiver,
} from "./harness";

const secret = generateWebhookSecret();
const verifier = new Finch({ accessToken: "unused", webhookSecret: secret });

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof Finch.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Finch.APIError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

function finchBody(error: InstanceType<typeof Finch.APIError>) {
  return error.error as { code: number; name: string; finch_code?: string; message: string };
}

/**
 * Friday 2026-12-18, 10:00 in New York (15:00 UTC), after an assisted connection made today has
 * its organization and deductions configured; the weekend lies between it and the deadline.
 */
const FRIDAY_10_NY = new Date("2026-12-18T15:00:00Z");

function defineBenefitWriteSuite(variant: Variant): void {
  describe(`benefit writes and /jobs/manual (${variant})`, () => {
    let h: Harness;
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      receiver = await startWebhookReceiver();
      h = await startHarness({ variant, webhookUrl: receiver.url, webhookSecret: secret });
    });
    afterAll(async () => {
      await h.close();
      await receiver.close();
    });

    const jobEvents = (connectionId: string) =>
      receiver.received
        .map(
          (r) =>
            verifier.webhooks.unwrap(r.body, r.headers) as {
              connection_id: string;
              event_type: string;
              data: { job_id?: string; job_url?: string };
            },
        )
        .filter((e) => e.connection_id === connectionId && e.event_type.startsWith("job.benefit_"));

    it("automated: create and enroll answer with job ids, complete within 24 h, then reads show them", async () => {
      const { api, connectionId } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ALL_PRODUCTS,
      });
      const { data: created, response } = await api.hris.benefits
        .create({ type: "401k", description: "Perch 401(k)", frequency: "every_paycheck" })
        .withResponse();
      expect(response.status).toBe(201);
      expect(created.benefit_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(created.job_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await api.jobs.manual.retrieve(created.job_id)).toEqual({
        job_id: created.job_id,
        status: "pending",
        body: null,
      });
      // Not visible until the job completes.
      const before = await api.hris.benefits.list();
      expect(before.items.some((b) => b.benefit_id === created.benefit_id)).toBe(false);

      const people = (await api.hris.directory.list({ limit: 2 })).individuals;
      const enrolled = await api.hris.benefits.individuals.enrollMany(created.benefit_id, {
        individuals: people.map((p, i) => ({
          individual_id: p.id,
          configuration: {
            employee_deduction: { type: "percent", amount: 500 + i * 100 },
            company_contribution: { type: "fixed", amount: 10_000 },
            effective_date: "2027-01-01",
          },
        })),
      });
      expect(enrolled.job_id).toMatch(/^[0-9a-f-]{36}$/);

      await h.emulator.advanceClock(HOUR);
      expect((await api.jobs.manual.retrieve(enrolled.job_id)).status).toBe("in_progress");
      await h.emulator.advanceClock(23 * HOUR);
      const done = await api.jobs.manual.retrieve(enrolled.job_id);
      expect(done.status).toBe("complete");
      expect(done.body).toEqual(
        people.map((p) => expect.objectContaining({ individual_id: p.id, code: 200 })),
      );

      const after = await api.hris.benefits.retrieve(created.benefit_id);
      expect(after).toMatchObject({ type: "401k", description: "Perch 401(k)" });
      const ids = await api.hris.benefits.individuals.enrolledIDs(created.benefit_id);
      expect(ids.individual_ids.sort()).toEqual(people.map((p) => p.id).sort());
      const details = await api.hris.benefits.individuals.retrieveManyBenefits(created.benefit_id, {
        individual_ids: people[1].id,
      });
      expect(details.items[0]).toMatchObject({
        individual_id: people[1].id,
        code: 200,
        body: {
          employee_deduction: { type: "percent", amount: 600 },
          company_contribution: { type: "fixed", amount: 10_000 },
        },
      });

      // Stop one deduction.
      const stopped = await api.hris.benefits.individuals.unenrollMany(created.benefit_id, {
        individual_ids: [people[0].id],
      });
      await h.emulator.advanceClock(DAY);
      expect((await api.jobs.manual.retrieve(stopped.job_id)).status).toBe("complete");
      expect(
        (await api.hris.benefits.individuals.enrolledIDs(created.benefit_id)).individual_ids,
      ).toEqual([people[1].id]);

      await h.emulator.flushWebhooks();
      await receiver.waitFor(() => jobEvents(connectionId).length >= 3);
      const events = jobEvents(connectionId);
      expect(events.map((e) => e.event_type)).toEqual([
        "job.benefit_create.completed",
        "job.benefit_enroll.completed",
        "job.benefit_unenroll.completed",
      ]);
      expect(events[1].data).toEqual({
        job_id: enrolled.job_id,
        job_url: `${h.baseURL}/jobs/manual/${enrolled.job_id}`,
      });
    });

    it("assisted: pending over the weekend, complete on the second business day, write-only reads", async () => {
      const { api, connectionId } = await h.connect({
        providerId: "paycom",
        authMethod: "assisted",
        products: ALL_PRODUCTS,
      });
      // Before deductions are configured, writes are refused.
      const early = await apiError(
        api.hris.benefits.register({ type: "401k", description: "x", frequency: "every_paycheck" }),
      );
      expect(early.status).toBe(400);

      await h.emulator.setClock(FRIDAY_10_NY);
      const benefit = (await api.hris.benefits.list()).items.find((b) => b.type === "401k")!;
      const person = (await api.hris.directory.list({ limit: 1 })).individuals[0];
      const before = await api.hris.benefits.individuals.enrolledIDs(benefit.benefit_id);
      const job = await api.hris.benefits.individuals.enrollMany(benefit.benefit_id, {
        individuals: [
          {
            individual_id: person.id,
            configuration: { employee_deduction: { type: "fixed", amount: 12_345 } },
          },
        ],
      });
      await h.emulator.setClock(new Date("2026-12-21T14:00:00Z")); // Monday 09:00 NY
      expect((await api.jobs.manual.retrieve(job.job_id)).status).toBe("pending");
      await h.emulator.setClock(new Date("2026-12-21T16:00:00Z")); // Monday 11:00 NY
      expect((await api.jobs.manual.retrieve(job.job_id)).status).toBe("in_progress");
      await h.emulator.setClock(new Date("2026-12-22T10:00:00Z")); // Tuesday 05:00 NY
      expect((await api.jobs.manual.retrieve(job.job_id)).status).toBe("complete");
      // Finch cannot read assisted deductions back: reads do not change.
      expect(await api.hris.benefits.individuals.enrolledIDs(benefit.benefit_id)).toEqual(before);

      const registered = await api.hris.benefits.register({
        type: "s125_dental",
        description: "Dental (registered)",
        frequency: "every_paycheck",
      });
      expect(registered.benefit_id).toBeTruthy();
      await h.emulator.flushWebhooks();
      await receiver.waitFor(() => jobEvents(connectionId).length >= 1);
      expect(jobEvents(connectionId)[0]).toMatchObject({
        event_type: "job.benefit_enroll.completed",
        data: { job_id: job.job_id },
      });
      await h.emulator.resetClock();
    });

    it("ends the next job in error when the scenario says so", async () => {
      const { api } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ALL_PRODUCTS,
      });
      const benefit = (await api.hris.benefits.list()).items[0];
      expect(
        (await h.control("scenario", { method: "PUT", body: { next_benefit_job: "error" } }))
          .status,
      ).toBe(200);
      const failed = await api.hris.benefits.update(benefit.benefit_id, { description: "Renamed" });
      const ok = await api.hris.benefits.update(benefit.benefit_id, { description: "Renamed 2" });
      await h.emulator.advanceClock(DAY);
      const job = await api.jobs.manual.retrieve(failed.job_id);
      expect(job.status).toBe("error");
      expect(job.body?.[0]).toMatchObject({ code: 422 });
      expect((await api.jobs.manual.retrieve(ok.job_id)).status).toBe("complete");
      expect((await api.hris.benefits.retrieve(benefit.benefit_id)).description).toBe("Renamed 2");
    });

    it("validates writes with Finch's codes and honours benefits_support", async () => {
      const { api } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ALL_PRODUCTS,
      });
      const bad = await apiError(
        api.hris.benefits.create({ type: "401k", frequency: "every_paycheck" } as never),
      );
      expect(bad.status).toBe(400);
      expect(finchBody(bad).message).toContain("description");

      const unsupported = await apiError(
        api.hris.benefits.create({
          type: "457",
          description: "457(b)",
          frequency: "every_paycheck",
        }),
      );
      expect(unsupported.status).toBe(422);
      expect(finchBody(unsupported).finch_code).toBe("unsupported_benefit_type");

      const medical = (await api.hris.benefits.list()).items.find(
        (b) => b.type === "s125_medical",
      )!;
      const person = (await api.hris.directory.list({ limit: 1 })).individuals[0];
      const percent = await apiError(
        api.hris.benefits.individuals.enrollMany(medical.benefit_id, {
          individuals: [
            {
              individual_id: person.id,
              configuration: { employee_deduction: { type: "percent", amount: 300 } },
            },
          ],
        }),
      );
      expect(percent.status).toBe(422);

      const stranger = await apiError(
        api.hris.benefits.individuals.enrollMany(medical.benefit_id, {
          individuals: [{ individual_id: "nobody", configuration: {} }],
        }),
      );
      expect(stranger.status).toBe(404);
      expect(finchBody(stranger).finch_code).toBe("individual_not_found");

      expect((await apiError(api.hris.benefits.update("nope", { description: "x" }))).status).toBe(
        404,
      );
      expect((await apiError(api.jobs.manual.retrieve("nope"))).status).toBe(404);
      const register = await apiError(
        api.hris.benefits.register({ type: "401k", description: "x", frequency: "every_paycheck" }),
      );
      expect(register.status).toBe(400);
      expect(finchBody(register).message).toBe("Requested adapter is not assisted benefits");

      // An API-token provider may read deductions but not write them.
      const readOnly = await h.connect({
        providerId: "namely",
        authMethod: "api_token",
        products: ALL_PRODUCTS,
      });
      const namelyBenefit = (await readOnly.api.hris.benefits.list()).items[0];
      const refused = await apiError(
        readOnly.api.hris.benefits.update(namelyBenefit.benefit_id, { description: "x" }),
      );
      expect(refused.status).toBe(422);
      expect(finchBody(refused).finch_code).toBe("unsupported_operation");
      const providers = await readOnly.api.providers.list();
      const namely = providers.items.find((p) => p.id === "namely")!;
      const support = namely.authentication_methods?.[0].benefits_support as Record<
        string,
        { supported_operations: { company_benefits: { update: string } } }
      >;
      expect(support["401k"].supported_operations.company_benefits.update).toBe(
        "not_supported_by_finch",
      );
    });
  });
}

defineBenefitWriteSuite("standalone");
defineBenefitWriteSuite("mounted");
