import "server-only";
import type Finch from "@tryfinch/finch-api";
import { finchForConnection } from "@/lib/finch/client";
import { describeFinchError, type FinchFailure } from "@/lib/finch/errors";
import type {
  Contribution,
  DeductionChangeRequest,
  ObservedEnrollment,
} from "@/lib/deductions/requests";

/**
 * Benefit writes, their `/jobs/manual` jobs and read-back: the only code that sends deductions
 * to Finch. Writes never retry inside the SDK: a retried POST could write twice, so retries are
 * the caller's, under an idempotency key.
 */

const WRITE_OPTIONS = { maxRetries: 0, timeout: 20_000 } as const;
const READ_OPTIONS = { maxRetries: 1, timeout: 15_000 } as const;

export type FinchCall<T> = { ok: true; value: T } | { ok: false; failure: FinchFailure };

async function attempt<T>(run: (finch: Finch) => Promise<T>, token: string): Promise<FinchCall<T>> {
  const finch = await finchForConnection(token);
  try {
    return { ok: true, value: await run(finch) };
  } catch (error) {
    const failure = describeFinchError(error);
    if (!failure) throw error;
    return { ok: false, failure };
  }
}

function configurationOf(item: {
  employee_deduction?: Contribution | null;
  company_contribution?: Contribution | null;
  effective_date?: string | null;
}) {
  return {
    ...(item.employee_deduction ? { employee_deduction: item.employee_deduction } : {}),
    ...(item.company_contribution ? { company_contribution: item.company_contribution } : {}),
    ...(item.effective_date ? { effective_date: item.effective_date } : {}),
  };
}

/** Sends one change; Finch answers with the job that carries it (and a new benefit's id). */
export function sendDeductionWrite(
  accessToken: string,
  request: DeductionChangeRequest,
): Promise<FinchCall<{ jobId: string; benefitId: string | null }>> {
  return attempt(async (finch) => {
    const benefits = finch.hris.benefits;
    switch (request.kind) {
      case "create_benefit": {
        const r = await benefits.create(request.payload, WRITE_OPTIONS);
        return { jobId: r.job_id, benefitId: r.benefit_id };
      }
      case "register_benefit": {
        const r = await benefits.register(request.payload, WRITE_OPTIONS);
        return { jobId: r.job_id, benefitId: r.benefit_id };
      }
      case "update_benefit": {
        const r = await benefits.update(request.benefitId, request.payload, WRITE_OPTIONS);
        return { jobId: r.job_id, benefitId: request.benefitId };
      }
      case "enroll": {
        const r = await benefits.individuals.enrollMany(
          request.benefitId,
          {
            individuals: request.payload.individuals.map((item) => ({
              individual_id: item.individual_id,
              configuration: configurationOf(item),
            })),
          },
          WRITE_OPTIONS,
        );
        return { jobId: r.job_id, benefitId: request.benefitId };
      }
      case "unenroll": {
        const r = await benefits.individuals.unenrollMany(
          request.benefitId,
          { individual_ids: request.payload.individual_ids },
          WRITE_OPTIONS,
        );
        return { jobId: r.job_id, benefitId: request.benefitId };
      }
    }
  }, accessToken);
}

export interface ManualJob {
  status: string;
  body: unknown[] | null;
}

export function fetchManualJob(accessToken: string, jobId: string): Promise<FinchCall<ManualJob>> {
  return attempt(async (finch) => {
    const job = await finch.jobs.manual.retrieve(jobId, READ_OPTIONS);
    return { status: job.status, body: job.body ?? null };
  }, accessToken);
}

/**
 * Whether Finch can read this benefit's enrolments back on this provider and method, per
 * `/providers` → `authentication_methods[].benefits_support[type].supported_operations`.
 */
export function canReadBackEnrollments(
  accessToken: string,
  input: { providerId: string; authMethod: string | null; benefitId: string },
): Promise<FinchCall<boolean>> {
  return attempt(async (finch) => {
    const benefit = await finch.hris.benefits.retrieve(input.benefitId, {}, READ_OPTIONS);
    const providers = await finch.providers.list(READ_OPTIONS);
    const provider = providers.items.find((p) => p.id === input.providerId);
    const method = provider?.authentication_methods?.find((m) => m.type === input.authMethod);
    const support = (method?.benefits_support ?? {}) as Record<
      string,
      { supported_operations?: { individual_benefits?: { read?: string } } } | null | undefined
    >;
    const entry = benefit.type ? support[benefit.type] : null;
    return entry?.supported_operations?.individual_benefits?.read === "supported";
  }, accessToken);
}

function observedContribution(value: unknown): ObservedEnrollment["employeeDeduction"] {
  if (!value || typeof value !== "object") return null;
  const c = value as { type?: unknown; amount?: unknown };
  return {
    type: typeof c.type === "string" ? c.type : "unknown",
    amount: typeof c.amount === "number" ? c.amount : null,
  };
}

/** Each employee's enrolment in a benefit as Finch reads it now. */
export function readEnrollments(
  accessToken: string,
  benefitId: string,
  individualIds: string[],
): Promise<FinchCall<ObservedEnrollment[]>> {
  return attempt(async (finch) => {
    const page = await finch.hris.benefits.individuals.retrieveManyBenefits(
      benefitId,
      { individual_ids: individualIds.join(",") },
      READ_OPTIONS,
    );
    return page.items.map((item) => {
      const enrolled = item.code === 200 && "employee_deduction" in item.body;
      const body = enrolled
        ? (item.body as { employee_deduction: unknown; company_contribution: unknown })
        : null;
      return {
        individualId: item.individual_id,
        enrolled,
        employeeDeduction: observedContribution(body?.employee_deduction),
        companyContribution: observedContribution(body?.company_contribution),
      };
    });
  }, accessToken);
}
