/**
 * Benefit writes as Finch runs them: every write answers with a `job_id` at once, and the job
 * (`GET /jobs/manual/{id}`) moves pending → in_progress → complete | error on the emulator clock.
 * Automated connections finish within 24 hours; assisted ones within 2 business days, weekends
 * skipped (Finch's operations team works US business days). A completed write shows in reads only
 * where Finch documents reads for that provider: assisted deductions are write-only.
 */
import { randomUUID } from "node:crypto";
import { addBusinessDays } from "../status/calendar";
import { enrollmentFor } from "./data/benefits";
import type { Dataset } from "./data/dataset";
import type { CompanyBenefit, Contribution, Enrollment, Person } from "./data/types";
import { HOUR_MS, MINUTE_MS } from "./lifecycle";
import type { BenefitJobRecord, ConnectionRecord, EmulatorState } from "./records";

/** Finch's operations team keeps US Eastern business hours. */
export const FINCH_OPS_TIME_ZONE = "America/New_York";

export const BENEFIT_JOB_KINDS = [
  "benefit_create",
  "benefit_register",
  "benefit_update",
  "benefit_enroll",
  "benefit_unenroll",
] as const;
export type BenefitJobKind = (typeof BENEFIT_JOB_KINDS)[number];

export type ManualJobStatus = "pending" | "in_progress" | "complete" | "error";

/** When a write starts and ends: automated in hours, assisted on the business-day clock. */
export function benefitJobTimings(
  connection: Pick<ConnectionRecord, "authMethod">,
  t: number,
): { startedAt: number; completedAt: number } {
  if (connection.authMethod !== "assisted") {
    return { startedAt: t + 5 * MINUTE_MS, completedAt: t + 4 * HOUR_MS };
  }
  const at = new Date(t);
  return {
    startedAt: addBusinessDays(at, 1, FINCH_OPS_TIME_ZONE).getTime(),
    completedAt: addBusinessDays(at, 1.75, FINCH_OPS_TIME_ZONE).getTime(),
  };
}

export function manualJobStatusAt(job: BenefitJobRecord, t: number): ManualJobStatus {
  if (t < job.startedAt) return "pending";
  if (t < job.completedAt) return "in_progress";
  return job.completion;
}

export function createBenefitJob(
  state: EmulatorState,
  connection: ConnectionRecord,
  input: Omit<
    BenefitJobRecord,
    "id" | "connectionId" | "createdAt" | "startedAt" | "completedAt" | "completion"
  >,
  t: number,
): BenefitJobRecord {
  const completion = state.scenario.nextBenefitJob ?? "complete";
  state.scenario.nextBenefitJob = undefined;
  const job: BenefitJobRecord = {
    id: randomUUID(),
    connectionId: connection.id,
    createdAt: t,
    ...benefitJobTimings(connection, t),
    completion,
    ...input,
  };
  state.benefitJobs[job.id] = job;
  return job;
}

export function benefitJobsOf(state: EmulatorState, connectionId: string): BenefitJobRecord[] {
  return Object.values(state.benefitJobs)
    .filter((job) => job.connectionId === connectionId)
    .sort((a, b) => a.completedAt - b.completedAt || a.createdAt - b.createdAt);
}

/** The job's `body`: per-item results once it has ended, null before. */
export function manualJobBody(job: BenefitJobRecord, t: number): unknown[] | null {
  const status = manualJobStatusAt(job, t);
  if (status !== "complete" && status !== "error") return null;
  const ok = status === "complete";
  const message = ok
    ? "Successfully updated benefit for individual"
    : "The provider rejected the change; no deduction was written";
  const individualIds =
    job.kind === "benefit_enroll"
      ? (job.enrollments ?? []).map((e) => e.individual_id)
      : (job.individualIds ?? []);
  if (individualIds.length === 0) {
    return [
      {
        benefit_id: job.benefitId,
        code: ok ? 200 : 422,
        message: ok ? "Successfully updated company benefit" : message,
      },
    ];
  }
  return individualIds.map((individual_id) => ({
    individual_id,
    code: ok ? 200 : 422,
    message,
  }));
}

