import { describe, expect, it } from "vitest";
import {
  createBenefitSchema,
  describeChange,
  enrollSchema,
  readBackMismatches,
  toFinchAmount,
  unenrollSchema,
  type DeductionChangeRequest,
} from "@/lib/deductions/requests";

const enroll: DeductionChangeRequest = {
  kind: "enroll",
  benefitId: "b1",
  payload: {
    individuals: [
      {
        individual_id: "a",
        employee_deduction: { type: "percent", amount: 500 },
        company_contribution: { type: "fixed", amount: 10_000 },
        effective_date: "2027-01-01",
      },
      {
        individual_id: "b",
        employee_deduction: { type: "percent", amount: 500 },
        company_contribution: { type: "fixed", amount: 10_000 },
        effective_date: "2027-01-01",
      },
    ],
  },
};

describe("request validation", () => {
  it("accepts a well-formed enrolment and rejects bad amounts with a plain message", () => {
    expect(enrollSchema.safeParse(enroll.payload).success).toBe(true);
    const percent = enrollSchema.safeParse({
      individuals: [
        { individual_id: "a", employee_deduction: { type: "percent", amount: 10_001 } },
      ],
    });
    expect(percent.success).toBe(false);
    expect(percent.error?.issues[0].message).toContain("100 %");
    const negative = enrollSchema.safeParse({
      individuals: [{ individual_id: "a", employee_deduction: { type: "fixed", amount: -1 } }],
    });
    expect(negative.success).toBe(false);
    const fractional = enrollSchema.safeParse({
      individuals: [{ individual_id: "a", employee_deduction: { type: "fixed", amount: 1.5 } }],
    });
    expect(fractional.success).toBe(false);
  });

  it("needs at least one amount, one employee, no duplicates and a real date", () => {
    expect(enrollSchema.safeParse({ individuals: [{ individual_id: "a" }] }).success).toBe(false);
    expect(enrollSchema.safeParse({ individuals: [] }).success).toBe(false);
    const dup = { individual_id: "a", employee_deduction: { type: "fixed", amount: 100 } };
    expect(enrollSchema.safeParse({ individuals: [dup, dup] }).success).toBe(false);
    expect(
      enrollSchema.safeParse({ individuals: [{ ...dup, effective_date: "2027-02-30" }] }).success,
    ).toBe(false);
    expect(unenrollSchema.safeParse({ individual_ids: [] }).success).toBe(false);
  });

  it("keeps benefit names short enough for every provider", () => {
    expect(
      createBenefitSchema.safeParse({
        type: "401k",
        description: "x".repeat(31),
        frequency: "every_paycheck",
      }).success,
    ).toBe(false);
  });
});

describe("describeChange", () => {
  it("says what will be written and to whom", () => {
    expect(
      describeChange(enroll, {
        benefit: "401(k)",
        people: new Map([
          ["a", "Ada Lovelace"],
          ["b", "Bob Ross"],
        ]),
      }),
    ).toBe(
      "Enroll Ada Lovelace, Bob Ross in “401(k)” at 5 % deduction, $100.00 company contribution from 2027-01-01",
    );
    expect(
      describeChange(
        { kind: "unenroll", benefitId: "b1", payload: { individual_ids: ["a", "b", "c", "d"] } },
        { benefit: "Dental" },
      ),
    ).toBe("Stop “Dental” for a, b and 2 more");
  });
});

describe("readBackMismatches", () => {
  it("is empty when Finch reads back what was written", () => {
    expect(
      readBackMismatches(enroll, [
        {
          individualId: "a",
          enrolled: true,
          employeeDeduction: { type: "percent", amount: 500 },
          companyContribution: { type: "fixed", amount: 10_000 },
        },
        {
          individualId: "b",
          enrolled: true,
          employeeDeduction: { type: "percent", amount: 500 },
          companyContribution: { type: "fixed", amount: 10_000 },
        },
      ]),
    ).toEqual([]);
  });

  it("names each employee and field that differs", () => {
    expect(
      readBackMismatches(enroll, [
        {
          individualId: "a",
          enrolled: true,
          employeeDeduction: { type: "percent", amount: 400 },
          companyContribution: { type: "fixed", amount: 10_000 },
        },
      ]),
    ).toEqual(["a: employee deduction differs", "b: not enrolled"]);
    expect(
      readBackMismatches(
        { kind: "unenroll", benefitId: "b1", payload: { individual_ids: ["a"] } },
        [{ individualId: "a", enrolled: true, employeeDeduction: null, companyContribution: null }],
      ),
    ).toEqual(["a: still enrolled"]);
  });
});

describe("toFinchAmount", () => {
  it("turns dollars into cents and percents into basis points, exactly", () => {
    expect(toFinchAmount("12.50")).toBe(1250);
    expect(toFinchAmount("$1,000")).toBe(100_000);
    expect(toFinchAmount("5.5%")).toBe(550);
    expect(toFinchAmount("0.07")).toBe(7);
    expect(toFinchAmount("1.005")).toBeNull();
    expect(toFinchAmount("-3")).toBeNull();
    expect(toFinchAmount("abc")).toBeNull();
  });
});
