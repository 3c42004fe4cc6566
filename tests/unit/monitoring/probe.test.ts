import { describe, expect, it } from "vitest";
import { probeProductFor } from "@/lib/finch/probe";

describe("probeProductFor", () => {
  it("picks the cheapest endpoint of each group the connection has", () => {
    const all = [
      "company",
      "directory",
      "individual",
      "employment",
      "payment",
      "pay_statement",
      "benefits",
    ];
    expect(probeProductFor("organization", all)).toBe("company");
    expect(probeProductFor("payroll", all)).toBe("payment");
    expect(probeProductFor("deductions", all)).toBe("benefits");
  });

  it("falls back within the group and accepts the old deduction product name", () => {
    expect(probeProductFor("organization", ["directory", "individual"])).toBe("directory");
    expect(probeProductFor("deductions", ["deduction"])).toBe("deduction");
  });

  it("gives up on groups whose endpoints all need ids from another call", () => {
    expect(probeProductFor("payroll", ["pay_statement"])).toBeNull();
    expect(probeProductFor("organization", ["individual", "employment"])).toBeNull();
    expect(probeProductFor("deductions", ["company"])).toBeNull();
  });
});
