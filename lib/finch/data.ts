import "server-only";
import Finch from "@tryfinch/finch-api";
import { finchForConnection } from "@/lib/finch/client";
import { describeFinchError, type FinchFailure } from "@/lib/finch/errors";
import {
  reshapeBenefit,
  reshapeCompany,
  reshapeDirectory,
  reshapeEmploymentItem,
  reshapeIndividualItem,
  reshapePayment,
  reshapePayStatementItem,
  reshapeSyncJob,
} from "@/lib/finch/mappers";
import { isShortRateLimit, RATE_LIMIT_RETRIES } from "@/lib/finch/rate-limits";
import type {
  FinchBenefit,
  FinchBenefitEnrollment,
  FinchCompany,
  FinchDirectory,
  FinchEmploymentItem,
  FinchIndividualItem,
  FinchPayment,
  FinchPayStatementItem,
  FinchSyncJob,
} from "@/lib/finch/types";

/**
 * Every read of an employer's data goes through here. Each call reads the SDK's raw answer
 * (`.asResponse()`) so the HTTP status and Finch's freshness headers are read: a 202 means "still
 * configuring" and is detected by its status only, never by an empty body (Finch sends an empty
 * 202). The JSON body is then reshaped into Perch's types (lib/finch/mappers).
 */

/** Perch's own types (lib/finch/types.ts), also importable from here where they are read. */
export type {
  FinchBenefit,
  FinchCompany,
  FinchDirectory,
  FinchDirectoryPerson,
  FinchEmploymentItem,
  FinchIndividualItem,
  FinchPayment,
  FinchPayStatement,
  FinchPayStatementItem,
  FinchSyncJob,
} from "@/lib/finch/types";

export interface FinchDataHeaders {
  requestId: string | null;
  dataRetrieved: string | null;
  lastAttemptedDate: string | null;
  lastAttemptedResult: string | null;
}

export type FinchDataResult<T> =
  | { kind: "ok"; status: number; data: T; headers: FinchDataHeaders }
  | { kind: "pending"; status: 202; headers: FinchDataHeaders }
  | { kind: "failed"; failure: FinchFailure & { timeout: boolean } };

/** The JSON body of a batch read (`{responses: [...]}`), in the SDK's types. */
type Batch<Reshape extends (item: never) => unknown> = { responses: Parameters<Reshape>[0][] };
type EnrolledIDs = Awaited<ReturnType<Finch["hris"]["benefits"]["individuals"]["enrolledIDs"]>>;

/**
 * Interactive reads fail fast on outages; the caller gets a retry-able answer instead of waiting
 * on backoff. A short rate limit is the exception: `call` waits it out (see below).
 */
const REQUEST_OPTIONS = { maxRetries: 0, timeout: 15_000 } as const;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Finch takes exactly one entity per data call of a multi-entity connection. */
function scoped(entityId: string | null | undefined): { entity_ids?: string[] } {
  return entityId ? { entity_ids: [entityId] } : {};
}

/** The body of a batch read by individual (individuals, employments). */
function perIndividual(individualIds: string[], entityId: string | null | undefined) {
  return {
    requests: individualIds.map((individual_id) => ({ individual_id })),
    ...scoped(entityId),
  };
}

function readHeaders(headers: Headers): FinchDataHeaders {
  return {
    requestId: headers.get("finch-request-id"),
    dataRetrieved: headers.get("finch-data-retrieved"),
    lastAttemptedDate: headers.get("finch-last-attempted-update-date"),
    lastAttemptedResult: headers.get("finch-last-attempted-update-result"),
  };
}

/**
 * One read, with a short rate limit (Retry-After of a few seconds) waited out here, up to the
 * SDK's usual number of retries, so a person never sees a 429 that a moment's wait would cure.
 */
