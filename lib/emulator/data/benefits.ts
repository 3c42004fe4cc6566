import { rngFor, uuidFrom } from "./random";
import type { CompanyBenefit, Enrollment, EmployerProfile, Person } from "./types";

const MATCH_TIERS = [
  { match: 100, threshold: 3 },
  { match: 50, threshold: 5 },
];

interface BenefitPlan {
  type: CompanyBenefit["type"];
  description: string;
  uptake: number;
  optional: boolean;
}

const PLANS: BenefitPlan[] = [
  { type: "401k", description: "401(k) Retirement Plan", uptake: 0.65, optional: false },
  { type: "s125_medical", description: "Medical Insurance (PPO)", uptake: 0.8, optional: false },
  { type: "s125_dental", description: "Dental Insurance", uptake: 0.7, optional: false },
  { type: "s125_vision", description: "Vision Insurance", uptake: 0.5, optional: true },
  { type: "hsa_pre", description: "Health Savings Account", uptake: 0.25, optional: true },
  { type: "fsa_medical", description: "Healthcare FSA", uptake: 0.15, optional: true },
  { type: "commuter", description: "Commuter Benefits", uptake: 0.2, optional: true },
];

export function generateBenefits(profile: EmployerProfile): CompanyBenefit[] {
  const rng = rngFor(`${profile.seed}:benefits`);
  return PLANS.filter((plan) => !plan.optional || rng.chance(0.55)).map((plan) => ({
    benefit_id: uuidFrom(`${profile.seed}:benefit:${plan.type}`),
    type: plan.type,
    description: plan.description,
    frequency: "every_paycheck",
    company_contribution: plan.type === "401k" ? { type: "match", tiers: MATCH_TIERS } : null,
  }));
}

/** A person's enrolment in a benefit, or null. Per-paycheck amounts in cents; percents in basis points. */
export function enrollmentFor(
  profile: EmployerProfile,
  person: Person,
  benefit: CompanyBenefit,
): Enrollment | null {
  if (person.employment.employment?.type === "contractor") return null;
  const plan = PLANS.find((p) => p.type === benefit.type);
  const rng = rngFor(`${profile.seed}:enrol:${person.id}:${benefit.type}`);
  if (!plan || !rng.chance(plan.uptake)) return null;
  const age = person.individual.dob
    ? new Date(profile.createdAt).getUTCFullYear() - Number(person.individual.dob.slice(0, 4))
    : 30;
  switch (benefit.type) {
    case "401k":
    case "401k_roth":
      return {
        employee_deduction: { type: "percent", amount: rng.int(3, 10) * 100 },
        company_contribution: { type: "tiered", tiers: MATCH_TIERS },
        annual_maximum: age >= 50 ? 3_100_000 : 2_350_000,
        catch_up: age >= 50,
      };
    case "s125_medical":
      return {
        employee_deduction: { type: "fixed", amount: rng.pick([8_500, 14_000, 21_000]) },
        company_contribution: { type: "fixed", amount: rng.pick([25_000, 38_000, 52_000]) },
        annual_maximum: null,
        catch_up: null,
      };
    case "s125_dental":
      return {
        employee_deduction: { type: "fixed", amount: rng.pick([1_200, 2_400, 3_600]) },
        company_contribution: { type: "fixed", amount: 1_500 },
        annual_maximum: null,
        catch_up: null,
      };
    case "s125_vision":
      return {
        employee_deduction: { type: "fixed", amount: rng.pick([400, 900]) },
        company_contribution: null,
        annual_maximum: null,
        catch_up: null,
      };
    case "hsa_pre": {
      const family = rng.chance(0.4);
      return {
        employee_deduction: { type: "fixed", amount: rng.pick([5_000, 10_000, 15_000]) },
        company_contribution: { type: "fixed", amount: 2_500 },
        annual_maximum: family ? 875_000 : 440_000,
        catch_up: age >= 55,
        hsa_contribution_limit: family ? "family" : "individual",
      };
    }
    case "fsa_medical":
      return {
        employee_deduction: { type: "fixed", amount: rng.pick([4_000, 8_000, 12_000]) },
        company_contribution: null,
        annual_maximum: 330_000,
        catch_up: null,
      };
    case "commuter":
      return {
        employee_deduction: { type: "fixed", amount: rng.pick([6_000, 12_000]) },
        company_contribution: null,
        annual_maximum: null,
        catch_up: null,
      };
  }
}

export const SUPPORTED_BENEFITS = [
  {
    type: "401k",
    description: "401(k)",
    frequencies: ["every_paycheck", "one_time"],
    employee_deduction: ["fixed", "percent"],
    company_contribution: ["fixed", "percent", "tiered"],
    annual_maximum: true,
    catch_up: true,
  },
  {
    type: "401k_roth",
    description: "Roth 401(k)",
    frequencies: ["every_paycheck", "one_time"],
    employee_deduction: ["fixed", "percent"],
    company_contribution: ["fixed", "percent", "tiered"],
    annual_maximum: true,
    catch_up: true,
  },
  {
    type: "s125_medical",
    description: "Section 125 Medical",
    frequencies: ["every_paycheck"],
    employee_deduction: ["fixed"],
    company_contribution: ["fixed"],
    annual_maximum: false,
    catch_up: false,
  },
  {
    type: "s125_dental",
    description: "Section 125 Dental",
    frequencies: ["every_paycheck"],
    employee_deduction: ["fixed"],
    company_contribution: ["fixed"],
    annual_maximum: false,
    catch_up: false,
  },
  {
    type: "s125_vision",
    description: "Section 125 Vision",
    frequencies: ["every_paycheck"],
    employee_deduction: ["fixed"],
    company_contribution: ["fixed"],
    annual_maximum: false,
    catch_up: false,
  },
  {
    type: "hsa_pre",
    description: "Health Savings Account (pre-tax)",
    frequencies: ["every_paycheck"],
    employee_deduction: ["fixed"],
    company_contribution: ["fixed"],
    annual_maximum: true,
    catch_up: true,
    hsa_contribution_limit: ["individual", "family"],
  },
  {
    type: "fsa_medical",
    description: "Healthcare FSA",
    frequencies: ["every_paycheck"],
    employee_deduction: ["fixed"],
    company_contribution: null,
    annual_maximum: true,
    catch_up: false,
  },
  {
    type: "commuter",
    description: "Commuter Benefits",
    frequencies: ["every_paycheck", "monthly"],
    employee_deduction: ["fixed"],
    company_contribution: null,
    annual_maximum: false,
    catch_up: false,
  },
] as const;
