import type { CompanyPlan } from "./company";
import { formatDay } from "./dates";
import {
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  MIDDLE_INITIALS,
  type DepartmentPlan,
} from "./names";
import { digitsFrom, rngFor, uuidFrom, type Rng } from "./random";
import type { EmployerProfile, Income, Location, Person } from "./types";

const ETHNICITIES = [
  "asian",
  "white",
  "black_or_african_american",
  "hispanic_or_latino",
  "two_or_more_races",
  "native_hawaiian_or_pacific_islander",
  "american_indian_or_alaska_native",
  "decline_to_specify",
] as const;
const MARITAL_STATUSES = [
  "single",
  "married",
  "married",
  "divorced",
  "domestic_partner",
  "unknown",
] as const;

export function payGroupIds(profile: EmployerProfile): { salaried: string; hourly: string } {
  return {
    salaried: uuidFrom(`${profile.seed}:pay-group:salaried`),
    hourly: uuidFrom(`${profile.seed}:pay-group:hourly`),
  };
}

type Role = "ceo" | "head" | "lead" | "member";

interface PersonSpec {
  index: number;
  role: Role;
  department: DepartmentPlan | null;
  managerId: string | null;
  startDay: number;
  endDay: number | null;
}

function incomeHistory(rng: Rng, spec: PersonSpec, hourly: boolean, asOfDay: number): Income[] {
  const base = hourly
    ? rng.int(1800, 4200)
    : spec.role === "ceo"
      ? rng.int(220, 320) * 100_000
      : spec.role === "head"
        ? rng.int(150, 230) * 100_000
        : spec.role === "lead"
          ? rng.int(120, 180) * 100_000
          : rng.int(58, 160) * 100_000;
  const raises: Income[] = [];
  let amount = base;
  for (let day = spec.startDay; day <= asOfDay && raises.length < 4; day += 365) {
    raises.push({
      unit: hourly ? "hourly" : "yearly",
      amount,
      currency: "usd",
      effective_date: formatDay(day),
    });
    amount =
      Math.round((amount * (103 + rng.int(0, 5))) / 100 / (hourly ? 1 : 100)) * (hourly ? 1 : 100);
  }
  return raises;
}

