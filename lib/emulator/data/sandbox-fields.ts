import type { EmploymentFields, IndividualFields, LineItem, Money, PayStatement } from "./types";

const INDIVIDUAL_KEYS = new Set<keyof IndividualFields>([
  "first_name",
  "middle_name",
  "last_name",
  "preferred_name",
  "emails",
  "phone_numbers",
  "gender",
  "ethnicity",
  "marital_status",
  "dob",
  "residence",
  "ssn",
  "encrypted_ssn",
]);

const EMPLOYMENT_KEYS = new Set<keyof EmploymentFields>([
  "title",
  "manager",
  "department",
  "employment",
  "employment_status",
  "start_date",
  "end_date",
  "latest_rehire_date",
  "is_active",
  "class_code",
  "flsa_status",
  "highly_compensated_employee",
  "key_employee",
  "union_code",
  "union_local",
  "location",
  "income",
  "income_history",
  "custom_fields",
  "source_id",
]);

/** Splits a sandbox payload (individual and employment fields mixed, as Finch accepts them) in two. */
export function splitPersonFields(fields: Record<string, unknown>): {
  individual: Partial<IndividualFields>;
  employment: Partial<EmploymentFields>;
} {
  const individual: Record<string, unknown> = {};
  const employment: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (INDIVIDUAL_KEYS.has(key as keyof IndividualFields)) individual[key] = value;
    else if (EMPLOYMENT_KEYS.has(key as keyof EmploymentFields)) employment[key] = value;
  }
  return { individual, employment } as {
    individual: Partial<IndividualFields>;
    employment: Partial<EmploymentFields>;
  };
}

function money(value: unknown, fallback: number): Money {
  if (typeof value === "number") return { amount: Math.round(value), currency: "usd" };
  if (value && typeof value === "object" && typeof (value as Money).amount === "number") {
    return { amount: (value as Money).amount, currency: (value as Money).currency ?? "usd" };
  }
  return { amount: fallback, currency: "usd" };
}

function lineItems(
  value: unknown,
  extra: (item: Record<string, unknown>) => Partial<LineItem>,
): LineItem[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw: Record<string, unknown>) => ({
    type: (raw.type as string | undefined) ?? null,
    name: (raw.name as string | undefined) ?? null,
    amount: typeof raw.amount === "number" ? raw.amount : 0,
    currency: (raw.currency as string | undefined) ?? "usd",
    ...extra(raw),
  }));
}

/** A pay statement from a `POST /sandbox/payment` entry; missing totals are derived from the lines. */
export function sandboxStatement(input: Record<string, unknown>): PayStatement {
  const earnings = lineItems(input.earnings, (raw) => ({
    hours: typeof raw.hours === "number" ? raw.hours : null,
  }));
  const taxes = lineItems(input.taxes, (raw) => ({
    employer: typeof raw.employer === "boolean" ? raw.employer : false,
  }));
  const employeeDeductions = lineItems(input.employee_deductions, (raw) => ({
    pre_tax: typeof raw.pre_tax === "boolean" ? raw.pre_tax : null,
  }));
  const employerContributions = lineItems(input.employer_contributions, () => ({}));
  const gross = money(
    input.gross_pay,
    earnings.reduce((sum, e) => sum + (e.amount ?? 0), 0),
  );
  const withheld =
    taxes.filter((t) => !t.employer).reduce((sum, t) => sum + (t.amount ?? 0), 0) +
    employeeDeductions.reduce((sum, d) => sum + (d.amount ?? 0), 0);
  return {
    individual_id: String(input.individual_id),
    type: (input.type as string | undefined) ?? "regular_payroll",
    payment_method: (input.payment_method as string | undefined) ?? "direct_deposit",
    total_hours:
      typeof input.total_hours === "number"
        ? input.total_hours
        : earnings.reduce((sum, e) => sum + (e.hours ?? 0), 0),
    gross_pay: gross,
    net_pay: money(input.net_pay, gross.amount - withheld),
    earnings,
    taxes,
    employee_deductions: employeeDeductions,
    employer_contributions: employerContributions,
  };
}