async function call<Raw, T>(
  accessToken: string,
  request: (finch: Finch) => FinchRequest,
  reshape: (raw: Raw) => T,
): Promise<FinchDataResult<T>> {
  const finch = await finchForConnection(accessToken);
  for (let retry = 0; ; retry++) {
    const result = await callOnce(finch, request, reshape);
    if (
      result.kind !== "failed" ||
      result.failure.status !== 429 ||
      retry >= RATE_LIMIT_RETRIES ||
      !isShortRateLimit(result.failure)
    ) {
      return result;
    }
    await sleep((result.failure.retryAfterSeconds ?? 0) * 1000);
  }
}

/** A call the SDK made (it sends, authenticates, retries and throws Finch's errors). */
type FinchRequest = { asResponse(): Promise<Response> };

async function callOnce<Raw, T>(
  finch: Finch,
  request: (finch: Finch) => FinchRequest,
  reshape: (raw: Raw) => T,
): Promise<FinchDataResult<T>> {
  try {
    // The SDK's raw answer: its status and headers first (a 202 has no body to read), then the
    // JSON body as Finch sent it, which the mappers reshape; the SDK's page wrapper is not needed.
    const response = await request(finch).asResponse();
    const headers = readHeaders(response.headers);
    if (response.status === 202) return { kind: "pending", status: 202, headers };
    const body = (await response.json()) as Raw;
    return { kind: "ok", status: response.status, data: reshape(body), headers };
  } catch (error) {
    const failure = describeFinchError(error);
    if (!failure) throw error;
    return {
      kind: "failed",
      failure: { ...failure, timeout: error instanceof Finch.APIConnectionTimeoutError },
    };
  }
}

export function fetchCompany(
  accessToken: string,
  entityId?: string | null,
): Promise<FinchDataResult<FinchCompany>> {
  return call(
    accessToken,
    (finch) => finch.hris.company.retrieve(scoped(entityId), REQUEST_OPTIONS),
    reshapeCompany,
  );
}

export function fetchDirectory(
  accessToken: string,
  query: { limit: number; offset: number },
  entityId?: string | null,
): Promise<FinchDataResult<FinchDirectory>> {
  return call(
    accessToken,
    (finch) => finch.hris.directory.list({ ...query, ...scoped(entityId) }, REQUEST_OPTIONS),
    (body: Parameters<typeof reshapeDirectory>[0]) =>
      reshapeDirectory({ ...body, individuals: body.individuals ?? [] }),
  );
}

export function fetchIndividuals(
  accessToken: string,
  individualIds: string[],
  entityId?: string | null,
): Promise<FinchDataResult<{ responses: FinchIndividualItem[] }>> {
  return call(
    accessToken,
    (finch) =>
      finch.hris.individuals.retrieveMany(perIndividual(individualIds, entityId), REQUEST_OPTIONS),
    (body: Batch<typeof reshapeIndividualItem>) => ({
      responses: (body.responses ?? []).map(reshapeIndividualItem),
    }),
  );
}

export function fetchEmployments(
  accessToken: string,
  individualIds: string[],
  entityId?: string | null,
): Promise<FinchDataResult<{ responses: FinchEmploymentItem[] }>> {
  return call(
    accessToken,
    (finch) =>
      finch.hris.employments.retrieveMany(perIndividual(individualIds, entityId), REQUEST_OPTIONS),
    (body: Batch<typeof reshapeEmploymentItem>) => ({
      responses: (body.responses ?? []).map(reshapeEmploymentItem),
    }),
  );
}

export function fetchPayments(
  accessToken: string,
  range: { startDate: string; endDate: string },
  entityId?: string | null,
): Promise<FinchDataResult<FinchPayment[]>> {
  return call(
    accessToken,
    (finch) =>
      finch.hris.payments.list(
        { start_date: range.startDate, end_date: range.endDate, ...scoped(entityId) },
        REQUEST_OPTIONS,
      ),
    (body: Parameters<typeof reshapePayment>[0][] | null) => (body ?? []).map(reshapePayment),
  );
}

