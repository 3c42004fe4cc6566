import { describe, expect, it } from "vitest";
import { csvCell, csvRow, toCsv } from "@/lib/csv";

describe("csvCell (RFC 4180)", () => {
  it("leaves plain values alone and empties null and undefined", () => {
    expect(csvCell("Acme Ltd")).toBe("Acme Ltd");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("writes a Date as its ISO instant", () => {
    expect(csvCell(new Date("2026-01-02T03:04:05.678Z"))).toBe("2026-01-02T03:04:05.678Z");
  });

  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvCell("Acme, Inc.")).toBe('"Acme, Inc."');
    expect(csvCell('The "Best" Co')).toBe('"The ""Best"" Co"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it.each(['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "-A1", "+"])(
    "defuses a cell a spreadsheet would run as a formula: %j",
    (value) => {
      expect(csvCell(value).replace(/^"/, "").startsWith("'")).toBe(true);
    },
  );

  it("keeps plain decimal numbers numeric, signed or not", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell("-0.05")).toBe("-0.05");
    expect(csvCell("1234.50")).toBe("1234.50");
  });

  it("keeps a formula-looking value with a comma both defused and quoted", () => {
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
  });
});

describe("csvRow and toCsv", () => {
  it("ends every record with CRLF, the header first", () => {
    expect(csvRow(["a", null, 3])).toBe("a,,3\r\n");
    expect(toCsv(["a", "b"], [["x,y", 'say "hi"']])).toBe(`a,b\r\n"x,y","say ""hi"""\r\n`);
    expect(toCsv(["only"], [])).toBe("only\r\n");
  });
});
