/**
 * Perch's own types for what it reads from Finch. The SDK's payload types stop in lib/finch: the
 * mappers in `lib/finch/mappers.ts` turn each answer into these, so an SDK upgrade touches one
 * folder. Field names follow Finch's JSON on purpose: the data API returns these objects under
 * `data`, and its JSON stays what Finch sent for every field listed here. Enumerations are plain
 * strings: Perch displays them and never relies on the SDK's closed lists.
 */

export interface FinchMoney {
  amount: number | null;
  currency: string;
}

export interface FinchLocation {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
  name?: string | null;
  source_id?: string | null;
}

export interface FinchIncome {
  amount: number | null;
  currency: string | null;
  effective_date: string | null;
  unit: string | null;
}

/** Finch's per-item error inside a batch answer (404 person, 202 still syncing, …). */
export interface FinchBatchError {
  code: number;
  message: string;
  name: string;
  finch_code?: string;
}

// ── Company ──────────────────────────────────────────────────────────────────

export interface FinchCompany {
  id: string;
  legal_name: string | null;
  entity: { type: string | null; subtype: string | null } | null;
  primary_email: string | null;
  primary_phone_number: string | null;
  ein: string | null;
  departments: ({ name: string | null; parent: { name: string | null } | null } | null)[] | null;
  locations: (FinchLocation | null)[] | null;
  accounts:
    | {
        account_name: string | null;
        account_number: string | null;
        account_type: string | null;
        institution_name: string | null;
        routing_number: string | null;
      }[]
    | null;
}

// ── Directory ────────────────────────────────────────────────────────────────

export interface FinchDirectoryPerson {
  id: string;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  manager: { id: string } | null;
  department: { name?: string | null } | null;
  is_active: boolean | null;
}

export interface FinchDirectory {
  paging: { count?: number | null; offset: number };
  individuals: FinchDirectoryPerson[];
}

// ── Individual ───────────────────────────────────────────────────────────────

export interface FinchIndividual {
  id: string;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  preferred_name: string | null;
  dob: string | null;
  gender: string | null;
  ethnicity: string | null;
  marital_status: string | null;
  emails?: { data: string; type: string | null }[] | null;
  phone_numbers: ({ data: string | null; type: string | null } | null)[] | null;
  residence: FinchLocation | null;
  ssn?: string | null;
  encrypted_ssn?: string | null;
}

export interface FinchIndividualItem {
  individual_id: string;
  code: number;
  body: FinchIndividual | FinchBatchError;
}

// ── Employment ───────────────────────────────────────────────────────────────

export interface FinchEmployment {
  id: string;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  title: string | null;
  manager: { id: string } | null;
  department: { name: string | null } | null;
  employment: { type: string | null; subtype: string | null } | null;
  employment_status: string | null;
  start_date: string | null;
  end_date: string | null;
  latest_rehire_date: string | null;
  is_active: boolean | null;
  class_code: string | null;
  flsa_status: string | null;
  highly_compensated_employee: boolean | null;
  key_employee: boolean | null;
  union_code: string | null;
  union_local: string | null;
  location: FinchLocation | null;
  income?: FinchIncome | null;
  income_history?: (FinchIncome | null)[] | null;
  custom_fields?: { name?: string | null; value?: unknown }[] | null;
  source_id?: string | null;
  work_id?: string | null;
}

export interface FinchEmploymentItem {
  individual_id: string;
  code: number;
  body: FinchEmployment | FinchBatchError;
}

// ── Payments and pay statements ──────────────────────────────────────────────

export interface FinchPayment {
  id: string;
  pay_period: { start_date: string | null; end_date: string | null } | null;
  pay_date: string | null;
  debit_date: string | null;
  company_debit: FinchMoney | null;
  gross_pay: FinchMoney | null;
  net_pay: FinchMoney | null;
  employer_taxes: FinchMoney | null;
  employee_taxes: FinchMoney | null;
  individual_ids: string[] | null;
  pay_group_ids: string[] | null;
  pay_frequencies: string[] | null;
}

/** Free-form metadata Finch attaches to a pay statement line. */
export interface FinchLineAttributes {
  metadata: Record<string, unknown>;
}

export interface FinchEarning {
  type: string | null;
  name: string | null;
  amount: number | null;
  currency: string | null;
  hours: number | null;
  attributes?: FinchLineAttributes | null;
}

export interface FinchTax {
  type: string | null;
  name: string | null;
  employer: boolean | null;
  amount?: number | null;
  currency: string | null;
  attributes?: FinchLineAttributes | null;
}

export interface FinchEmployeeDeduction {
  name: string | null;
  amount: number | null;
  currency: string | null;
  pre_tax: boolean | null;
  type: string | null;
  attributes?: FinchLineAttributes | null;
}

export interface FinchEmployerContribution {
  name: string | null;
  amount?: number | null;
  currency: string | null;
  type: string | null;
  attributes?: FinchLineAttributes | null;
}

export interface FinchPayStatement {
  individual_id: string;
  type: string | null;
  payment_method: string | null;
  total_hours: number | null;
  gross_pay: FinchMoney | null;
  net_pay: FinchMoney | null;
  earnings: (FinchEarning | null)[] | null;
  taxes: FinchTax[] | null;
  employee_deductions: FinchEmployeeDeduction[] | null;
  employer_contributions: FinchEmployerContribution[] | null;
}

export interface FinchPayStatementPage {
  paging: { offset: number; count?: number };
  pay_statements: FinchPayStatement[];
}

export interface FinchPayStatementItem {
  payment_id: string;
  code: number;
  body: FinchPayStatementPage | FinchBatchError;
}

// ── Benefits ─────────────────────────────────────────────────────────────────

export interface FinchBenefit {
  benefit_id: string;
  type: string | null;
  description: string | null;
  frequency: string | null;
  company_contribution?: {
    type: string;
    tiers: { match: number; threshold: number }[];
  } | null;
}

export interface FinchBenefitEnrollment {
  benefitId: string;
  individualIds: string[];
}

// ── Jobs ─────────────────────────────────────────────────────────────────────

/** An automated (data sync) job, as the Sync now panel shows it. */
export interface FinchSyncJob {
  job_id: string;
  type: string;
  status: string;
  created_at: string;
  scheduled_at: string | null;
  started_at: string | null;
  completed_at: string | null;
}
