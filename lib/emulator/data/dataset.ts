import type { ConnectionRecord, SandboxEdit } from "../records";
import { generateBenefits } from "./benefits";
import { generateCompany, type CompanyPlan } from "./company";
import { addBusinessDays, dayOf, formatDay, parseDay } from "./dates";
import { evolveRoster, generateRoster, mockPerson, payGroupIds } from "./people";
import { generatePayments, isPaidOn, paymentFromStatements, regularStatement } from "./payroll";
import { sandboxStatement, splitPersonFields } from "./sandbox-fields";
import type {
  CompanyBenefit,
  CompanyData,
  EmployerProfile,
  PayGroup,
  PaymentWithStatements,
  Person,
} from "./types";

/** An employer's data as the provider held it at `asOf`: what a sync at that moment would have fetched. */
export interface Dataset {
  asOf: number;
  profile: EmployerProfile;
  company: CompanyData;
  people: Person[];
  byId: Map<string, Person>;
  benefits: CompanyBenefit[];
  payGroups: PayGroup[];
  payments(): PaymentWithStatements[];
}

export function profileOf(connection: ConnectionRecord): EmployerProfile {
  return {
    seed: connection.id,
    companyId: connection.companyId,
    customerName: connection.customerName,
    createdAt: connection.createdAt,
    employeeCount: connection.employeeCount,
    payDayAnchor: connection.payDayAnchor,
    payrollHistory: connection.payrollHistory,
    organicChanges: connection.connectionType === "provider",
  };
}

function applyEdit(
  edit: SandboxEdit,
  profile: EmployerProfile,
  plan: CompanyPlan,
  data: { company: CompanyData; people: Person[]; byId: Map<string, Person> },
): void {
  switch (edit.kind) {
    case "company":
      data.company = { ...data.company, ...edit.company, id: data.company.id } as CompanyData;
      return;
    case "individual":
    case "employment": {
      const person = data.byId.get(edit.individualId);
      if (!person) return;
      const { individual, employment } = splitPersonFields(edit.patch);
      person.individual = { ...person.individual, ...individual };
      person.employment = { ...person.employment, ...employment };
      return;
    }
    case "hire": {
      const startDay = dayOf(edit.at);
      const person = mockPerson(profile, plan, edit.individualId, startDay);
      const { individual, employment } = splitPersonFields(edit.fields);
      person.individual = { ...person.individual, ...individual };
      person.employment = { ...person.employment, ...employment };
      data.people.push(person);
      data.byId.set(person.id, person);
      return;
    }
    case "remove_individual": {
      const index = data.people.findIndex((p) => p.id === edit.individualId);
      if (index >= 0) data.people.splice(index, 1);
      data.byId.delete(edit.individualId);
      return;
    }
    case "payment":
    case "remove_payment":
      return;
  }
}

export function buildDataset(connection: ConnectionRecord, asOf: number): Dataset {
  const profile = profileOf(connection);
  const plan = generateCompany(profile);
  const people = generateRoster(profile, plan);
  const asOfDay = dayOf(asOf);
  evolveRoster(profile, plan, people, asOfDay);
  const data = {
    company: structuredClone(plan.company),
    people,
    byId: new Map(people.map((p) => [p.id, p])),
  };
  const edits = connection.edits.filter((edit) => edit.at <= asOf);
  for (const edit of edits) applyEdit(edit, profile, plan, data);
  const benefits = generateBenefits(profile);
  const groups = payGroupIds(profile);
  const payGroups: PayGroup[] = [
    { id: groups.salaried, name: "Salaried employees", pay_frequencies: ["bi_weekly"] },
    { id: groups.hourly, name: "Hourly employees", pay_frequencies: ["bi_weekly"] },
  ].filter((group) => people.some((p) => p.payGroupId === group.id && p.employment.is_active));

  const removedPayments = new Set(
    edits.flatMap((edit) => (edit.kind === "remove_payment" ? [edit.paymentId] : [])),
  );
  let payments: PaymentWithStatements[] | null = null;
  return {
    asOf,
    profile,
    ...data,
    benefits,
    payGroups,
    payments() {
      payments ??= [
        ...generatePayments(profile, data.people, benefits, asOfDay),
        ...edits.flatMap((edit) =>
          edit.kind === "payment" ? [sandboxPayment(edit, profile, data.people, benefits)] : [],
        ),
      ]
        .filter(({ payment }) => !removedPayments.has(payment.id))
        .sort((a, b) => a.payment.pay_date.localeCompare(b.payment.pay_date));
      return payments;
    },
  };
}

function sandboxPayment(
  edit: Extract<SandboxEdit, { kind: "payment" }>,
  profile: EmployerProfile,
  people: Person[],
  benefits: CompanyBenefit[],
): PaymentWithStatements {
  const byId = new Map(people.map((p) => [p.id, p]));
  const statements = edit.statements
    ? edit.statements.map(sandboxStatement)
    : people
        .filter(
          (p) =>
            p.employment.employment?.subtype === "full_time" &&
            isPaidOn(p, edit.startDate, edit.endDate),
        )
        .map((p) => regularStatement(profile, p, benefits, edit.payDate));
  return {
    payment: paymentFromStatements(
      edit.paymentId,
      { start_date: edit.startDate, end_date: edit.endDate },
      edit.payDate,
      statements,
      (id) => byId.get(id)?.payGroupId ?? null,
      // Finch's sandbox debits one business day after the pay date.
      formatDay(addBusinessDays(parseDay(edit.payDate) as number, 1)),
    ),
    statements,
  };
}

const CACHE_SIZE = 48;

/** Datasets are derived, never stored: cached per connection, sync time and edit count. */
export class DatasetCache {
  private readonly entries = new Map<string, Dataset>();

  at(connection: ConnectionRecord, asOf: number): Dataset {
    const key = `${connection.id}:${asOf}:${connection.edits.length}:${connection.customerName}`;
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const dataset = buildDataset(connection, asOf);
    this.entries.set(key, dataset);
    if (this.entries.size > CACHE_SIZE)
      this.entries.delete(this.entries.keys().next().value as string);
    return dataset;
  }
}

export function isValidDate(date: string): boolean {
  return parseDay(date) !== null;
}
