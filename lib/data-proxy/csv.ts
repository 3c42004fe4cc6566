/**
 * CSV for spreadsheets. A cell that starts with =, +, -, @, a tab or a carriage return would be
 * run as a formula by Excel or Sheets, so it gets a leading apostrophe; every cell is quoted.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (typeof value !== "number" && FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** Cents as a plain decimal ("1234.50"), which spreadsheets read as a number. */
export function centsToDecimal(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return "";
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
