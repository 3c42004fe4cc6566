import { describe, expect, it } from "vitest";
import { addBusinessDays, formatDay, parseDay } from "@/lib/emulator/data/dates";
import type { Person } from "@/lib/emulator/data/types";
import { w4DocumentData, w4DocumentOf } from "@/lib/emulator/documents";
import { metadataFor, type PayStatementItem } from "@/lib/emulator/pay-statement-items";
import type { PayStatementItemRuleRecord } from "@/lib/emulator/records";

const day = (date: string) => parseDay(date) as number;

describe("business days (sandbox payment defaults)", () => {
  it("skips weekends both ways", () => {
    expect(formatDay(addBusinessDays(day("2026-12-18"), 1))).toBe("2026-12-21"); // Fri → Mon
    expect(formatDay(addBusinessDays(day("2026-12-21"), -1))).toBe("2026-12-18"); // Mon → Fri
    expect(formatDay(addBusinessDays(day("2026-12-19"), 1))).toBe("2026-12-21"); // Sat → Mon
    expect(formatDay(addBusinessDays(day("2026-12-01"), 14))).toBe("2026-12-21");
    expect(addBusinessDays(day("2026-12-01"), 0)).toBe(day("2026-12-01"));
  });
});

function rule(overrides: Partial<PayStatementItemRuleRecord>): PayStatementItemRuleRecord {
  return {
    id: "r",
    connectionId: "c",
    attributes: { metadata: {} },
    conditions: [{ field: "name", operator: "equals", value: "401k" }],
    effectiveStartDate: null,
    effectiveEndDate: null,
    priority: 1,
    createdAt: 0,
    updatedAt: 0,
    deletedAt: null,
    ...overrides,
  };
}

const item: PayStatementItem = {
  name: "401k",
  category: "employee_deductions",
  attributes: { type: "401k", pre_tax: true, metadata: null },
  lastSeen: "2026-06-30",
};

describe("pay statement item rules", () => {
  it("merges every matching live rule, the lower priority number winning a shared key", () => {
    const rules = [
      rule({ id: "a", priority: 2, attributes: { metadata: { plan: "low", extra: 1 } } }),
      rule({ id: "b", priority: 1, attributes: { metadata: { plan: "high" } } }),
    ];
    expect(metadataFor(rules, item, "2026-06-30")).toEqual({ plan: "high", extra: 1 });
    expect(metadataFor([...rules].reverse(), item, "2026-06-30")).toEqual({
      plan: "high",
      extra: 1,
    });
  });

  it("needs every condition to hold, the rule in effect on the date, and not deleted", () => {
    const metadata = { attributes: { metadata: { tagged: true } } };
    expect(
      metadataFor(
        [
          rule({
            ...metadata,
            conditions: [
              { field: "name", operator: "equals", value: "401k" },
              { field: "category", operator: "equals", value: "taxes" },
            ],
          }),
        ],
        item,
        "2026-06-30",
      ),
    ).toBeNull();
    expect(
      metadataFor([rule({ ...metadata, effectiveStartDate: "2026-07-01" })], item, "2026-06-30"),
    ).toBeNull();
    expect(
      metadataFor([rule({ ...metadata, effectiveEndDate: "2026-06-29" })], item, "2026-06-30"),
    ).toBeNull();
    expect(metadataFor([rule({ ...metadata, deletedAt: 5 })], item, "2026-06-30")).toBeNull();
    expect(
      metadataFor(
        [rule({ ...metadata, conditions: [{ field: "type", operator: "equals", value: "401k" }] })],
        item,
        "2026-06-30",
      ),
    ).toEqual({ tagged: true });
  });
});

describe("W-4 documents", () => {
  const person = (start: string) =>
    ({ id: "p1", employment: { start_date: start } }) as unknown as Person;

  it("uses the allowance form for people who started before 2020, the 2020 form after", () => {
    expect(w4DocumentOf("c", person("2018-04-02"))).toMatchObject({ type: "w4_2005", year: 2018 });
    expect(w4DocumentOf("c", person("2021-09-13"))).toMatchObject({ type: "w4_2020", year: 2021 });
  });

  it("is stable per connection and person, with fields of the form's own shape", () => {
    const doc = w4DocumentOf("c", person("2022-01-03"));
    expect(w4DocumentOf("c", person("2022-01-03")).id).toBe(doc.id);
    expect(w4DocumentOf("other", person("2022-01-03")).id).not.toBe(doc.id);
    const data = w4DocumentData(doc);
    expect(data).toEqual(w4DocumentData(doc));
    expect(Object.keys(data.data).sort()).toEqual([
      "amount_for_other_dependents",
      "amount_for_qualifying_children_under_17",
      "deductions",
      "extra_withholding",
      "filing_status",
      "individual_id",
      "other_income",
      "total_claim_dependent_and_other_credits",
    ]);
  });
});
