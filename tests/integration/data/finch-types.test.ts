import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type Finch from "@tryfinch/finch-api";
import { beforeAll, describe, expect, it } from "vitest";
import { finchForConnection } from "@/lib/finch/client";
import { createSandboxConnection } from "@/lib/finch/connect";
import {
  reshapeBenefit,
  reshapeCompany,
  reshapeDirectory,
  reshapeEmploymentItem,
  reshapeIndividualItem,
  reshapePayment,
  reshapePayStatementItem,
  reshapeSyncJob,
} from "@/lib/finch/mappers";
import { installTestEnv } from "@/tests/support/app-env";

/**
 * The data API returns Perch's types under `data` where it used to return the SDK's payloads.
 * Here every mapper meets what the emulator really answers through the real SDK, and its JSON
 * must be the same bytes — so no field is dropped, renamed, reordered or invented. With
 * UPDATE_FINCH_FIXTURES=1 the answers are written as the unit tests' fixtures.
 */

const FIXTURES = path.join(process.cwd(), "tests/unit/finch/fixtures");
const PRODUCTS = [
  "company",
  "directory",
  "individual",
  "employment",
  "payment",
  "pay_statement",
  "benefits",
];

function sameJson(mapped: unknown, raw: unknown) {
  expect(JSON.stringify(mapped, null, 1)).toBe(JSON.stringify(raw, null, 1));
}

function keep(name: string, raw: unknown) {
  if (process.env.UPDATE_FINCH_FIXTURES !== "1") return;
  mkdirSync(FIXTURES, { recursive: true });
  writeFileSync(path.join(FIXTURES, `${name}.json`), `${JSON.stringify(raw, null, 2)}\n`);
}

describe("Finch answers mapped to Perch's types", () => {
  let finch: Finch;
  let ids: string[];
  let paymentIds: string[];

  beforeAll(async () => {
    installTestEnv();
    const { accessToken } = await createSandboxConnection({
      providerId: "adp_run",
      authenticationType: "credential",
      products: PRODUCTS,
    });
    finch = await finchForConnection(accessToken);
  });

  it("keeps a company as Finch sent it", async () => {
    const raw = await finch.hris.company.retrieve();
    keep("company", raw);
    sameJson(reshapeCompany(raw), raw);
  });

  it("keeps a directory page as Finch sent it", async () => {
    const page = await finch.hris.directory.list({ limit: 50, offset: 0 });
    const raw = { paging: page.paging, individuals: page.individuals };
    keep("directory", raw);
    ids = page.individuals.map((p) => p.id);
    expect(ids.length).toBeGreaterThan(1);
    sameJson(reshapeDirectory(raw), raw);
  });

  it("keeps individuals and a missing person's error as Finch sent them", async () => {
    const page = await finch.hris.individuals.retrieveMany({
      requests: [...ids.slice(0, 4), "00000000-0000-0000-0000-000000000000"].map(
        (individual_id) => ({
          individual_id,
        }),
      ),
    });
    keep("individuals", page.responses);
    expect(page.responses.some((r) => r.code !== 200)).toBe(true);
    sameJson(page.responses.map(reshapeIndividualItem), page.responses);
  });

  it("keeps employments and a missing person's error as Finch sent them", async () => {
    const page = await finch.hris.employments.retrieveMany({
      requests: [...ids.slice(0, 4), "00000000-0000-0000-0000-000000000000"].map(
        (individual_id) => ({
          individual_id,
        }),
      ),
    });
    keep("employments", page.responses);
    expect(page.responses.some((r) => r.code !== 200)).toBe(true);
    sameJson(page.responses.map(reshapeEmploymentItem), page.responses);
  });

  it("keeps payments and pay statements as Finch sent them", async () => {
    const today = new Date();
    const start = new Date(today.getTime() - 120 * 86_400_000);
    const page = await finch.hris.payments.list({
      start_date: start.toISOString().slice(0, 10),
      end_date: today.toISOString().slice(0, 10),
    });
    keep("payments", page.items);
    paymentIds = page.items.map((p) => p.id);
    expect(paymentIds.length).toBeGreaterThan(0);
    sameJson(page.items.map(reshapePayment), page.items);

    const statements = await finch.hris.payStatements.retrieveMany({
      requests: [...paymentIds.slice(0, 2), "00000000-0000-0000-0000-000000000000"].map(
        (payment_id) => ({ payment_id, limit: 5, offset: 0 }),
      ),
    });
    keep("pay-statements", statements.responses);
    expect(statements.responses.some((r) => r.code !== 200)).toBe(true);
    sameJson(statements.responses.map(reshapePayStatementItem), statements.responses);
  });

  it("keeps benefits as Finch sent them", async () => {
    const page = await finch.hris.benefits.list();
    keep("benefits", page.items);
    expect(page.items.length).toBeGreaterThan(0);
    sameJson(page.items.map(reshapeBenefit), page.items);
  });

  it("keeps what Perch shows of a sync job", async () => {
    await finch.jobs.automated.create({ type: "data_sync_all" });
    const list = await finch.jobs.automated.list({ limit: 5 });
    const job = list.data[0];
    keep("sync-job", job);
    expect(job).toMatchObject(reshapeSyncJob(job) as unknown as Record<string, unknown>);
  });
});
