/** Cents as a plain decimal ("1234.50"), which spreadsheets read as a number. */
export function centsToDecimal(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return "";
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