function makePerson(
  profile: EmployerProfile,
  plan: CompanyPlan,
  spec: PersonSpec,
  usedEmails: Set<string>,
): Person {
  const id = uuidFrom(`${profile.seed}:person:${spec.index}`);
  const rng = rngFor(`${profile.seed}:person:${spec.index}:fields`);
  const genderRoll = rng.next();
  const gender =
    genderRoll < 0.48
      ? "female"
      : genderRoll < 0.96
        ? "male"
        : rng.pick(["other", "decline_to_specify"]);
  const first =
    gender === "female"
      ? rng.pick(FEMALE_FIRST_NAMES)
      : gender === "male"
        ? rng.pick(MALE_FIRST_NAMES)
        : rng.pick([...FEMALE_FIRST_NAMES, ...MALE_FIRST_NAMES]);
  const last = rng.pick(LAST_NAMES);
  let local = `${first}.${last}`.toLowerCase();
  if (usedEmails.has(local)) local = `${local}${spec.index}`;
  usedEmails.add(local);

  const office = plan.offices[spec.index % plan.offices.length];
  const residence: Location = {
    line1: `${rng.int(100, 9999)} ${rng.pick(office.city.streets)}`,
    line2: rng.chance(0.3) ? `Apt ${rng.int(1, 40)}${rng.pick(["A", "B", "C"])}` : null,
    city: office.city.city,
    state: office.city.state,
    postal_code: office.city.postalCode,
    country: "US",
  };
  const age = spec.role === "ceo" ? rng.int(38, 60) : rng.int(22, 62);
  const ssn = digitsFrom(`${profile.seed}:ssn:${spec.index}`, 9);

  const contractor = spec.role === "member" && rng.chance(0.05);
  const hourly =
    !contractor && spec.role === "member" && (spec.department?.hourly ?? false) && rng.chance(0.75);
  const subtype = contractor
    ? "individual_contractor"
    : spec.role === "member" && rng.chance(0.08)
      ? rng.pick(["part_time", "intern"])
      : "full_time";
  const title =
    spec.role === "ceo"
      ? "Chief Executive Officer"
      : spec.role === "head"
        ? (spec.department?.leadTitle ?? "Manager")
        : spec.role === "lead"
          ? seniorTitle(rng.pick(spec.department?.titles ?? ["Associate"]))
          : rng.pick(spec.department?.titles ?? ["Associate"]);
  const history = incomeHistory(
    rng,
    spec,
    hourly,
    Math.max(spec.startDay, Math.floor(profile.createdAt / 86_400_000)),
  );
  const income = history[history.length - 1];
  const active = spec.endDay === null;

  return {
    id,
    payGroupId: hourly ? payGroupIds(profile).hourly : payGroupIds(profile).salaried,
    individual: {
      first_name: first,
      middle_name: rng.chance(0.4) ? rng.pick(MIDDLE_INITIALS) : null,
      last_name: last,
      preferred_name: rng.chance(0.1) ? first.slice(0, Math.max(3, first.length - 2)) : null,
      emails: [
        { data: `${local}@${plan.domain}`, type: "work" },
        ...(rng.chance(0.7)
          ? [
              {
                data: `${local.replace(".", "")}${rng.int(1, 99)}@gmail.com`,
                type: "personal" as const,
              },
            ]
          : []),
      ],
      phone_numbers: [
        { data: digitsFrom(`${profile.seed}:mobile:${spec.index}`, 10), type: "personal" },
      ],
      gender,
      ethnicity: rng.pick(ETHNICITIES),
      marital_status: rng.pick(MARITAL_STATUSES),
      dob: formatDay(Math.floor(profile.createdAt / 86_400_000) - age * 365 - rng.int(0, 364)),
      residence,
      ssn: `${ssn.slice(0, 3)}-${ssn.slice(3, 5)}-${ssn.slice(5)}`,
      encrypted_ssn: null,
    },
    employment: {
      title,
      manager: spec.managerId ? { id: spec.managerId } : null,
      department: { name: spec.department?.name ?? "Executive" },
      employment: { type: contractor ? "contractor" : "employee", subtype },
      employment_status: active ? "active" : "terminated",
      start_date: formatDay(spec.startDay),
      end_date: spec.endDay === null ? null : formatDay(spec.endDay),
      latest_rehire_date: null,
      is_active: active,
      class_code: hourly ? "8810" : "8742",
      flsa_status: hourly ? "non_exempt" : "exempt",
      highly_compensated_employee: !hourly && income.amount >= 15_500_000,
      key_employee: spec.role === "ceo" || spec.role === "head",
      union_code: null,
      union_local: null,
      location: office.location,
      income,
      income_history: history.slice(0, -1),
      custom_fields: [{ name: "tShirtSize", value: rng.pick(["S", "M", "L", "XL"]) }],
      source_id: String(1000 + spec.index),
    },
  };
}

/** A plausible person to fill whatever a sandbox `POST /sandbox/directory` entry leaves out. */
export function mockPerson(
  profile: EmployerProfile,
  plan: CompanyPlan,
  id: string,
  startDay: number,
): Person {
  const rng = rngFor(`${profile.seed}:mock:${id}`);
  const department = plan.departments.length > 0 ? rng.pick(plan.departments) : null;
  const person = makePerson(
    profile,
    plan,
    {
      index: 10_000 + rng.int(0, 89_999),
      role: "member",
      department,
      managerId: null,
      startDay,
      endDay: null,
    },
    new Set(),
  );
  return { ...person, id };
}

