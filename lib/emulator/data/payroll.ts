import { enrollmentFor } from "./benefits";
import { firstDayOfYear, formatDay, weekdayOf, yearOf } from "./dates";
import { CITIES } from "./names";
import { rngFor, uuidFrom } from "./random";
import type {
  CompanyBenefit,
  EmployerProfile,
  Enrollment,
  Income,
  LineItem,
  Payment,
  PaymentWithStatements,
  PayStatement,
  Person,
} from "./types";

const PAY_PERIOD_DAYS = 14;
const PAY_LAG_DAYS = 4;

const DEDUCTION_NAMES: Record<string, string> = {
  "401k": "401(k)",
  "401k_roth": "Roth 401(k)",
  s125_medical: "Medical Insurance",
  s125_dental: "Dental Insurance",
  s125_vision: "Vision Insurance",
  hsa_pre: "HSA",
  fsa_medical: "Healthcare FSA",
  commuter: "Commuter Transit",
};

function anchorDay(profile: EmployerProfile): number {
  const createdDay = Math.floor(profile.createdAt / 86_400_000);
  if (profile.payDayAnchor === "creation") return createdDay;
  const friday = createdDay - ((weekdayOf(createdDay) + 2) % 7);
  return rngFor(`${profile.seed}:payday`).chance(0.5) ? friday : friday - 7;
}

/** Bi-weekly pay dates from the start of the payroll history up to `toDay`. */
export function payDays(profile: EmployerProfile, toDay: number): number[] {
  const anchor = anchorDay(profile);
  const createdDay = Math.floor(profile.createdAt / 86_400_000);
  const firstDay = profile.payrollHistory ? firstDayOfYear(yearOf(createdDay) - 2) : createdDay;
  const days: number[] = [];
  const firstK = Math.ceil((firstDay - anchor) / PAY_PERIOD_DAYS);
  for (let day = anchor + firstK * PAY_PERIOD_DAYS; day <= toDay; day += PAY_PERIOD_DAYS)
    days.push(day);
  return days;
}

export function paymentIdFor(profile: EmployerProfile, payDay: number): string {
  return uuidFrom(`${profile.seed}:payment:${payDay}`);
}

function stateTaxRate(person: Person): { state: string; rate: number } | null {
  const state = person.employment.location?.state ?? person.individual.residence?.state;
  const city = CITIES.find((c) => c.state === state);
  return state && city && city.stateIncomeTaxRate > 0
    ? { state, rate: city.stateIncomeTaxRate }
    : null;
}

function federalRate(annualGross: number): number {
  if (annualGross < 5_000_000) return 0.1;
  if (annualGross < 10_000_000) return 0.14;
  if (annualGross < 18_000_000) return 0.18;
  return 0.22;
}

export function isPaidOn(person: Person, periodStart: string, periodEnd: string): boolean {
  const { employment } = person;
  if (employment.employment?.type === "contractor") return false;
  if ((employment.start_date ?? "") > periodEnd) return false;
  return !employment.end_date || employment.end_date >= periodStart;
}

/** What stays the same for a person across pay runs; computed once per person, not per statement. */
interface PayProfile {
  person: Person;
  incomes: Income[];
  enrollments: { benefit: CompanyBenefit; enrollment: Enrollment }[];
  state: { state: string; rate: number } | null;
  paymentMethod: "direct_deposit" | "check";
  partTime: boolean;
}

function payProfile(
  profile: EmployerProfile,
  person: Person,
  benefits: readonly CompanyBenefit[],
): PayProfile {
  const enrollments: PayProfile["enrollments"] = [];
  for (const benefit of benefits) {
    const enrollment = enrollmentFor(profile, person, benefit);
    if (enrollment) enrollments.push({ benefit, enrollment });
  }
  return {
    person,
    incomes: [...(person.employment.income_history ?? []), person.employment.income].filter(
      (entry): entry is Income => entry !== null,
    ),
    enrollments,
    state: stateTaxRate(person),
    paymentMethod: rngFor(`${profile.seed}:method:${person.id}`).chance(0.92)
      ? "direct_deposit"
      : "check",
    partTime: person.employment.employment?.subtype === "part_time",
  };
}

