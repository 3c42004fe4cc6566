import type { Money, Income, Location } from "@tryfinch/finch-api/resources/hris/hris";
import type { CompanyBenefit } from "@tryfinch/finch-api/resources/hris/benefits/benefits";
import type { Company } from "@tryfinch/finch-api/resources/hris/company";
import type { IndividualInDirectory } from "@tryfinch/finch-api/resources/hris/directory";
import type { EmploymentDataResponse } from "@tryfinch/finch-api/resources/hris/employments";
import type { IndividualResponse } from "@tryfinch/finch-api/resources/hris/individuals";
import type {
  PayStatement,
  PayStatementResponse,
} from "@tryfinch/finch-api/resources/hris/pay-statements";
import type { Payment } from "@tryfinch/finch-api/resources/hris/payments";
import type { AutomatedAsyncJob } from "@tryfinch/finch-api/resources/jobs/automated";
import type {
  FinchBatchError,
  FinchBenefit,
  FinchCompany,
  FinchDirectory,
  FinchDirectoryPerson,
  FinchEmployment,
  FinchEmploymentItem,
  FinchIncome,
  FinchIndividual,
  FinchIndividualItem,
  FinchLineAttributes,
  FinchLocation,
  FinchMoney,
  FinchPayment,
  FinchPayStatement,
  FinchPayStatementItem,
  FinchSyncJob,
} from "@/lib/finch/types";

/**
 * SDK payloads → Perch's types (lib/finch/types.ts). Pure: no I/O, no SDK runtime. Each mapper
 * copies the fields Perch's type lists, in the order Finch sends them, so the data API's JSON is
 * what Finch answered; a field absent from Finch's answer stays absent (never invented as null).
 */

function each<T, U>(items: readonly T[] | null | undefined, map: (item: T) => U): U[] | null {
  return items == null ? (items as null) : items.map(map);
}

function orNull<T, U>(value: T | null | undefined, map: (value: T) => U): U | null {
  return value == null ? (value as null) : map(value);
}

export function reshapeMoney(raw: Money): FinchMoney {
  return { amount: raw.amount, currency: raw.currency };
}

export function reshapeLocation(raw: Location): FinchLocation {
  return {
    line1: raw.line1,
    line2: raw.line2,
    city: raw.city,
    state: raw.state,
    postal_code: raw.postal_code,
    country: raw.country,
    name: raw.name,
    source_id: raw.source_id,
  };
}

export function reshapeIncome(raw: Income): FinchIncome {
  return {
    unit: raw.unit,
    amount: raw.amount,
    currency: raw.currency,
    effective_date: raw.effective_date,
  };
}

function reshapeBatchError(raw: {
  code: number;
  message: string;
  name: string;
  finch_code?: string;
}): FinchBatchError {
  return { code: raw.code, name: raw.name, finch_code: raw.finch_code, message: raw.message };
}

export function reshapeCompany(raw: Company): FinchCompany {
  return {
    id: raw.id,
    legal_name: raw.legal_name,
    entity: orNull(raw.entity, (e) => ({ type: e.type, subtype: e.subtype })),
    ein: raw.ein,
    primary_email: raw.primary_email,
    primary_phone_number: raw.primary_phone_number,
    departments: each(raw.departments, (d) =>
      orNull(d, (dept) => ({
        name: dept.name,
        parent: orNull(dept.parent, (p) => ({ name: p.name })),
      })),
    ),
    locations: each(raw.locations, (l) => orNull(l, reshapeLocation)),
    accounts: each(raw.accounts, (a) => ({
      account_name: a.account_name,
      account_number: a.account_number,
      account_type: a.account_type,
      institution_name: a.institution_name,
      routing_number: a.routing_number,
    })),
  };
}

export function reshapeDirectoryPerson(raw: IndividualInDirectory): FinchDirectoryPerson {
  return {
    id: raw.id,
    first_name: raw.first_name,
    middle_name: raw.middle_name,
    last_name: raw.last_name,
    manager: orNull(raw.manager, (m) => ({ id: m.id })),
    department: orNull(raw.department, (d) => ({ name: d.name })),
    is_active: raw.is_active,
  };
}

export function reshapeDirectory(raw: {
  paging: { count?: number | null; offset: number };
  individuals: IndividualInDirectory[];
}): FinchDirectory {
  return {
    paging: { count: raw.paging.count, offset: raw.paging.offset },
    individuals: raw.individuals.map(reshapeDirectoryPerson),
  };
}

type SdkIndividual = IndividualResponse["body"];
type SdkIndividualBody = Extract<SdkIndividual, { id: string }>;

export function reshapeIndividual(raw: SdkIndividualBody): FinchIndividual {
  return {
    id: raw.id,
    first_name: raw.first_name,
    middle_name: raw.middle_name,
    last_name: raw.last_name,
    preferred_name: raw.preferred_name,
    emails: each(raw.emails, (e) => ({ data: e.data, type: e.type })),
    phone_numbers: each(raw.phone_numbers, (p) =>
      orNull(p, (n) => ({ data: n.data, type: n.type })),
    ),
    gender: raw.gender,
    ethnicity: raw.ethnicity,
    marital_status: raw.marital_status,
    dob: raw.dob,
    residence: orNull(raw.residence, reshapeLocation),
    ssn: raw.ssn,
    encrypted_ssn: raw.encrypted_ssn,
  };
}

