import Finch from "@tryfinch/finch-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_PRODUCTS, HOUR, startHarness, type Harness } from "./harness";

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof Finch.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Finch.APIError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

function finchCode(error: InstanceType<typeof Finch.APIError>) {
  return (error.error as { finch_code?: string }).finch_code;
}

const SANDBOX_PRODUCTS = [
  "company",
  "directory",
  "individual",
  "employment",
  "payment",
  "pay_statement",
  "documents",
  "benefits",
];

/** Endpoints Finch documents that Perch does not call yet, through the real SDK (issue #14). */
describe.each(["standalone", "mounted"] as const)("documented endpoints (%s)", (variant) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ variant });
  });
  afterAll(async () => {
    await h.close();
  });

  async function sandbox(products = SANDBOX_PRODUCTS, authentication_type?: "assisted") {
    const created = await h.client.sandbox.connections.create({
      provider_id: "gusto",
      products,
      ...(authentication_type ? { authentication_type } : {}),
    });
    return { api: h.withToken(created.access_token), created };
  }

  describe("W-4 jobs and documents", () => {
    it("lists a W-4 only after its w4_form_employee_sync job completes, in Finch's shapes", async () => {
      const { api } = await sandbox();
      const [person, other] = (await api.hris.directory.list()).individuals;
      expect(await api.hris.documents.list()).toEqual({
        documents: [],
        paging: { count: 0, offset: 0 },
      });

      const { data: job, response } = await api.jobs.automated
        .create({ type: "w4_form_employee_sync", params: { individual_id: person.id } })
        .withResponse();
      expect(response.status).toBe(201);
      expect(job.job_url).toBe(`${h.baseURL}/jobs/automated/${job.job_id}`);
      expect(await api.jobs.automated.retrieve(job.job_id!)).toMatchObject({
        type: "w4_form_employee_sync",
        status: "pending",
        params: { individual_id: person.id },
        completed_at: null,
      });
      expect((await api.hris.documents.list()).documents).toEqual([]);

      await h.emulator.advanceClock(5_000);
      const finished = await api.jobs.automated.retrieve(job.job_id!);
      expect(finished.status).toBe("complete");
      expect((await api.jobs.automated.list()).data.map((j) => j.job_id)).toContain(job.job_id);

      const listed = await api.hris.documents.list();
      expect(listed.paging).toEqual({ count: 1, offset: 0 });
      const [document] = listed.documents;
      expect(document).toMatchObject({ individual_id: person.id });
      expect(["w4_2020", "w4_2005"]).toContain(document.type);
      expect(document.url).toBe(`${h.baseURL}/employer/documents/${document.id}`);

      const detail = await api.hris.documents.retreive(document.id);
      expect(detail.type).toBe(document.type);
      expect(detail.year).toBe(document.year);
      expect(detail.data.individual_id).toBe(person.id);
      const fields =
        detail.type === "w4_2020"
          ? ["amount_for_other_dependents", "deductions", "extra_withholding", "other_income"]
          : ["additional_withholding", "total_number_of_allowances"];
      for (const field of fields) {
        expect(typeof (detail.data as unknown as Record<string, unknown>)[field]).toBe("number");
      }
      expect(await api.hris.documents.retreive(document.id)).toEqual(detail);

      const otherType = document.type === "w4_2020" ? "w4_2005" : "w4_2020";
      expect((await api.hris.documents.list({ types: [otherType] })).documents).toEqual([]);
      expect((await api.hris.documents.list({ individual_ids: [other.id] })).documents).toEqual([]);
    });

    it("refuses unknown individuals, unknown documents, bad filters and tokens without documents", async () => {
      const { api } = await sandbox();
      const unknownPerson = await apiError(
        api.jobs.automated.create({
          type: "w4_form_employee_sync",
          params: { individual_id: "00000000-0000-4000-8000-000000000000" },
        }),
      );
      expect(unknownPerson.status).toBe(404);
      expect(finchCode(unknownPerson)).toBe("individual_not_found");
      const unknownDocument = await apiError(api.hris.documents.retreive("nope"));
      expect(unknownDocument.status).toBe(404);
      const badType = await apiError(api.hris.documents.list({ types: ["w2" as "w4_2020"] }));
      expect(badType.status).toBe(400);

      const { api: noDocuments } = await sandbox(["company", "directory"]);
      const [person] = (await noDocuments.hris.directory.list()).individuals;
      expect((await apiError(noDocuments.hris.documents.list())).status).toBe(403);
      const job = await apiError(
        noDocuments.jobs.automated.create({
          type: "w4_form_employee_sync",
          params: { individual_id: person.id },
        }),
      );
      expect(job.status).toBe(403);
    });
  });

  it("answers documents, W-4 jobs and /forward with the blocked connection's error", async () => {
    const { api } = await sandbox();
    const [person] = (await api.hris.directory.list()).individuals;
    await api.sandbox.connections.accounts.update({ connection_status: "reauth" });
    for (const call of [
      api.hris.documents.list(),
      api.jobs.automated.create({
        type: "w4_form_employee_sync",
        params: { individual_id: person.id },
      }),
      api.requestForwarding.forward({ method: "GET", route: "/employees" }),
    ]) {
      const error = await apiError(call);
      expect(error.status).toBe(401);
      expect(finchCode(error)).toBe("reauthenticate_user");
    }
  });

  describe("pay statement items and rules", () => {
    it("lists each distinct item once with Finch's attributes, filtered as asked", async () => {
      const { api } = await sandbox();
      const items = [];
      for await (const item of api.hris.payStatementItem.list()) items.push(item);
      expect(items.length).toBeGreaterThan(0);
      const keys = items.map((i) => `${i.category}:${i.name}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(items.map((i) => i.category))).toEqual(
        new Set(["earnings", "taxes", "employee_deductions", "employer_contributions"]),
      );
      for (const item of items) expect(item.attributes.metadata).toBeNull();
      const tax = items.find((i) => i.category === "taxes")!;
      expect(typeof tax.attributes.employer).toBe("boolean");

      const taxes = (await api.hris.payStatementItem.list({ categories: ["taxes"] })).responses;
      expect(taxes.length).toBe(items.filter((i) => i.category === "taxes").length);
      expect(taxes.every((i) => i.category === "taxes")).toBe(true);
      const byName = await api.hris.payStatementItem.list({
        name: tax.name.slice(0, 4).toLowerCase(),
      });
      expect(byName.responses.map((i) => i.name)).toContain(tax.name);
      expect((await api.hris.payStatementItem.list({ end_date: "2000-01-01" })).responses).toEqual(
        [],
      );
      const badCategory = await apiError(
        api.hris.payStatementItem.list({ categories: ["bonus" as "taxes"] }),
      );
      expect(badCategory.status).toBe(400);
    });

    it("creates, lists, updates and deletes rules, and items carry the matching rules' metadata", async () => {
      const { api } = await sandbox();
      const items = (await api.hris.payStatementItem.list()).responses;
      const target = items.find((i) => i.category === "employee_deductions") ?? items[0];

      const rule = await api.hris.payStatementItem.rules.create({
        attributes: { metadata: { plan: "401k", pre_tax: true } },
        conditions: [{ field: "name", operator: "equals", value: target.name }],
        entity_type: "pay_statement_item",
      });
      expect(rule).toMatchObject({
        entity_type: "pay_statement_item",
        priority: 1,
        effective_start_date: null,
        effective_end_date: null,
      });
      expect(rule.id).toMatch(/^[0-9a-f-]{36}$/);
      const second = await api.hris.payStatementItem.rules.create({
        attributes: { metadata: { plan: "other", team: "payroll" } },
        conditions: [{ field: "category", operator: "equals", value: target.category }],
      });
      expect(second.priority).toBe(2);
      const listed = [];
      for await (const r of api.hris.payStatementItem.rules.list()) listed.push(r.id);
      expect(listed).toEqual([rule.id, second.id]);

      const metadataOf = async (name: string) =>
        (await api.hris.payStatementItem.list({ name })).responses.find((i) => i.name === name)
          ?.attributes.metadata;
      // Both match; the higher priority (lower number) wins the shared key.
      expect(await metadataOf(target.name)).toEqual({
        plan: "401k",
        pre_tax: true,
        team: "payroll",
      });

      const updated = await api.hris.payStatementItem.rules.update(rule.id!, {
        effective_end_date: "2000-12-31",
      } as never);
      expect(updated.effective_end_date).toBe("2000-12-31");
      expect(await metadataOf(target.name)).toEqual({ plan: "other", team: "payroll" });

      const deleted = await api.hris.payStatementItem.rules.delete(second.id!);
      expect(deleted.deleted_at).toEqual(expect.any(String));
      expect((await api.hris.payStatementItem.rules.list()).responses.map((r) => r.id)).toEqual([
        rule.id,
      ]);
      expect(await metadataOf(target.name)).toBeNull();
      expect((await apiError(api.hris.payStatementItem.rules.delete(second.id!))).status).toBe(404);
    });

    it("refuses rules without conditions, with unknown fields or operators, and reversed dates", async () => {
      const { api } = await sandbox();
      const rules = api.hris.payStatementItem.rules;
      for (const body of [
        { attributes: { metadata: { a: 1 } }, conditions: [] },
        {
          attributes: { metadata: { a: 1 } },
          conditions: [{ field: "amount", operator: "equals", value: "1" }],
        },
        {
          attributes: { metadata: { a: 1 } },
          conditions: [{ field: "name", operator: "contains", value: "x" }],
        },
        {
          attributes: { metadata: { a: 1 } },
          conditions: [{ field: "name", operator: "equals", value: "x" }],
          effective_start_date: "2025-02-01",
          effective_end_date: "2025-01-01",
        },
      ]) {
        expect((await apiError(rules.create(body as never))).status).toBe(400);
      }
    });
  });

  describe("request forwarding", () => {
    it("passes a request to the emulated provider and answers in Finch's documented shape", async () => {
      const { api } = await sandbox();
      const answer = await api.requestForwarding.forward({
        method: "get",
        route: "/employees",
        params: { showInactive: true },
        request_headers: { accept: "application/json" },
      });
      expect(answer.statusCode).toBe(200);
      expect(answer.request).toEqual({
        method: "GET",
        route: "/employees",
        params: { showInactive: true },
        headers: { accept: "application/json" },
        data: null,
      });
      const employees = JSON.parse(answer.data!).employees as { firstName: string }[];
      expect(employees.length).toBe((await api.hris.directory.list()).individuals.length);

      const missing = await api.requestForwarding.forward({ method: "GET", route: "/nowhere" });
      expect(missing.statusCode).toBe(404);
      const write = await api.requestForwarding.forward({
        method: "POST",
        route: "/employees",
        data: '{"firstName":"A"}',
      });
      expect(write.statusCode).toBe(405);
      expect(write.request.data).toBe('{"firstName":"A"}');

      expect(
        (await apiError(api.requestForwarding.forward({ method: "TRACE", route: "/employees" })))
          .status,
      ).toBe(400);
      expect(
        (await apiError(api.requestForwarding.forward({ method: "GET", route: "employees" })))
          .status,
      ).toBe(400);
    });
  });

  describe("sandbox", () => {
    it("a sandbox refresh of an assisted connection syncs its edits at once, with no job", async () => {
      const { api } = await sandbox(["company", "directory"], "assisted");
      await api.sandbox.connections.accounts.update({ connection_status: "connected" });
      const company = await api.hris.company.retrieve();
      const { id: _id, ...fields } = company;
      await api.sandbox.company.update({ ...fields, legal_name: "Assisted Renamed LLC" });
      expect((await api.hris.company.retrieve()).legal_name).toBe(company.legal_name);

      const jobsBefore = (await api.jobs.automated.list()).data.length;
      const refresh = await api.sandbox.jobs.create({ type: "data_sync_all" });
      expect(refresh).toMatchObject({ job_id: null, job_url: null });
      expect(refresh.remaining_refreshes).toBe(refresh.allowed_refreshes - 1);
      await h.emulator.advanceClock(1);
      expect((await api.hris.company.retrieve()).legal_name).toBe("Assisted Renamed LLC");
      expect((await api.jobs.automated.list()).data.length).toBe(jobsBefore);
    });

    it("a payment without dates follows the documented defaults", async () => {
      const { api } = await sandbox();
      const range = { start_date: "2000-01-01", end_date: "2100-01-01" };
      const before = await api.hris.payments.list(range);
      const lastEnd = before.items
        .map((p) => p.pay_period!.end_date!)
        .sort()
        .at(-1)!;
      const [person] = (await api.hris.directory.list()).individuals;
      const created = await api.sandbox.payment.create({
        pay_statements: [{ individual_id: person.id }],
      });
      const job = await api.sandbox.jobs.create({ type: "data_sync_all" });
      expect(job.job_id).toBeTruthy();
      await h.emulator.advanceClock(5_000);
      const synced = (await api.hris.payments.list(range)).items.find(
        (p) => p.id === created.payment_id,
      )!;
      // One business day after the latest payment's end, 14 business days long, paid on the
      // end date and debited one business day later.
      const businessDaysAfter = (date: string, n: number) => {
        const day = new Date(`${date}T00:00:00Z`);
        while (n > 0) {
          day.setUTCDate(day.getUTCDate() + 1);
          if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) n -= 1;
        }
        return day.toISOString().slice(0, 10);
      };
      const start = businessDaysAfter(lastEnd, 1);
      expect(synced.pay_period).toEqual({
        start_date: start,
        end_date: businessDaysAfter(start, 14),
      });
      expect(synced.pay_date).toBe(businessDaysAfter(start, 14));
      expect(created.pay_date).toBe(synced.pay_date);
      expect(synced.debit_date).toBe(businessDaysAfter(synced.pay_date!, 1));
    });
  });

  describe("response codes", () => {
    it("answers 207 Multi-Status for enrolled individuals, as documented", async () => {
      const { api } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ALL_PRODUCTS,
      });
      await h.emulator.advanceClock(HOUR);
      const [benefit] = (await api.hris.benefits.list()).items;
      const { response } = await api.hris.benefits.individuals
        .retrieveManyBenefits(benefit.benefit_id)
        .withResponse();
      expect(response.status).toBe(207);
    });
  });
});