/** The people on the payroll when the connection was made (plus, for provider connections, a few recent leavers). */
export function generateRoster(profile: EmployerProfile, plan: CompanyPlan): Person[] {
  const rng = rngFor(`${profile.seed}:roster`);
  const createdDay = Math.floor(profile.createdAt / 86_400_000);
  const usedEmails = new Set<string>();
  const people: Person[] = [];
  const add = (spec: Omit<PersonSpec, "index">) => {
    const person = makePerson(profile, plan, { ...spec, index: people.length }, usedEmails);
    people.push(person);
    return person;
  };

  const ceo = add({
    role: "ceo",
    department: null,
    managerId: null,
    startDay: createdDay - rng.int(4, 8) * 365,
    endDay: null,
  });
  const heads = new Map<string, string>();
  const leads = new Map<string, string>();
  for (const department of plan.departments) {
    if (people.length >= profile.employeeCount) break;
    const managerId = department.parent ? (heads.get(department.parent) ?? ceo.id) : ceo.id;
    heads.set(
      department.name,
      add({
        role: "head",
        department,
        managerId,
        startDay: createdDay - rng.int(400, 2200),
        endDay: null,
      }).id,
    );
  }
  const departmentsWithHeads = plan.departments.filter((d) => heads.has(d.name));
  while (people.length < profile.employeeCount) {
    const department = departmentsWithHeads.length > 0 ? rng.pick(departmentsWithHeads) : null;
    const headId = department ? heads.get(department.name)! : ceo.id;
    if (department && !leads.has(department.name) && profile.employeeCount >= 20) {
      leads.set(
        department.name,
        add({
          role: "lead",
          department,
          managerId: headId,
          startDay: createdDay - rng.int(200, 1800),
          endDay: null,
        }).id,
      );
      continue;
    }
    const managerId =
      department && leads.has(department.name) && rng.chance(0.6)
        ? leads.get(department.name)!
        : headId;
    add({
      role: "member",
      department,
      managerId,
      startDay: createdDay - rng.int(20, 1600),
      endDay: null,
    });
  }
  if (profile.organicChanges) {
    for (let i = 0; i < Math.floor(profile.employeeCount / 15); i++) {
      const department = departmentsWithHeads.length > 0 ? rng.pick(departmentsWithHeads) : null;
      const endDay = createdDay - rng.int(30, 680);
      add({
        role: "member",
        department,
        managerId: department ? heads.get(department.name)! : ceo.id,
        startDay: endDay - rng.int(120, 900),
        endDay,
      });
    }
  }
  return people;
}

export interface RosterChange {
  day: number;
  kind: "hire" | "leave";
  person: Person;
}

/**
 * Weekly, deterministic hires and leavers after the connection was made, up to `asOfDay`.
 * Applies them to `people` in place and returns them in order.
 */
export function evolveRoster(
  profile: EmployerProfile,
  plan: CompanyPlan,
  people: Person[],
  asOfDay: number,
): RosterChange[] {
  if (!profile.organicChanges) return [];
  const createdDay = Math.floor(profile.createdAt / 86_400_000);
  const changes: RosterChange[] = [];
  const usedEmails = new Set(people.map((p) => p.individual.emails?.[0]?.data.split("@")[0] ?? ""));
  const managers = new Set(
    people.map((p) => p.employment.manager?.id).filter((id): id is string => Boolean(id)),
  );
  let nextIndex = people.length;
  let lastHireWeek = 0;
  for (let week = 1; createdDay + week * 7 - 6 <= asOfDay; week++) {
    const rng = rngFor(`${profile.seed}:week:${week}`);
    const hireDay = createdDay + week * 7 - rng.int(0, 6);
    // Roughly one hire every three weeks, and never a month without one.
    if ((rng.chance(0.3) || week - lastHireWeek >= 4) && hireDay <= asOfDay) {
      lastHireWeek = week;
      const department = rng.pick(plan.departments);
      const head = people.find(
        (p) => p.employment.department?.name === department.name && p.employment.key_employee,
      );
      const person = makePerson(
        profile,
        plan,
        {
          index: nextIndex++,
          role: "member",
          department,
          managerId: head?.id ?? people[0].id,
          startDay: hireDay,
          endDay: null,
        },
        usedEmails,
      );
      people.push(person);
      changes.push({ day: hireDay, kind: "hire", person });
    }
    const leaveDay = createdDay + week * 7 - rng.int(0, 6);
    const leaveDate = formatDay(leaveDay);
    const active = people.filter(
      (p) =>
        p.employment.is_active &&
        !managers.has(p.id) &&
        !p.employment.key_employee &&
        (p.employment.start_date ?? "") < leaveDate,
    );
    if (
      rng.chance(0.18) &&
      leaveDay <= asOfDay &&
      active.length > Math.max(3, profile.employeeCount * 0.6)
    ) {
      const person = rng.pick(active);
      person.employment = {
        ...person.employment,
        employment_status: "terminated",
        is_active: false,
        end_date: leaveDate,
      };
      changes.push({ day: leaveDay, kind: "leave", person });
    }
  }
  return changes;
}

/** Leads get a senior title, without doubling one that is senior already. */
function seniorTitle(title: string): string {
  return /^(Senior|Staff|Principal|Lead)\b/.test(title) ? title : `Senior ${title}`;
}
