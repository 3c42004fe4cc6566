import { randomUUID } from "node:crypto";
import { uuidFrom, rngFor } from "./data/random";
import type { Person } from "./data/types";
import { jobTimings, jobStatusAt, jobUrl, type JobView } from "./jobs";
import type { ConnectionRecord, EmulatorState, W4JobRecord } from "./records";

/** Finch's W-4 layouts: the 2020 redesign, and the allowance-based form used before it. */
export type W4Type = "w4_2020" | "w4_2005";

export interface W4Document {
  id: string;
  individual_id: string;
  type: W4Type;
  year: number;
}

export function w4JobsOf(state: EmulatorState, connectionId: string): W4JobRecord[] {
  return Object.values(state.w4Jobs).filter((job) => job.connectionId === connectionId);
}

export function createW4Job(
  state: EmulatorState,
  connection: ConnectionRecord,
  individualId: string,
  t: number,
): W4JobRecord {
  const timings = jobTimings(connection);
  const job: W4JobRecord = {
    id: randomUUID(),
    connectionId: connection.id,
    individualId,
    createdAt: t,
    startedAt: t + timings.startMs,
    completedAt: t + timings.completeMs,
  };
  state.w4Jobs[job.id] = job;
  return job;
}

export function w4JobView(job: W4JobRecord, apiBaseUrl: string, t: number): JobView {
  return {
    job_id: job.id,
    job_url: jobUrl(apiBaseUrl, job.id),
    type: "w4_form_employee_sync",
    status: jobStatusAt({ ...job, completion: "complete" }, t),
    created_at: new Date(job.createdAt).toISOString(),
    scheduled_at: null,
    started_at: t >= job.startedAt ? new Date(job.startedAt).toISOString() : null,
    completed_at: t >= job.completedAt ? new Date(job.completedAt).toISOString() : null,
    params: { individual_id: job.individualId },
  };
}

/**
 * The W-4 an individual filed: people who started before 2020 kept the allowance-based form,
 * later hires filed the 2020 one. Stable per connection and individual.
 */
export function w4DocumentOf(connectionId: string, person: Person): W4Document {
  const startYear = Number((person.employment.start_date ?? "2021").slice(0, 4));
  const type: W4Type = startYear < 2020 ? "w4_2005" : "w4_2020";
  return {
    id: uuidFrom(`${connectionId}:${person.id}:w4`),
    individual_id: person.id,
    type,
    year: type === "w4_2005" ? Math.max(2005, startYear) : startYear,
  };
}

/** The form's fields, in Finch's `W42020` / `W42005` shapes (amounts in cents). */
export function w4DocumentData(document: W4Document) {
  const rng = rngFor(`${document.id}:fields`);
  if (document.type === "w4_2005") {
    return {
      type: document.type,
      year: document.year,
      data: {
        individual_id: document.individual_id,
        filing_status: rng.pick([
          "single",
          "married",
          "married_but_withhold_at_higher_single_rate",
        ] as const),
        exemption: rng.chance(0.05) ? ("exempt" as const) : ("non_exempt" as const),
        total_number_of_allowances: rng.int(0, 4),
        additional_withholding: rng.chance(0.2) ? rng.int(1, 10) * 1_000 : 0,
      },
    };
  }
  const children = rng.chance(0.4) ? rng.int(1, 3) : 0;
  const others = rng.chance(0.15) ? 1 : 0;
  return {
    type: document.type,
    year: document.year,
    data: {
      individual_id: document.individual_id,
      filing_status: rng.pick([
        "single_or_married_filing_separately",
        "married_filing_jointly_or_qualifying_surviving_spouse",
        "head_of_household",
      ] as const),
      amount_for_qualifying_children_under_17: children * 200_000,
      amount_for_other_dependents: others * 50_000,
      total_claim_dependent_and_other_credits: children * 200_000 + others * 50_000,
      other_income: rng.chance(0.1) ? rng.int(1, 20) * 100_000 : 0,
      deductions: rng.chance(0.1) ? rng.int(1, 10) * 100_000 : 0,
      extra_withholding: rng.chance(0.2) ? rng.int(1, 10) * 1_000 : 0,
    },
  };
}