function incomeOn(incomes: Income[], date: string): Income | null {
  let current: Income | null = incomes[0] ?? null;
  for (const entry of incomes) if ((entry.effective_date ?? "") <= date) current = entry;
  return current;
}

/** One person's regular pay statement for one pay run; taxes, deductions and contributions add up. */
export function regularStatement(
  profile: EmployerProfile,
  person: Person,
  benefits: readonly CompanyBenefit[],
  payDate: string,
): PayStatement {
  return statementFor(profile, payProfile(profile, person, benefits), payDate);
}

function statementFor(profile: EmployerProfile, pay: PayProfile, payDate: string): PayStatement {
  const { person, partTime } = pay;
  const income = incomeOn(pay.incomes, payDate);
  const hourly = income?.unit === "hourly";
  const hours = partTime ? 40 : 80;
  const earnings: LineItem[] = [];
  if (hourly) {
    const rate = income?.amount ?? 2000;
    earnings.push({
      type: "wage",
      name: "Regular Hours",
      amount: rate * hours,
      currency: "usd",
      hours,
    });
    const rng = rngFor(`${profile.seed}:overtime:${person.id}:${payDate}`);
    if (!partTime && rng.chance(0.3)) {
      const overtime = rng.int(2, 10);
      earnings.push({
        type: "overtime",
        name: "Overtime",
        amount: Math.round(rate * 1.5 * overtime),
        currency: "usd",
        hours: overtime,
      });
    }
  } else {
    const amount = Math.round((income?.amount ?? 6_000_000) / 26 / (partTime ? 2 : 1));
    earnings.push({ type: "salary", name: "Regular Salary", amount, currency: "usd", hours });
  }
  let gross = 0;
  for (const earning of earnings) gross += earning.amount ?? 0;

  const employeeDeductions: LineItem[] = [];
  const employerContributions: LineItem[] = [];
  let preTax = 0;
  let deductions = 0;
  for (const { benefit, enrollment } of pay.enrollments) {
    const name = DEDUCTION_NAMES[benefit.type] ?? benefit.description;
    const deduction = enrollment.employee_deduction;
    const deducted =
      deduction?.type === "percent"
        ? Math.round((gross * deduction.amount) / 10_000)
        : deduction?.type === "fixed"
          ? deduction.amount
          : 0;
    const isPreTax = benefit.type !== "401k_roth";
    employeeDeductions.push({
      type: benefit.type,
      name,
      amount: deducted,
      currency: "usd",
      pre_tax: isPreTax,
    });
    deductions += deducted;
    if (isPreTax) preTax += deducted;
    const contribution = enrollment.company_contribution;
    let contributed = 0;
    if (contribution?.type === "fixed") contributed = contribution.amount;
    if (contribution?.type === "percent")
      contributed = Math.round((gross * contribution.amount) / 10_000);
    if (contribution?.type === "tiered" && deduction?.type === "percent") {
      let previous = 0;
      for (const tier of contribution.tiers) {
        const band = Math.max(0, Math.min(deduction.amount / 100, tier.threshold) - previous);
        contributed += Math.round((gross * band * tier.match) / 10_000);
        previous = tier.threshold;
      }
    }
    if (contributed > 0)
      employerContributions.push({
        type: benefit.type,
        name: `${name} (employer)`,
        amount: contributed,
        currency: "usd",
      });
  }

  const taxable = Math.max(0, gross - preTax);
  const socialSecurity = Math.round(gross * 0.062);
  const medicare = Math.round(gross * 0.0145);
  const federal = Math.round(taxable * federalRate(gross * 26));
  const taxes: LineItem[] = [
    {
      type: "federal",
      name: "Federal Income Tax",
      employer: false,
      amount: federal,
      currency: "usd",
    },
    {
      type: "fica",
      name: "Social Security",
      employer: false,
      amount: socialSecurity,
      currency: "usd",
    },
    { type: "fica", name: "Medicare", employer: false, amount: medicare, currency: "usd" },
    {
      type: "fica",
      name: "Social Security (employer)",
      employer: true,
      amount: socialSecurity,
      currency: "usd",
    },
    {
      type: "fica",
      name: "Medicare (employer)",
      employer: true,
      amount: medicare,
      currency: "usd",
    },
    {
      type: "federal",
      name: "FUTA",
      employer: true,
      amount: Math.round(Math.min(gross, 70_000) * 0.006),
      currency: "usd",
    },
  ];
  let employeeTaxes = federal + socialSecurity + medicare;
  if (pay.state) {
    const stateTax = Math.round(taxable * pay.state.rate);
    taxes.push({
      type: "state",
      name: `State Withholding - ${pay.state.state}`,
      employer: false,
      amount: stateTax,
      currency: "usd",
    });
    employeeTaxes += stateTax;
  }

  return {
    individual_id: person.id,
    type: "regular_payroll",
    payment_method: pay.paymentMethod,
    total_hours: earnings.reduce((sum, e) => sum + (e.hours ?? 0), 0),
    gross_pay: { amount: gross, currency: "usd" },
    net_pay: { amount: gross - employeeTaxes - deductions, currency: "usd" },
    earnings,
    taxes,
    employee_deductions: employeeDeductions,
    employer_contributions: employerContributions,
  };
}

