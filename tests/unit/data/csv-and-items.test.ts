import { describe, expect, it } from "vitest";
import { centsToDecimal } from "@/lib/data-proxy/money";
import { itemResults } from "@/lib/data-proxy/read";
import {
  contributionLabel,
  formatMoney,
  formatCount,
  formatPhone,
  humanize,
  maskEin,
} from "@/components/data/format";

describe("money in exports", () => {
  it("writes cents as decimals", () => {
    expect(centsToDecimal(123450)).toBe("1234.50");
    expect(centsToDecimal(-5)).toBe("-0.05");
    expect(centsToDecimal(null)).toBe("");
  });
});

describe("per-item results", () => {
  it("reports not found and still-syncing pay statements per item", () => {
    const items = itemResults("pay_statement", {
      responses: [
        {
          payment_id: "p1",
          code: 200,
          body: { paging: { count: 0, offset: 0 }, pay_statements: [] },
        },
        {
          payment_id: "p2",
          code: 202,
          body: {
            code: 202,
            name: "accepted",
            finch_code: "data_sync_in_progress",
            message: "later",
          },
        },
        { payment_id: "p3", code: 404, body: { finch_code: "payment_not_found", message: "no" } },
      ],
    });
    expect(items).toEqual([
      { id: "p1", status: "ok", code: 200, finch_code: null, message: null },
      {
        id: "p2",
        status: "pending",
        code: 202,
        finch_code: "data_sync_in_progress",
        message: "later",
      },
      { id: "p3", status: "not_found", code: 404, finch_code: "payment_not_found", message: "no" },
    ]);
    expect(itemResults("company", {})).toBeNull();
  });
});

describe("display helpers", () => {
  it("masks an EIN to its last four digits", () => {
    expect(maskEin("12-3456789")).toBe("••-•••6789");
    expect(maskEin(null)).toBe("—");
  });

  it("formats cents and matches", () => {
    expect(formatMoney({ amount: 123456, currency: "usd" })).toBe("$1,234.56");
    expect(formatMoney(null)).toBe("—");
    expect(
      contributionLabel({
        type: "match",
        tiers: [
          { match: 100, threshold: 3 },
          { match: 50, threshold: 5 },
        ],
      }),
    ).toBe("100% match up to 3% of pay, then 50% up to 5% of pay");
  });
});

describe("display formatting", () => {
  it("spells Finch enums as people write them", () => {
    expect(humanize("llc")).toBe("LLC");
    expect(humanize("bi_weekly")).toBe("Biweekly");
    expect(humanize("semi_monthly")).toBe("Semimonthly");
    expect(humanize("s_corporation")).toBe("S corporation");
    expect(humanize("S_CORP")).toBe("S corporation");
    expect(humanize("LLC")).toBe("LLC");
    expect(humanize("semi_annually")).toBe("Semiannually");
    expect(humanize("accrued_pto")).toBe("Accrued PTO");
    expect(humanize("full_time")).toBe("Full time");
    expect(humanize(null)).toBe("—");
  });

  it("formats North American phone numbers and leaves others as sent", () => {
    expect(formatPhone("4155550132")).toBe("(415) 555-0132");
    expect(formatCount(100000)).toBe("100,000");
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(7)).toBe("7");
    expect(formatPhone("+1 415-555-0132")).toBe("(415) 555-0132");
    expect(formatPhone("1.415.555.0132")).toBe("(415) 555-0132");
    expect(formatPhone("+44 20 7946 0958")).toBe("+44 20 7946 0958");
    expect(formatPhone("555-0132")).toBe("555-0132");
    expect(formatPhone("  ")).toBe("—");
  });
});