export function reshapeIndividualItem(raw: IndividualResponse): FinchIndividualItem {
  return {
    individual_id: raw.individual_id,
    code: raw.code,
    body: "id" in raw.body ? reshapeIndividual(raw.body) : reshapeBatchError(raw.body),
  };
}

type SdkEmploymentBody = Extract<EmploymentDataResponse["body"], { id: string }>;

export function reshapeEmployment(raw: SdkEmploymentBody): FinchEmployment {
  return {
    id: raw.id,
    first_name: raw.first_name,
    middle_name: raw.middle_name,
    last_name: raw.last_name,
    title: raw.title,
    manager: orNull(raw.manager, (m) => ({ id: m.id })),
    department: orNull(raw.department, (d) => ({ name: d.name })),
    employment: orNull(raw.employment, (e) => ({ type: e.type, subtype: e.subtype })),
    employment_status: raw.employment_status,
    start_date: raw.start_date,
    end_date: raw.end_date,
    latest_rehire_date: raw.latest_rehire_date,
    is_active: raw.is_active,
    class_code: raw.class_code,
    flsa_status: raw.flsa_status,
    highly_compensated_employee: raw.highly_compensated_employee,
    key_employee: raw.key_employee,
    union_code: raw.union_code,
    union_local: raw.union_local,
    location: orNull(raw.location, reshapeLocation),
    income: orNull(raw.income, reshapeIncome),
    income_history: each(raw.income_history, (i) => orNull(i, reshapeIncome)),
    custom_fields: each(raw.custom_fields, (f) => ({ name: f.name, value: f.value })),
    source_id: raw.source_id,
    work_id: raw.work_id,
  };
}

export function reshapeEmploymentItem(raw: EmploymentDataResponse): FinchEmploymentItem {
  return {
    individual_id: raw.individual_id,
    code: raw.code,
    body: "id" in raw.body ? reshapeEmployment(raw.body) : reshapeBatchError(raw.body),
  };
}

export function reshapePayment(raw: Payment): FinchPayment {
  return {
    id: raw.id,
    pay_period: orNull(raw.pay_period, (p) => ({ start_date: p.start_date, end_date: p.end_date })),
    pay_date: raw.pay_date,
    debit_date: raw.debit_date,
    company_debit: orNull(raw.company_debit, reshapeMoney),
    gross_pay: orNull(raw.gross_pay, reshapeMoney),
    net_pay: orNull(raw.net_pay, reshapeMoney),
    employer_taxes: orNull(raw.employer_taxes, reshapeMoney),
    employee_taxes: orNull(raw.employee_taxes, reshapeMoney),
    individual_ids: each(raw.individual_ids, String),
    pay_frequencies: each(raw.pay_frequencies, String),
    pay_group_ids: each(raw.pay_group_ids, String),
  };
}

function reshapeAttributes(
  raw: { metadata: Record<string, unknown> } | null | undefined,
): FinchLineAttributes | null | undefined {
  return raw == null ? raw : { metadata: raw.metadata };
}

export function reshapePayStatement(raw: PayStatement): FinchPayStatement {
  return {
    individual_id: raw.individual_id,
    type: raw.type,
    payment_method: raw.payment_method,
    total_hours: raw.total_hours,
    gross_pay: orNull(raw.gross_pay, reshapeMoney),
    net_pay: orNull(raw.net_pay, reshapeMoney),
    earnings: each(raw.earnings, (e) =>
      orNull(e, (l) => ({
        type: l.type,
        name: l.name,
        amount: l.amount,
        currency: l.currency,
        hours: l.hours,
        attributes: reshapeAttributes(l.attributes),
      })),
    ),
    taxes: each(raw.taxes, (l) => ({
      type: l.type,
      name: l.name,
      employer: l.employer,
      amount: l.amount,
      currency: l.currency,
      attributes: reshapeAttributes(l.attributes),
    })),
    employee_deductions: each(raw.employee_deductions, (l) => ({
      type: l.type,
      name: l.name,
      amount: l.amount,
      currency: l.currency,
      pre_tax: l.pre_tax,
      attributes: reshapeAttributes(l.attributes),
    })),
    employer_contributions: each(raw.employer_contributions, (l) => ({
      type: l.type,
      name: l.name,
      amount: l.amount,
      currency: l.currency,
      attributes: reshapeAttributes(l.attributes),
    })),
  };
}

export function reshapePayStatementItem(raw: PayStatementResponse): FinchPayStatementItem {
  const body = raw.body;
  return {
    payment_id: raw.payment_id,
    code: raw.code,
    body:
      "pay_statements" in body
        ? {
            paging: { count: body.paging.count, offset: body.paging.offset },
            pay_statements: body.pay_statements.map(reshapePayStatement),
          }
        : reshapeBatchError(body),
  };
}

export function reshapeBenefit(raw: CompanyBenefit): FinchBenefit {
  return {
    benefit_id: raw.benefit_id,
    type: raw.type,
    description: raw.description,
    frequency: raw.frequency,
    company_contribution: orNull(raw.company_contribution, (c) => ({
      type: c.type,
      tiers: c.tiers.map((t) => ({ match: t.match, threshold: t.threshold })),
    })),
  };
}

export function reshapeSyncJob(raw: AutomatedAsyncJob): FinchSyncJob {
  return {
    job_id: raw.job_id,
    type: raw.type,
    status: raw.status,
    created_at: raw.created_at,
    scheduled_at: raw.scheduled_at,
    started_at: raw.started_at,
    completed_at: raw.completed_at,
  };
}
