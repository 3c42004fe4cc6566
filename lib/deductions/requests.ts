/**
 * What a deduction change asks Finch to write, validated once for the Deductions tab and the
 * data API alike. Amounts follow Finch: cents for `fixed`, basis points (100 = 1 %) for `percent`.
 */
import { z } from "zod";

export const BENEFIT_TYPES = [
  "401k",
  "401k_roth",
  "401k_loan",
  "403b",
  "403b_roth",
  "457",
  "457_roth",
  "s125_medical",
  "s125_dental",
  "s125_vision",
  "hsa_pre",
  "hsa_post",
  "fsa_medical",
  "fsa_dependent_care",
  "simple_ira",
  "simple",
  "commuter",
  "custom_post_tax",
  "custom_pre_tax",
] as const;
export type BenefitType = (typeof BENEFIT_TYPES)[number];

export const BENEFIT_FREQUENCIES = ["every_paycheck", "monthly", "one_time"] as const;

/** At most this many employees in one change, so a confirmation can still list them. */
export const MAX_INDIVIDUALS_PER_CHANGE = 100;
/** $100,000 per pay period in cents: anything larger is a typo, not a deduction. */
const MAX_FIXED_CENTS = 10_000_000;

const description = z
  .string()
  .trim()
  .min(1, "Give the benefit a name")
  .max(30, "Keep the name to 30 characters: some providers cut longer ones");

export const contributionSchema = z
  .object({
    type: z.enum(["fixed", "percent"]),
    amount: z.number().int("Whole cents or basis points only").min(0, "Cannot be negative"),
  })
  .refine((c) => c.type !== "percent" || c.amount <= 10_000, {
    message: "A percentage cannot exceed 100 % (10000 basis points)",
    path: ["amount"],
  })
  .refine((c) => c.type !== "fixed" || c.amount <= MAX_FIXED_CENTS, {
    message: "A fixed amount cannot exceed $100,000 per pay period",
    path: ["amount"],
  });
export type Contribution = z.infer<typeof contributionSchema>;

const individualId = z.string().trim().min(1).max(100);
const isoDate = z.iso.date({ message: "Use a date as YYYY-MM-DD" });

export const createBenefitSchema = z.object({
  type: z.enum(BENEFIT_TYPES, { message: "Choose a benefit type" }),
  description,
  frequency: z.enum(BENEFIT_FREQUENCIES, { message: "Choose how often it is deducted" }),
});

export const updateBenefitSchema = z.object({ description });

export const enrollmentSchema = z
  .object({
    individual_id: individualId,
    employee_deduction: contributionSchema.nullish(),
    company_contribution: contributionSchema.nullish(),
    effective_date: isoDate.nullish(),
  })
  .refine((e) => e.employee_deduction || e.company_contribution, {
    message: "Give an employee deduction, a company contribution, or both",
    path: ["employee_deduction"],
  });
export type EnrollmentRequest = z.infer<typeof enrollmentSchema>;

export const enrollSchema = z.object({
  individuals: z
    .array(enrollmentSchema)
    .min(1, "Choose at least one employee")
    .max(MAX_INDIVIDUALS_PER_CHANGE, `At most ${MAX_INDIVIDUALS_PER_CHANGE} employees at a time`)
    .refine((list) => new Set(list.map((e) => e.individual_id)).size === list.length, {
      message: "Each employee may appear once",
    }),
});

export const unenrollSchema = z.object({
  individual_ids: z
    .array(individualId)
    .min(1, "Choose at least one employee")
    .max(MAX_INDIVIDUALS_PER_CHANGE, `At most ${MAX_INDIVIDUALS_PER_CHANGE} employees at a time`)
    .refine((list) => new Set(list).size === list.length, {
      message: "Each employee may appear once",
    }),
});

/** One change as stored and sent: the kind, the benefit it touches, and its payload. */
export type DeductionChangeRequest =
  | { kind: "create_benefit"; benefitId: null; payload: z.infer<typeof createBenefitSchema> }
  | { kind: "register_benefit"; benefitId: null; payload: z.infer<typeof createBenefitSchema> }
  | { kind: "update_benefit"; benefitId: string; payload: z.infer<typeof updateBenefitSchema> }
  | { kind: "enroll"; benefitId: string; payload: z.infer<typeof enrollSchema> }
  | { kind: "unenroll"; benefitId: string; payload: z.infer<typeof unenrollSchema> };

/** The employees a change touches (empty for company-level changes). */
export function individualsOf(request: DeductionChangeRequest): string[] {
  if (request.kind === "enroll") return request.payload.individuals.map((i) => i.individual_id);
  if (request.kind === "unenroll") return request.payload.individual_ids;
  return [];
}

