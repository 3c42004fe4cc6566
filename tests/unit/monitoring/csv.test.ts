import { describe, expect, it } from "vitest";
import { csvCell } from "@/lib/monitoring/csv";

describe("csvCell", () => {
  it("leaves plain values alone and empties null and undefined", () => {
    expect(csvCell("Acme Ltd")).toBe("Acme Ltd");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell("Acme, Inc.")).toBe('"Acme, Inc."');
    expect(csvCell('The "Best" Co')).toBe('"The ""Best"" Co"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it.each(['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tTab", "\rCR"])(
    "defuses a cell a spreadsheet would run as a formula: %j",
    (value) => {
      const cell = csvCell(value);
      expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
    },
  );

  it("keeps a formula-looking value with a comma both defused and quoted", () => {
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
  });
});