export function fetchPayStatements(
  accessToken: string,
  requests: { paymentId: string; limit: number; offset: number }[],
  entityId?: string | null,
): Promise<FinchDataResult<{ responses: FinchPayStatementItem[] }>> {
  return call(
    accessToken,
    (finch) =>
      finch.hris.payStatements.retrieveMany(
        {
          requests: requests.map((r) => ({
            payment_id: r.paymentId,
            limit: r.limit,
            offset: r.offset,
          })),
          ...scoped(entityId),
        },
        REQUEST_OPTIONS,
      ),
    (body: Batch<typeof reshapePayStatementItem>) => ({
      responses: (body.responses ?? []).map(reshapePayStatementItem),
    }),
  );
}

export function fetchBenefits(
  accessToken: string,
  entityId?: string | null,
): Promise<FinchDataResult<FinchBenefit[]>> {
  return call(
    accessToken,
    (finch) => finch.hris.benefits.list(scoped(entityId), REQUEST_OPTIONS),
    (body: Parameters<typeof reshapeBenefit>[0][] | null) => (body ?? []).map(reshapeBenefit),
  );
}

export function fetchBenefitEnrollment(
  accessToken: string,
  benefitId: string,
  entityId?: string | null,
): Promise<FinchDataResult<FinchBenefitEnrollment>> {
  return call(
    accessToken,
    (finch) =>
      finch.hris.benefits.individuals.enrolledIDs(benefitId, scoped(entityId), REQUEST_OPTIONS),
    (body: EnrolledIDs) => ({
      benefitId: body.benefit_id,
      individualIds: body.individual_ids ?? [],
    }),
  );
}

// ── On-demand sync (automated connections only) ─────────────────────────────

export interface SyncQuota {
  allowedRefreshes: number | null;
  remainingRefreshes: number | null;
  retryAt: string | null;
}

export type SyncRequestResult =
  | { kind: "started"; jobId: string | null; alreadyRunning: boolean; quota: SyncQuota }
  | { kind: "quota_exhausted"; quota: SyncQuota; failure: FinchFailure }
  | { kind: "failed"; failure: FinchFailure };

function quotaFromBody(body: unknown): SyncQuota {
  const b = (body ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  return {
    allowedRefreshes: num(b.allowed_refreshes),
    remainingRefreshes: num(b.remaining_refreshes),
    retryAt: typeof b.retry_at === "string" ? b.retry_at : null,
  };
}

/** `POST /jobs/automated {type: data_sync_all}`; a running job is returned rather than a new one. */
export async function requestDataSync(accessToken: string): Promise<SyncRequestResult> {
  const finch = await finchForConnection(accessToken);
  try {
    const { data, response } = await finch.jobs.automated
      .create({ type: "data_sync_all" }, REQUEST_OPTIONS)
      .withResponse();
    return {
      kind: "started",
      jobId: data.job_id ?? null,
      alreadyRunning: response.status === 202,
      quota: quotaFromBody(data),
    };
  } catch (error) {
    const failure = describeFinchError(error);
    if (!failure) throw error;
    if (failure.status === 429 && error instanceof Finch.APIError) {
      return { kind: "quota_exhausted", quota: quotaFromBody(error.error), failure };
    }
    return { kind: "failed", failure };
  }
}

export interface SyncOverview {
  quota: SyncQuota;
  latestJob: FinchSyncJob | null;
}

/** The data_sync_all quota and the newest job, for the Sync now panel. */
export async function fetchSyncOverview(
  accessToken: string,
): Promise<{ kind: "ok"; overview: SyncOverview } | { kind: "failed"; failure: FinchFailure }> {
  const finch = await finchForConnection(accessToken);
  try {
    const list = await finch.jobs.automated.list({ limit: 5 }, REQUEST_OPTIONS);
    const quota = list.meta?.quotas?.data_sync_all;
    const jobs = [...(list.data ?? [])].filter((job) => job.type === "data_sync_all");
    return {
      kind: "ok",
      overview: {
        quota: {
          allowedRefreshes: quota?.allowed_refreshes ?? null,
          remainingRefreshes: quota?.remaining_refreshes ?? null,
          retryAt: null,
        },
        latestJob: jobs[0] ? reshapeSyncJob(jobs[0]) : null,
      },
    };
  } catch (error) {
    const failure = describeFinchError(error);
    if (!failure) throw error;
    return { kind: "failed", failure };
  }
}
