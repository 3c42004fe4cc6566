import { describe, expect, it } from "vitest";
import {
  DEFAULT_CONNECT_PRODUCTS,
  FINCH_PRODUCTS,
  PRODUCT_GROUPS,
  groupsForProducts,
  productGroupOf,
  productLabel,
} from "@/lib/status/products";

describe("PRODUCT_GROUPS", () => {
  it("carries Finch's configuration periods", () => {
    expect(PRODUCT_GROUPS.organization.configurationDays).toBe(14);
    expect(PRODUCT_GROUPS.payroll.configurationDays).toBe(14);
    expect(PRODUCT_GROUPS.deductions.configurationDays).toBe(7);
    expect(PRODUCT_GROUPS.payroll.label).toBe("Payroll");
  });

  it("only contains Finch products, each in one group", () => {
    const grouped = Object.values(PRODUCT_GROUPS).flatMap((group) => group.products);
    expect(new Set(grouped).size).toBe(grouped.length);
    for (const product of grouped) expect(FINCH_PRODUCTS).toContain(product);
  });
});

describe("productGroupOf", () => {
  it("maps products to their group", () => {
    expect(productGroupOf("company")).toBe("organization");
    expect(productGroupOf("ssn")).toBe("organization");
    expect(productGroupOf("pay_statement")).toBe("payroll");
    expect(productGroupOf("benefits")).toBe("deductions");
    expect(productGroupOf("deduction")).toBe("deductions");
  });

  it("returns null for products outside the groups", () => {
    expect(productGroupOf("documents")).toBeNull();
    expect(productGroupOf("made_up")).toBeNull();
  });
});

describe("groupsForProducts", () => {
  it("is unique and in a stable order whatever the input order", () => {
    expect(groupsForProducts(["benefits", "payment", "directory", "company"])).toEqual([
      "organization",
      "payroll",
      "deductions",
    ]);
    expect(groupsForProducts(["pay_statement", "payment"])).toEqual(["payroll"]);
    expect(groupsForProducts(["documents", "unknown"])).toEqual([]);
  });

  it("covers all three groups for the default Connect products", () => {
    expect(groupsForProducts(DEFAULT_CONNECT_PRODUCTS)).toEqual([
      "organization",
      "payroll",
      "deductions",
    ]);
  });
});

describe("productLabel", () => {
  it("gives human labels and shows unknown products as-is", () => {
    expect(productLabel("pay_statement")).toBe("Pay statements");
    expect(productLabel("ssn")).toBe("SSN");
    expect(productLabel("plans_enrollments")).toBe("Plan enrollments");
    expect(productLabel("new_thing")).toBe("new_thing");
  });

  it("labels every Finch product", () => {
    for (const product of FINCH_PRODUCTS) expect(productLabel(product)).not.toBe(product);
  });
});
