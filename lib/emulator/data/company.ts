import { BANKS, CITIES, DEPARTMENTS, type City, type DepartmentPlan } from "./names";
import { digitsFrom, rngFor } from "./random";
import type { CompanyData, EmployerProfile, Location } from "./types";

const NAME_WORDS_A = [
  "Profound",
  "Northwind",
  "Bright",
  "Summit",
  "Harbor",
  "Golden",
  "Cedar",
  "Blue",
];
const NAME_WORDS_B = [
  "Platform",
  "Labs",
  "Logistics",
  "Health",
  "Foods",
  "Analytics",
  "Works",
  "Supply",
];

export interface CompanyPlan {
  company: CompanyData;
  domain: string;
  departments: DepartmentPlan[];
  offices: { city: City; location: Location }[];
}

function legalNameFor(profile: EmployerProfile): {
  legalName: string;
  entity: CompanyData["entity"];
} {
  const rng = rngFor(`${profile.seed}:legal`);
  const base =
    profile.customerName?.trim() || `${rng.pick(NAME_WORDS_A)} ${rng.pick(NAME_WORDS_B)}`;
  if (/\b(llc|l\.l\.c\.)$/i.test(base))
    return { legalName: base, entity: { type: "llc", subtype: null } };
  if (/\b(inc\.?|corp\.?|corporation|co\.)$/i.test(base)) {
    return { legalName: base, entity: { type: "corporation", subtype: "c_corporation" } };
  }
  return rng.chance(0.7)
    ? {
        legalName: `${base}, Inc.`,
        entity: { type: "corporation", subtype: rng.pick(["c_corporation", "s_corporation"]) },
      }
    : { legalName: `${base} LLC`, entity: { type: "llc", subtype: null } };
}

export function officeLocation(city: City, seed: string): Location {
  const rng = rngFor(seed);
  return {
    line1: `${rng.int(10, 2999)} ${rng.pick(city.streets)}`,
    line2: rng.chance(0.5) ? `Suite ${rng.int(100, 900)}` : null,
    city: city.city,
    state: city.state,
    postal_code: city.postalCode,
    country: "US",
  };
}

export function generateCompany(profile: EmployerProfile): CompanyPlan {
  const rng = rngFor(`${profile.seed}:company`);
  const { legalName, entity } = legalNameFor(profile);
  const slug = legalName
    .toLowerCase()
    .replace(/,?\s*(inc\.?|llc|corp\.?|co\.)$/i, "")
    .replace(/[^a-z0-9]+/g, "");
  const domain = `${slug || "employer"}.com`;

  const departmentCount = Math.min(
    DEPARTMENTS.length,
    Math.max(3, Math.round(profile.employeeCount / 6)),
  );
  const departments = [DEPARTMENTS[0], ...DEPARTMENTS.slice(2)].slice(0, departmentCount - 1);
  if (profile.employeeCount >= 10) departments.splice(1, 0, DEPARTMENTS[1]);

  const officeCount = profile.employeeCount >= 40 ? 3 : profile.employeeCount >= 15 ? 2 : 1;
  const cities = rng.shuffle(CITIES).slice(0, officeCount);
  const offices = cities.map((city, i) => ({
    city,
    location: officeLocation(city, `${profile.seed}:office:${i}`),
  }));
  const bank = rng.pick(BANKS);
  const ein = digitsFrom(`${profile.seed}:ein`, 9);

  const company: CompanyData = {
    id: profile.companyId,
    legal_name: legalName,
    entity,
    ein: `${ein.slice(0, 2)}-${ein.slice(2)}`,
    primary_email: `payroll@${domain}`,
    primary_phone_number: digitsFrom(`${profile.seed}:phone`, 10),
    departments: [
      { name: "Executive", parent: null },
      ...departments.map((d) => ({ name: d.name, parent: d.parent ? { name: d.parent } : null })),
    ],
    locations: offices.map((o) => o.location),
    accounts: [
      {
        account_name: "OPERATING CHECKING",
        account_number: digitsFrom(`${profile.seed}:account`, 10),
        account_type: "checking",
        institution_name: bank.name,
        routing_number: bank.routing,
      },
    ],
  };
  return { company, domain, departments, offices };
}
