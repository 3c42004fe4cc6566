/**
 * The one CSV encoder (RFC 4180): fields joined by commas, records ended by CRLF, a field quoted
 * only when it holds a comma, a double quote, CR or LF, and quotes inside doubled.
 *
 * Formula injection: a spreadsheet runs a cell that starts with =, +, -, @, a tab or a CR as a
 * formula, so such a cell gets a leading apostrophe — except a plain decimal number ("-12.50"),
 * which is data and must stay a number a spreadsheet can sum.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF included. */
export function csvRow(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A whole document: the header, then each row. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map(csvRow).join("");
}
