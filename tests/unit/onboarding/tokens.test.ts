import { describe, expect, it } from "vitest";
import { connectProductsSchema } from "@/lib/onboarding/defaults";
import { sharedDataDescriptions } from "@/lib/onboarding/shared-data";
import { hashSecret, isWellFormedToken, newSecretToken } from "@/lib/onboarding/tokens";

describe("invite tokens and redirect states", () => {
  it("are 32 random bytes in base64url, and only their hash is kept", () => {
    const token = newSecretToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(isWellFormedToken(token)).toBe(true);
    expect(newSecretToken()).not.toBe(token);
    expect(hashSecret(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(token)).not.toContain(token);
  });

  it("refuses anything else before looking it up", () => {
    for (const bad of ["", "short", `${newSecretToken()}x`, "a".repeat(42) + "!", "../etc"]) {
      expect(isWellFormedToken(bad), bad).toBe(false);
    }
  });
});

describe("Connect products", () => {
  it("accepts a form's array, a single box or none, with plain errors", () => {
    expect(connectProductsSchema.parse(["company", "payment"])).toEqual(["company", "payment"]);
    expect(connectProductsSchema.parse("company")).toEqual(["company"]);
    expect(connectProductsSchema.safeParse(undefined).error?.issues[0].message).toBe(
      "Choose at least one product",
    );
    expect(connectProductsSchema.safeParse(["payroll"]).success).toBe(false);
    expect(
      connectProductsSchema.safeParse(["benefits", "deduction"]).error?.issues[0].message,
    ).toMatch(/not both/);
  });

  it("describes shared data in plain words, once per meaning", () => {
    expect(sharedDataDescriptions(["benefits", "deduction", "ssn"])).toEqual([
      "Benefits and deductions — plans offered and employee contributions",
      "Employees' Social Security numbers",
    ]);
    expect(sharedDataDescriptions(["something_new"])).toEqual(["something_new"]);
  });
});
