/**
 * A cell as CSV: quoted when needed, and prefixed with ' when a spreadsheet would read it as a
 * formula (=, +, -, @, tab, carriage return), so an employer name cannot run code in Excel.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