/** Sums statements into the payment-level totals Finch reports. */
export function paymentFromStatements(
  id: string,
  period: { start_date: string; end_date: string },
  payDate: string,
  statements: readonly PayStatement[],
  payGroupOf: (individualId: string) => string | null,
  debitDate?: string,
): Payment {
  let gross = 0;
  let net = 0;
  let employeeTaxes = 0;
  let employerTaxes = 0;
  let contributions = 0;
  for (const statement of statements) {
    gross += statement.gross_pay?.amount ?? 0;
    net += statement.net_pay?.amount ?? 0;
    for (const tax of statement.taxes) {
      if (tax.employer) employerTaxes += tax.amount ?? 0;
      else employeeTaxes += tax.amount ?? 0;
    }
    for (const contribution of statement.employer_contributions)
      contributions += contribution.amount ?? 0;
  }
  const payGroups = [
    ...new Set(
      statements.map((s) => payGroupOf(s.individual_id)).filter((g): g is string => g !== null),
    ),
  ];
  const payDay = Date.parse(`${payDate}T00:00:00Z`) / 86_400_000;
  return {
    id,
    pay_period: period,
    pay_date: payDate,
    debit_date: debitDate ?? formatDay(payDay - 2),
    company_debit: { amount: gross + employerTaxes + contributions, currency: "usd" },
    gross_pay: { amount: gross, currency: "usd" },
    net_pay: { amount: net, currency: "usd" },
    employer_taxes: { amount: employerTaxes, currency: "usd" },
    employee_taxes: { amount: employeeTaxes, currency: "usd" },
    individual_ids: statements.map((s) => s.individual_id),
    pay_frequencies: ["bi_weekly"],
    pay_group_ids: payGroups,
  };
}

export function periodFor(payDay: number): { start_date: string; end_date: string } {
  return {
    start_date: formatDay(payDay - PAY_LAG_DAYS - PAY_PERIOD_DAYS + 1),
    end_date: formatDay(payDay - PAY_LAG_DAYS),
  };
}

/** Every regular pay run up to `toDay`, each with a statement per person paid in its period. */
export function generatePayments(
  profile: EmployerProfile,
  people: readonly Person[],
  benefits: readonly CompanyBenefit[],
  toDay: number,
): PaymentWithStatements[] {
  const payGroupOf = new Map(people.map((p) => [p.id, p.payGroupId]));
  const employees = people
    .filter((person) => person.employment.employment?.type !== "contractor")
    .map((person) => payProfile(profile, person, benefits));
  return payDays(profile, toDay).map((payDay) => {
    const period = periodFor(payDay);
    const payDate = formatDay(payDay);
    const statements = employees
      .filter(({ person }) => isPaidOn(person, period.start_date, period.end_date))
      .map((pay) => statementFor(profile, pay, payDate));
    return {
      payment: paymentFromStatements(
        paymentIdFor(profile, payDay),
        period,
        payDate,
        statements,
        (id) => payGroupOf.get(id) ?? null,
      ),
      statements,
    };
  });
}