/** Reads reflect writes only where the provider lets Finch read deductions back. */
export function writesVisibleInReads(connection: ConnectionRecord): boolean {
  return connection.authMethod !== "assisted";
}

function completedWrites(
  state: EmulatorState,
  connection: ConnectionRecord,
  t: number,
): BenefitJobRecord[] {
  if (!writesVisibleInReads(connection)) return [];
  return benefitJobsOf(state, connection.id).filter(
    (job) => job.completedAt <= t && job.completion === "complete",
  );
}

/** The company's benefits as reads show them at `t`: generated ones plus completed creates and updates. */
export function visibleBenefits(
  state: EmulatorState,
  connection: ConnectionRecord,
  dataset: Dataset,
  t: number,
): CompanyBenefit[] {
  const benefits = dataset.benefits.map((b) => ({ ...b }));
  for (const job of completedWrites(state, connection, t)) {
    if ((job.kind === "benefit_create" || job.kind === "benefit_register") && job.benefit) {
      if (!benefits.some((b) => b.benefit_id === job.benefitId)) {
        benefits.push({ benefit_id: job.benefitId, ...job.benefit });
      }
    } else if (job.kind === "benefit_update" && job.description !== undefined) {
      const benefit = benefits.find((b) => b.benefit_id === job.benefitId);
      if (benefit) benefit.description = job.description;
    }
  }
  return benefits;
}

/** Whether a benefit id may be written to: generated, or created by a write that did not fail. */
export function writableBenefit(
  state: EmulatorState,
  connection: ConnectionRecord,
  dataset: Dataset,
  benefitId: string,
): { type: CompanyBenefit["type"] } | null {
  const generated = dataset.benefits.find((b) => b.benefit_id === benefitId);
  if (generated) return { type: generated.type };
  const created = benefitJobsOf(state, connection.id).find(
    (job) =>
      job.benefitId === benefitId &&
      (job.kind === "benefit_create" || job.kind === "benefit_register") &&
      job.completion === "complete" &&
      job.benefit,
  );
  return created?.benefit ? { type: created.benefit.type } : null;
}

type EnrollConfiguration = NonNullable<BenefitJobRecord["enrollments"]>[number]["configuration"];

function enrollmentFromConfiguration(configuration: EnrollConfiguration): Enrollment {
  return {
    employee_deduction: (configuration.employee_deduction as Contribution | undefined) ?? null,
    company_contribution: (configuration.company_contribution as Contribution | undefined) ?? null,
    annual_maximum: configuration.annual_maximum ?? null,
    catch_up: configuration.catch_up ?? null,
    ...(configuration.annual_contribution_limit
      ? { hsa_contribution_limit: configuration.annual_contribution_limit }
      : {}),
  };
}

/** One person's enrolment at `t`: the latest completed enrol/unenrol wins over the generated data. */
export function visibleEnrollment(
  state: EmulatorState,
  connection: ConnectionRecord,
  dataset: Dataset,
  person: Person,
  benefit: CompanyBenefit,
  t: number,
): Enrollment | null {
  const generated = dataset.benefits.some((b) => b.benefit_id === benefit.benefit_id);
  let enrollment: Enrollment | null =
    generated && person.employment.is_active
      ? enrollmentFor(dataset.profile, person, benefit)
      : null;
  for (const job of completedWrites(state, connection, t)) {
    if (job.benefitId !== benefit.benefit_id) continue;
    if (job.kind === "benefit_enroll") {
      const item = job.enrollments?.find((e) => e.individual_id === person.id);
      if (item) enrollment = enrollmentFromConfiguration(item.configuration);
    } else if (job.kind === "benefit_unenroll" && job.individualIds?.includes(person.id)) {
      enrollment = null;
    }
  }
  return enrollment;
}
