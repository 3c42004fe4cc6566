import { readFileSync } from "node:fs";
import path from "node:path";
import type { CompanyBenefit } from "@tryfinch/finch-api/resources/hris/benefits/benefits";
import type { Company } from "@tryfinch/finch-api/resources/hris/company";
import type { IndividualInDirectory } from "@tryfinch/finch-api/resources/hris/directory";
import type { EmploymentDataResponse } from "@tryfinch/finch-api/resources/hris/employments";
import type { IndividualResponse } from "@tryfinch/finch-api/resources/hris/individuals";
import type { PayStatementResponse } from "@tryfinch/finch-api/resources/hris/pay-statements";
import type { Payment } from "@tryfinch/finch-api/resources/hris/payments";
import type { AutomatedAsyncJob } from "@tryfinch/finch-api/resources/jobs/automated";
import { describe, expect, it } from "vitest";
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
import type { FinchEmployment, FinchIndividual, FinchPayStatementPage } from "@/lib/finch/types";

/**
 * The fixtures are the emulator's answers read through the real SDK (written by
 * tests/integration/data/finch-types.test.ts with UPDATE_FINCH_FIXTURES=1). Mapped, each must
 * serialise to the same JSON: the data API returns these objects under `data`.
 */

function fixture<T>(name: string): T {
  const file = path.join(process.cwd(), "tests/unit/finch/fixtures", `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

const json = (value: unknown) => JSON.stringify(value);

describe("Finch payloads mapped to Perch's types keep Finch's JSON", () => {
  it("company", () => {
    const raw = fixture<Company>("company");
    expect(json(reshapeCompany(raw))).toBe(json(raw));
    expect(reshapeCompany(raw).legal_name).toBeTruthy();
  });

  it("directory", () => {
    const raw = fixture<{
      paging: { count: number; offset: number };
      individuals: IndividualInDirectory[];
    }>("directory");
    expect(json(reshapeDirectory(raw))).toBe(json(raw));
  });

  it("individuals, with a missing person's error kept as the item's body", () => {
    const raw = fixture<IndividualResponse[]>("individuals");
    const mapped = raw.map(reshapeIndividualItem);
    expect(json(mapped)).toBe(json(raw));
    const missing = mapped.find((item) => item.code === 404);
    expect(missing?.body).toEqual({
      code: 404,
      name: expect.any(String),
      finch_code: expect.any(String),
      message: expect.any(String),
    });
  });

  it("employments", () => {
    const raw = fixture<EmploymentDataResponse[]>("employments");
    expect(json(raw.map(reshapeEmploymentItem))).toBe(json(raw));
  });

  it("payments", () => {
    const raw = fixture<Payment[]>("payments");
    expect(json(raw.map(reshapePayment))).toBe(json(raw));
  });

  it("pay statements, with an unknown payment's error kept", () => {
    const raw = fixture<PayStatementResponse[]>("pay-statements");
    const mapped = raw.map(reshapePayStatementItem);
    expect(json(mapped)).toBe(json(raw));
    expect(mapped.some((item) => item.code !== 200 && !("pay_statements" in item.body))).toBe(true);
  });

  it("benefits", () => {
    const raw = fixture<CompanyBenefit[]>("benefits");
    expect(json(raw.map(reshapeBenefit))).toBe(json(raw));
  });
});

describe("fields the emulator leaves out but Finch may send", () => {
  it("keeps a location's name and source id, an employee's work id and income", () => {
    const raw = fixture<EmploymentDataResponse[]>("employments");
    const first = raw.find((item) => item.code === 200)!;
    const body = {
      ...(first.body as object),
      work_id: "W-17",
      location: {
        line1: "1 Main St",
        line2: null,
        city: "Austin",
        state: "TX",
        postal_code: "78701",
        country: "US",
        name: "HQ",
        source_id: "loc-1",
      },
    };
    const mapped = reshapeEmploymentItem({ ...first, body } as EmploymentDataResponse);
    const employment = mapped.body as FinchEmployment;
    expect(employment.work_id).toBe("W-17");
    expect(employment.location).toEqual(body.location);
    expect(json(mapped)).toBe(json({ ...first, body }));
  });

  it("keeps a pay statement line's attributes", () => {
    const raw = fixture<PayStatementResponse[]>("pay-statements");
    const item = raw.find((r) => "pay_statements" in r.body)!;
    const page = item.body as FinchPayStatementPage;
    const statement = page.pay_statements[0];
    const metadata = { metadata: { source: { code: "E01" } } };
    const withAttributes = {
      ...item,
      body: {
        ...page,
        pay_statements: [
          {
            ...statement,
            earnings: (statement.earnings ?? []).map((e) => ({ ...e, attributes: metadata })),
            taxes: (statement.taxes ?? []).map((t) => ({ ...t, attributes: null })),
          },
        ],
      },
    } as PayStatementResponse;
    expect(json(reshapePayStatementItem(withAttributes))).toBe(json(withAttributes));
  });

  it("leaves an absent optional field absent rather than null", () => {
    const raw = fixture<IndividualResponse[]>("individuals");
    const first = raw.find((item) => item.code === 200)!;
    const { emails: _emails, ssn: _ssn, ...rest } = first.body as FinchIndividual;
    const mapped = reshapeIndividualItem({ ...first, body: rest } as IndividualResponse);
    expect("emails" in mapped.body ? mapped.body.emails : "absent").toBeUndefined();
    expect(json(mapped)).not.toContain('"emails"');
    expect(json(mapped)).not.toContain('"ssn"');
  });
});

describe("a sync job", () => {
  it("keeps what the Sync now panel shows and drops the job's URL and parameters", () => {
    const raw = fixture<AutomatedAsyncJob>("sync-job");
    expect(reshapeSyncJob(raw)).toEqual({
      job_id: raw.job_id,
      type: raw.type,
      status: raw.status,
      created_at: raw.created_at,
      scheduled_at: raw.scheduled_at,
      started_at: raw.started_at,
      completed_at: raw.completed_at,
    });
  });
});
