import { describe, expect, it } from "vitest";
import {
  connectionHasProduct,
  parseProductQuery,
  productFromUrlName,
} from "@/lib/data-proxy/params";
import { AppError } from "@/lib/errors";

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return Object.keys((error as AppError).details?.fieldErrors as object);
  }
  throw new Error("expected the parameters to be refused");
}

describe("product names", () => {
  it("maps Finch's path spellings and accepted aliases", () => {
    expect(productFromUrlName("pay-statement")).toBe("pay_statement");
    expect(productFromUrlName("deductions")).toBe("benefits");
    expect(productFromUrlName("salaries")).toBeNull();
    expect(productFromUrlName("__proto__")).toBeNull();
  });

  it("treats the old deduction product as benefits", () => {
    expect(connectionHasProduct(["deduction"], "benefits")).toBe(true);
    expect(connectionHasProduct(["company"], "payment")).toBe(false);
  });
});

describe("parameters", () => {
  it("defaults and bounds directory paging", () => {
    expect(parseProductQuery("directory", new URLSearchParams()).params).toEqual({
      limit: 100,
      offset: 0,
    });
    expect(
      parseProductQuery("directory", new URLSearchParams("limit=500&offset=20")).params,
    ).toEqual({ limit: 500, offset: 20 });
    expect(
      fieldsOf(() => parseProductQuery("directory", new URLSearchParams("limit=501"))),
    ).toEqual(["limit"]);
    expect(
      fieldsOf(() => parseProductQuery("directory", new URLSearchParams("limit=2.5"))),
    ).toEqual(["limit"]);
  });

  it("accepts ids repeated or comma-separated, de-duplicated, at most 100", () => {
    const q = parseProductQuery(
      "individual",
      new URLSearchParams("individual_ids=a,b&individual_ids=c&individual_ids[]=a"),
    );
    expect(q.params.individual_ids).toEqual(["a", "b", "c"]);
    const many = Array.from({ length: 101 }, (_, i) => `p${i}`).join(",");
    expect(
      fieldsOf(() =>
        parseProductQuery("employment", new URLSearchParams(`individual_ids=${many}`)),
      ),
    ).toEqual(["individual_ids"]);
  });

  it("requires both payment dates, real ones, in order, at most a year apart", () => {
    const ok = parseProductQuery(
      "payment",
      new URLSearchParams("start_date=2025-02-28&end_date=2026-02-28"),
    );
    expect(ok.params).toEqual({ start_date: "2025-02-28", end_date: "2026-02-28" });
    const refused = (q: string) =>
      fieldsOf(() => parseProductQuery("payment", new URLSearchParams(q)));
    expect(refused("start_date=2025-01-01")).toEqual(["end_date"]);
    expect(refused("start_date=2025-02-29&end_date=2025-03-01")).toEqual(["start_date"]);
    expect(refused("start_date=2025-03-02&end_date=2025-03-01")).toEqual(["start_date"]);
    expect(refused("start_date=2025-02-28&end_date=2026-03-01")).toEqual(["end_date"]);
    expect(refused("start_date=01/02/2025&end_date=2025-03-01")).toEqual(["start_date"]);
  });

  it("bounds pay statements to 10 payments and 500 per page", () => {
    expect(
      parseProductQuery("pay_statement", new URLSearchParams("payment_ids=x&offset=100")).params,
    ).toEqual({ payment_ids: ["x"], limit: 100, offset: 100 });
    const eleven = Array.from({ length: 11 }, (_, i) => `p${i}`).join(",");
    expect(
      fieldsOf(() =>
        parseProductQuery("pay_statement", new URLSearchParams(`payment_ids=${eleven}&limit=0`)),
      ).sort(),
    ).toEqual(["limit", "payment_ids"]);
  });

  it("refuses parameters a product does not take", () => {
    expect(fieldsOf(() => parseProductQuery("company", new URLSearchParams("limit=5")))).toEqual([
      "limit",
    ]);
  });
});
