/** Display helpers for Finch data: money in cents, masked identifiers, Finch's enum spellings. */

const countFormatter = new Intl.NumberFormat("en-US");

/** A count with thousands separators: 100000 → "100,000". */
export function formatCount(value: number): string {
  return countFormatter.format(value);
}

const currencyFormatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(
  money: { amount?: number | null; currency?: string | null } | null | undefined,
): string {
  if (!money || money.amount === null || money.amount === undefined) return "—";
  const currency = (money.currency || "usd").toUpperCase();
  let formatter = currencyFormatters.get(currency);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat("en-US", { style: "currency", currency });
    } catch {
      formatter = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2 });
    }
    currencyFormatters.set(currency, formatter);
  }
  return formatter.format(money.amount / 100);
}

export function sumMoney(values: ({ amount?: number | null } | null | undefined)[]): number {
  return values.reduce((total, m) => total + (m?.amount ?? 0), 0);
}

/** "••-•••6789": enough to recognise an EIN without showing it. */
export function maskEin(ein: string | null | undefined): string {
  if (!ein) return "—";
  const digits = ein.replace(/\D/g, "");
  if (digits.length < 4) return "••-•••••••";
  return `••-•••${digits.slice(-4)}`;
}

/** Finch enum values whose words are not plain English once the underscores go. */
const ENUM_LABELS: Record<string, string> = {
  llc: "LLC",
  lp: "LP",
  llp: "LLP",
  pllc: "PLLC",
  c_corporation: "C corporation",
  s_corporation: "S corporation",
  s_corp: "S corporation",
  c_corp: "C corporation",
  b_corporation: "B corporation",
  non_profit: "Nonprofit",
  sole_proprietor: "Sole proprietor",
  bi_weekly: "Biweekly",
  semi_monthly: "Semimonthly",
  semi_weekly: "Semiweekly",
  semi_annually: "Semiannually",
  w2: "W-2",
  w4: "W-4",
};

const WORD_LABELS: Record<string, string> = { pto: "PTO", fsa: "FSA", hsa: "HSA", ssn: "SSN" };

/** Finch's snake_case enums as words: "s_corporation" → "S corporation", "llc" → "LLC". */
export function humanize(value: string | null | undefined): string {
  if (!value) return "—";
  const known = ENUM_LABELS[value.toLowerCase()];
  if (known) return known;
  const words = value
    .split("_")
    .map((word) => WORD_LABELS[word.toLowerCase()] ?? word)
    .join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A phone number as people write it: "(415) 555-0132" for ten-digit North American numbers
 * (with or without a leading 1), "+44 20 7946 0958"-style input left as the provider sent it.
 */
export function formatPhone(value: string | null | undefined): string {
  if (!value?.trim()) return "—";
  const written = value.trim();
  const international = written.startsWith("+") && !written.startsWith("+1");
  const digits = written.replace(/\D/g, "");
  const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  if (international || national.length !== 10) return written;
  return `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
}

const BENEFIT_TYPES: Record<string, string> = {
  "401k": "401(k)",
  "401k_roth": "Roth 401(k)",
  "401k_loan": "401(k) loan",
  "403b": "403(b)",
  "403b_roth": "Roth 403(b)",
  "457": "457",
  "457_roth": "Roth 457",
  commuter: "Commuter",
  custom_post_tax: "Custom (post-tax)",
  custom_pre_tax: "Custom (pre-tax)",
  fsa_dependent_care: "Dependent care FSA",
  fsa_medical: "Medical FSA",
  hsa_post: "HSA (post-tax)",
  hsa_pre: "HSA (pre-tax)",
  s125_dental: "Dental (section 125)",
  s125_medical: "Medical (section 125)",
  s125_vision: "Vision (section 125)",
  simple: "SIMPLE",
  simple_ira: "SIMPLE IRA",
};

export function benefitTypeLabel(type: string | null | undefined): string {
  if (!type) return "—";
  return BENEFIT_TYPES[type] ?? humanize(type);
}

const FREQUENCIES: Record<string, string> = {
  every_paycheck: "Every paycheck",
  monthly: "Monthly",
  one_time: "One time",
};

export function frequencyLabel(frequency: string | null | undefined): string {
  if (!frequency) return "—";
  return FREQUENCIES[frequency] ?? humanize(frequency);
}

/** A company match as a sentence: "100% up to 3% of pay, then 50% up to 5%". */
export function contributionLabel(
  contribution:
    { type?: string; tiers?: { match: number; threshold: number }[] } | null | undefined,
): string {
  if (!contribution) return "None";
  if (contribution.type === "match" && contribution.tiers?.length) {
    return contribution.tiers
      .map((tier, i) => `${tier.match}% ${i === 0 ? "match " : ""}up to ${tier.threshold}% of pay`)
      .join(", then ");
  }
  return humanize(contribution.type ?? "other");
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function dayParts(value: string | null | undefined): { d: number; m: string; y: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? "");
  if (!match) return null;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? { d: Number(match[3]), m: month, y: Number(match[1]) } : null;
}

/** A Finch calendar day ("2026-12-08") as "8 Dec 2026"; no time zone is involved. */
export function formatIsoDay(value: string | null | undefined): string {
  const p = dayParts(value);
  return p ? `${p.d} ${p.m} ${p.y}` : (value ?? "—");
}

/** "3–16 Nov 2026", "20 Oct – 2 Nov 2026" or "28 Dec 2025 – 10 Jan 2026". */
export function formatDayRange(start: string | null | undefined, end: string | null | undefined) {
  const a = dayParts(start);
  const b = dayParts(end);
  if (!a || !b) return `${formatIsoDay(start)} – ${formatIsoDay(end)}`;
  if (a.y !== b.y) return `${formatIsoDay(start)} – ${formatIsoDay(end)}`;
  if (a.m !== b.m) return `${a.d} ${a.m} – ${b.d} ${b.m} ${b.y}`;
  return `${a.d}–${b.d} ${b.m} ${b.y}`;
}