export function formatContribution(c: Contribution | null | undefined): string {
  if (!c) return "none";
  if (c.type === "percent") return `${(c.amount / 100).toFixed(2).replace(/\.00$/, "")} %`;
  return `$${(c.amount / 100).toFixed(2)}`;
}

/** A plain sentence of what will be (or was) written, for confirmations, timelines and lists. */
export function describeChange(
  request: DeductionChangeRequest,
  names: { benefit?: string | null; people?: Map<string, string> } = {},
): string {
  const benefit = names.benefit ?? request.benefitId ?? "";
  const person = (id: string) => names.people?.get(id) ?? id;
  const list = (ids: string[]) =>
    ids.length <= 3
      ? ids.map(person).join(", ")
      : `${ids.slice(0, 2).map(person).join(", ")} and ${ids.length - 2} more`;
  switch (request.kind) {
    case "create_benefit":
      return `Create the benefit “${request.payload.description}” (${request.payload.type}, ${request.payload.frequency.replace("_", " ")})`;
    case "register_benefit":
      return `Register the existing benefit “${request.payload.description}” (${request.payload.type}) with Finch`;
    case "update_benefit":
      return `Rename “${benefit}” to “${request.payload.description}”`;
    case "enroll": {
      const items = request.payload.individuals;
      const first = items[0];
      const same = items.every(
        (i) =>
          formatContribution(i.employee_deduction) ===
            formatContribution(first.employee_deduction) &&
          formatContribution(i.company_contribution) ===
            formatContribution(first.company_contribution),
      );
      const parts = [
        first.employee_deduction
          ? `${formatContribution(first.employee_deduction)} deduction`
          : null,
        first.company_contribution
          ? `${formatContribution(first.company_contribution)} company contribution`
          : null,
      ].filter(Boolean);
      const amounts = same ? ` at ${parts.join(", ")}` : " with individual amounts";
      const from = first.effective_date ? ` from ${first.effective_date}` : "";
      return `Enroll ${list(items.map((i) => i.individual_id))} in “${benefit}”${amounts}${from}`;
    }
    case "unenroll":
      return `Stop “${benefit}” for ${list(request.payload.individual_ids)}`;
  }
}

/** An enrolment as read back from Finch, in the shape Perch compares. */
export interface ObservedEnrollment {
  individualId: string;
  enrolled: boolean;
  employeeDeduction: { type: string; amount: number | null } | null;
  companyContribution: { type: string; amount: number | null } | null;
}

/**
 * What a read-back disagrees with: for each employee the change touched, the fields whose
 * value differs from what was asked. Empty when everything matches.
 */
export function readBackMismatches(
  request: DeductionChangeRequest,
  observed: ObservedEnrollment[],
): string[] {
  const byId = new Map(observed.map((o) => [o.individualId, o]));
  const out: string[] = [];
  const same = (
    asked: Contribution | null | undefined,
    seen: ObservedEnrollment["employeeDeduction"],
  ) => !asked || (seen !== null && seen.type === asked.type && seen.amount === asked.amount);
  if (request.kind === "enroll") {
    for (const item of request.payload.individuals) {
      const seen = byId.get(item.individual_id);
      if (!seen?.enrolled) {
        out.push(`${item.individual_id}: not enrolled`);
        continue;
      }
      if (!same(item.employee_deduction, seen.employeeDeduction)) {
        out.push(`${item.individual_id}: employee deduction differs`);
      }
      if (!same(item.company_contribution, seen.companyContribution)) {
        out.push(`${item.individual_id}: company contribution differs`);
      }
    }
  } else if (request.kind === "unenroll") {
    for (const id of request.payload.individual_ids) {
      if (byId.get(id)?.enrolled) out.push(`${id}: still enrolled`);
    }
  }
  return out;
}

/**
 * What a person types in an amount box, in Finch's units: "12.50" dollars → 1250 cents, or
 * "5.5" percent → 550 basis points. Null when it is not a plain non-negative number.
 */
export function toFinchAmount(text: string): number | null {
  const trimmed = text.trim().replace(/^\$/, "").replace(/%$/, "").replace(/,/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * 100);
}

/** Any of the five requests, as the Deductions tab's action receives it. */
export const deductionChangeRequestSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("create_benefit"),
    benefitId: z.null(),
    payload: createBenefitSchema,
  }),
  z.object({
    kind: z.literal("register_benefit"),
    benefitId: z.null(),
    payload: createBenefitSchema,
  }),
  z.object({
    kind: z.literal("update_benefit"),
    benefitId: z.string().min(1),
    payload: updateBenefitSchema,
  }),
  z.object({ kind: z.literal("enroll"), benefitId: z.string().min(1), payload: enrollSchema }),
  z.object({ kind: z.literal("unenroll"), benefitId: z.string().min(1), payload: unenrollSchema }),
]);
