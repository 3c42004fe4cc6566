export interface Money {
  amount: number;
  currency: string;
}

export interface Location {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
}

export interface Income {
  unit: string;
  amount: number;
  currency: string;
  effective_date: string | null;
}

/** The fields Finch returns from `/employer/individual`, minus `id`. */
export interface IndividualFields {
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  preferred_name: string | null;
  emails: { data: string; type: "work" | "personal" | null }[] | null;
  phone_numbers: ({ data: string | null; type: "work" | "personal" | null } | null)[] | null;
  gender: string | null;
  ethnicity: string | null;
  marital_status: string | null;
  dob: string | null;
  residence: Location | null;
  ssn: string | null;
  encrypted_ssn: string | null;
}

/** The fields Finch returns from `/employer/employment`, minus `id` and the names. */
export interface EmploymentFields {
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
  location: Location | null;
  income: Income | null;
  income_history: (Income | null)[] | null;
  custom_fields: { name: string | null; value: unknown }[] | null;
  source_id: string | null;
}

export interface Person {
  id: string;
  individual: IndividualFields;
  employment: EmploymentFields;
  payGroupId: string;
}

export interface CompanyData {
  id: string;
  legal_name: string | null;
  entity: { type: string | null; subtype: string | null } | null;
  ein: string | null;
  primary_email: string | null;
  primary_phone_number: string | null;
  departments: ({ name: string | null; parent: { name: string | null } | null } | null)[] | null;
  locations: (Location | null)[] | null;
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

export interface LineItem {
  type: string | null;
  name: string | null;
  amount: number | null;
  currency: string;
  hours?: number | null;
  employer?: boolean | null;
  pre_tax?: boolean | null;
}

export interface PayStatement {
  individual_id: string;
  type: string | null;
  payment_method: string | null;
  total_hours: number | null;
  gross_pay: Money | null;
  net_pay: Money | null;
  earnings: LineItem[];
  taxes: LineItem[];
  employee_deductions: LineItem[];
  employer_contributions: LineItem[];
}

export interface Payment {
  id: string;
  pay_period: { start_date: string; end_date: string };
  pay_date: string;
  debit_date: string;
  company_debit: Money;
  gross_pay: Money;
  net_pay: Money;
  employer_taxes: Money;
  employee_taxes: Money;
  individual_ids: string[];
  pay_frequencies: string[];
  pay_group_ids: string[];
}

export interface PaymentWithStatements {
  payment: Payment;
  statements: PayStatement[];
}

export interface PayGroup {
  id: string;
  name: string;
  pay_frequencies: string[];
}

export type BenefitType =
  | "401k"
  | "401k_roth"
  | "s125_medical"
  | "s125_dental"
  | "s125_vision"
  | "hsa_pre"
  | "fsa_medical"
  | "commuter";

export interface CompanyBenefit {
  benefit_id: string;
  type: BenefitType;
  description: string;
  frequency: "every_paycheck" | "monthly" | "one_time";
  company_contribution: { type: "match"; tiers: { match: number; threshold: number }[] } | null;
}

export type Contribution =
  | { type: "fixed"; amount: number }
  | { type: "percent"; amount: number }
  | { type: "tiered"; tiers: { match: number; threshold: number }[] };

export interface Enrollment {
  employee_deduction: Contribution | null;
  company_contribution: Contribution | null;
  annual_maximum: number | null;
  catch_up: boolean | null;
  hsa_contribution_limit?: "individual" | "family" | null;
}

/** Everything that seeds one connection's generated employer. */
export interface EmployerProfile {
  seed: string;
  companyId: string;
  customerName: string | null;
  createdAt: number;
  employeeCount: number;
  payDayAnchor: "creation" | "seed";
  payrollHistory: boolean;
  /** Provider connections hire and lose people over time; Finch sandbox data only changes through the sandbox API. */
  organicChanges: boolean;
}
