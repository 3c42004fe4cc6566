import "server-only";
import { applyEntityStatus, noteEntityDataRetrieved } from "@/db/queries/entities";
import { applyConnectionStatus } from "@/db/queries/connections";
import { recordProxyCall } from "@/db/queries/data-proxy";
import { afterResponse } from "@/lib/data-proxy/after-response";
import { RecentReads } from "@/lib/data-proxy/recent-reads";
import type { ProxyConnection } from "@/db/queries/data-proxy";
import { appNow } from "@/lib/clock";
import { accessTokenFor } from "@/lib/connections/access-token";
import type { ProductQuery, ProductQueryMap, ProxyProduct } from "@/lib/data-proxy/params";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  fetchBenefitEnrollment,
  fetchBenefits,
  fetchCompany,
  fetchDirectory,
  fetchEmployments,
  fetchIndividuals,
  fetchPayments,
  fetchPayStatements,
  type FinchDataHeaders,
  type FinchDataResult,
} from "@/lib/finch/data";
import type {
  FinchBenefit,
  FinchCompany,
  FinchDirectory,
  FinchEmploymentItem,
  FinchIndividualItem,
  FinchPayment,
  FinchPayStatementItem,
} from "@/lib/finch/types";
import { statusFromFinchFailure, type FinchFailure } from "@/lib/finch/errors";
import { rateLimitWaitSeconds } from "@/lib/finch/rate-limits";
import { refreshEmployerAttention } from "@/lib/monitoring/attention";
import { configurationCountdown, readinessInstant } from "@/lib/status/countdown";
import { describeStatus } from "@/lib/status/catalogue";
import { parseFinchTimestamp } from "@/lib/status/freshness";
import {
  PRODUCT_GROUPS,
  productGroupOf,
  productLabel,
  type ProductGroup,
} from "@/lib/status/products";
import { formatDate } from "@/lib/status/relative-time";

/** This process's memory of answers it recorded moments ago (lib/data-proxy/recent-reads). */
const recentReads = new RecentReads();

export type BenefitWithEnrollment = FinchBenefit & { enrolled_count?: number | null };

export interface ProductDataMap {
  company: FinchCompany;
  directory: FinchDirectory;
  individual: { responses: FinchIndividualItem[] };
  employment: { responses: FinchEmploymentItem[] };
  payment: FinchPayment[];
  pay_statement: { responses: FinchPayStatementItem[] };
  benefits: BenefitWithEnrollment[];
}

export interface ItemResult {
  id: string;
  status: "ok" | "not_found" | "pending" | "error";
  code: number;
  finch_code: string | null;
  message: string | null;
}

export interface Freshness {
  retrievedAt: Date | null;
  lastAttemptedAt: Date | null;
  lastAttemptResult: string | null;
}

export type ProxyResult<P extends ProxyProduct = ProxyProduct> =
  | {
      kind: "ok";
      product: P;
      data: ProductDataMap[P];
      items: ItemResult[] | null;
      freshness: Freshness;
      requestId: string | null;
      headers: FinchDataHeaders;
    }
  | {
      kind: "pending";
      product: P;
      group: ProductGroup | null;
      expectedReadyAt: Date | null;
      message: string;
      requestId: string | null;
      headers: FinchDataHeaders;
    }
  | {
      kind: "error";
      product: P;
      error: AppError;
      /** Whether trying again later may work (rate limits, outages, timeouts). */
      retryable: boolean;
      retryAfterSeconds: number | null;
      requestId: string | null;
      /** The connection's status after a 401/403, when Finch's answer changed it. */
      connectionStatus: string | null;
    };

export interface ProxyActor {
  userId?: string | null;
  label: string;
}

/** What Finch answered for one product (before anything is recorded). */
export type FinchAnswer<P extends ProxyProduct = ProxyProduct> = FinchDataResult<ProductDataMap[P]>;

/** Calls Finch for one product with a connection's token; records nothing (see readProduct). */
export async function askFinch<P extends ProxyProduct>(
  token: string,
  query: { product: P; params: ProductQueryMap[P] },
  entityId: string | null,
): Promise<FinchAnswer<P>> {
  const q = query as unknown as ProductQuery;
  let result: FinchDataResult<unknown>;
  switch (q.product) {
    case "company":
      result = await fetchCompany(token, entityId);
      break;
    case "directory":
      result = await fetchDirectory(token, q.params, entityId);
      break;
    case "individual":
      result = await fetchIndividuals(token, q.params.individual_ids, entityId);
      break;
    case "employment":
      result = await fetchEmployments(token, q.params.individual_ids, entityId);
      break;
    case "payment":
      result = await fetchPayments(
        token,
        {
          startDate: q.params.start_date,
          endDate: q.params.end_date,
        },
        entityId,
      );
      break;
    case "pay_statement":
      result = await fetchPayStatements(
        token,
        q.params.payment_ids.map((paymentId) => ({
          paymentId,
          limit: q.params.limit,
          offset: q.params.offset,
        })),
        entityId,
      );
      break;
    case "benefits":
      result = await fetchBenefits(token, entityId);
      if (result.kind === "ok" && q.params.include === "enrolled_count") {
        result = {
          ...result,
          data: await withEnrollment(token, result.data as FinchBenefit[], entityId),
        };
      }
      break;
  }
  return result as FinchAnswer<P>;
}

/** Adds each benefit's enrolled headcount, a few calls at a time; a failed count is null. */
async function withEnrollment(
  token: string,
  benefits: FinchBenefit[],
  entityId: string | null,
): Promise<BenefitWithEnrollment[]> {
  const out: BenefitWithEnrollment[] = [];
  for (let i = 0; i < benefits.length; i += 4) {
    const batch = benefits.slice(i, i + 4);
    const counts = await Promise.all(
      batch.map((b) => fetchBenefitEnrollment(token, b.benefit_id, entityId)),
    );
    batch.forEach((benefit, j) => {
      const count = counts[j];
      out.push({
        ...benefit,
        enrolled_count: count.kind === "ok" ? count.data.individualIds.length : null,
      });
    });
  }
  return out;
}

/** Per-item outcomes of a batch answer (individual, employment, pay statements). */
export function itemResults(product: ProxyProduct, data: unknown): ItemResult[] | null {
  if (product !== "individual" && product !== "employment" && product !== "pay_statement") {
    return null;
  }
  const responses = ((data as { responses?: unknown[] })?.responses ?? []) as {
    individual_id?: string;
    payment_id?: string;
    code?: number;
    body?: { finch_code?: string; message?: string } | null;
  }[];
  return responses.map((item) => {
    const code = item.code ?? 200;
    const body = item.body ?? {};
    const status: ItemResult["status"] =
      code === 200 ? "ok" : code === 404 ? "not_found" : code === 202 ? "pending" : "error";
    return {
      id: String(item.individual_id ?? item.payment_id ?? ""),
      status,
      code,
      finch_code: status === "ok" ? null : (body.finch_code ?? null),
      message: status === "ok" ? null : (body.message ?? null),
    };
  });
}

function pendingMessage(input: {
  connection: ProxyConnection;
  product: ProxyProduct;
  group: ProductGroup | null;
  expectedReadyAt: Date | null;
  now: Date;
  timeZone: string;
}): string {
  const { connection, product, group, expectedReadyAt, now, timeZone } = input;
  const what = group ? `${PRODUCT_GROUPS[group].label} data` : `${productLabel(product)} data`;
  if (!connection.assisted) {
    return `Finch is still running the first sync of ${what} for this connection. Try again shortly.`;
  }
  if (!expectedReadyAt) {
    return `Finch is still configuring ${what} for this assisted connection. Its configuration period starts once Finch has verified the employer's permissions.`;
  }
  const date = formatDate(expectedReadyAt, timeZone);
  if (now.getTime() > expectedReadyAt.getTime()) {
    return `Finch is still configuring ${what} for this assisted connection. It was expected by ${date} and is overdue.`;
  }
  return `Finch is still configuring ${what} for this assisted connection. Expected ready by ${date}.`;
}

/**
 * The date an assisted group's configuration period ends, from the connection alone; the stored
 * date (set when permissions were verified) wins where there is one.
 */
function expectedReadyFallback(
  connection: ProxyConnection,
  group: ProductGroup | null,
  now: Date,
  timeZone: string,
): Date | null {
  if (!group || !connection.assisted) return null;
  return configurationCountdown({
    group,
    assisted: true,
    verifiedAt: connection.permissionsVerifiedAt,
    readyAt: null,
    now,
    timeZone,
  }).expectedReadyAt;
}

function failureError(
  failure: FinchFailure & { timeout: boolean },
  product: ProxyProduct,
  connectionStatus: string | null,
  providerName: string | null,
): { error: AppError; retryable: boolean } {
  const what = `${productLabel(product).toLowerCase()} data`;
  const ref = failure.requestId ? { finch_request_id: failure.requestId } : {};
  if (failure.status === null) {
    return {
      retryable: true,
      error: new AppError(
        "finch_unavailable",
        failure.timeout
          ? `Finch did not answer in time while reading ${what}. Try again shortly.`
          : `Finch could not be reached while reading ${what}. Try again shortly.`,
        { ...ref, retryable: true, reason: failure.timeout ? "timeout" : "unreachable" },
      ),
    };
  }
  if (failure.status === 429) {
    const wait = rateLimitWaitSeconds(failure);
    return {
      retryable: true,
      error: new AppError(
        "rate_limited",
        `Finch is rate-limiting requests for ${what}; try again in ${wait} s.`,
        {
          ...ref,
          retryable: true,
          reason: "rate_limited",
          finch_code: failure.finchCode,
          retry_after_seconds: wait,
        },
      ),
    };
  }
  if (failure.status >= 500) {
    return {
      retryable: true,
      error: new AppError(
        "finch_unavailable",
        `Finch had a server error (${failure.status}) while reading ${what}. Try again shortly.`,
        { ...ref, retryable: true, reason: "finch_server_error", finch_status: failure.status },
      ),
    };
  }
  if (failure.status === 401 || failure.status === 403) {
    const info = connectionStatus ? describeStatus(connectionStatus, { providerName }) : null;
    const message = info
      ? `Finch refused to share ${what}: ${info.label.toLowerCase()}. ${info.opsAction}`
      : `Finch refused to share ${what}: ${failure.message}`;
    return {
      retryable: false,
      error: new AppError("finch_auth", message, {
        ...ref,
        retryable: false,
        reason: "finch_auth",
        finch_code: failure.finchCode,
        connection_status: connectionStatus,
      }),
    };
  }
  return {
    retryable: false,
    error: new AppError("finch_error", `Finch could not return ${what}: ${failure.message}`, {
      ...ref,
      retryable: false,
      reason: "finch_error",
      finch_status: failure.status,
      finch_code: failure.finchCode,
    }),
  };
}

/**
 * Reads one product for a connection through Finch and records what happened: the status,
 * Finch's freshness headers and request id per product; the first 200 of a group marks it ready
 * (a `data.ready` event); a 202 writes `data.pending` only when the product was not already
 * pending; a 401/403 updates the connection's status. Outages never touch stored freshness.
 */
export async function readProduct<P extends ProxyProduct>({
  connection,
  query,
  actor,
  entityId = null,
  answer,
}: {
  /** A connection row, or the columns of it a read uses (getProxyContext). */
  connection: ProxyConnection;
  query: { product: P; params: ProductQueryMap[P] };
  actor?: ProxyActor;
  /** The Finch entity of a multi-entity connection (see `entityForRead`). */
  entityId?: string | null;
  /**
   * Finch's answer to exactly this call (this connection's token, query and entity), when it was
   * asked already (lib/data-proxy/read-ahead); Finch is asked here otherwise.
   */
  answer?: Promise<FinchAnswer<P>>;
}): Promise<ProxyResult<P>> {
  const { product } = query;
  const result = await (answer ?? askFinch(accessTokenFor(connection), query, entityId));
  const now = await appNow();
  const { timeZone } = env();
  const group = productGroupOf(product);
  const base = {
    connectionId: connection.id,
    employerId: connection.employerId,
    product,
    group,
    calledAt: now,
    wantsExpectedReadyAt: false,
    expectedReadyFallback: null,
    dataRetrievedAt: null,
    lastAttemptedAt: null,
    lastAttemptResult: null,
    ready: false,
  };
  const actorFields = { actorUserId: actor?.userId ?? null, actorLabel: actor?.label ?? null };

  if (result.kind === "ok") {
    const freshness: Freshness = {
      retrievedAt: parseFinchTimestamp(result.headers.dataRetrieved),
      lastAttemptedAt: parseFinchTimestamp(result.headers.lastAttemptedDate),
      lastAttemptResult: result.headers.lastAttemptedResult,
    };
    const { status: okStatus, headers: okHeaders } = result;
    const outcome = {
      connectionId: connection.id,
      product,
      entityId,
      httpStatus: result.status,
      dataRetrievedAt: freshness.retrievedAt,
      lastAttemptedAt: freshness.lastAttemptedAt,
      lastAttemptResult: freshness.lastAttemptResult,
    };
    // The hot path: the answer does not depend on what is recorded, so record after it, and an
    // answer identical to one this instance recorded seconds ago is not written again.
    if (recentReads.needsRecording(outcome, now)) {
      recentReads.noteRecorded(outcome, now);
      await afterResponse("recording a proxied call", async () => {
        try {
          await recordOk();
        } catch (error) {
          // Not recorded after all: the next identical answer must try again.
          recentReads.forget(outcome);
          throw error;
        }
      });
    }
    async function recordOk() {
      const recorded = await recordProxyCall({
        ...base,
        httpStatus: okStatus,
        requestId: okHeaders.requestId,
        dataRetrievedAt: freshness.retrievedAt,
        lastAttemptedAt: freshness.lastAttemptedAt,
        lastAttemptResult: freshness.lastAttemptResult,
        ready: true,
        readyAt: readinessInstant({
          retrievedAt: freshness.retrievedAt,
          verifiedAt: connection.permissionsVerifiedAt,
          noticedAt: now,
        }),
        event: {
          rule: "group_ready",
          type: "data.ready",
          summary: group
            ? `${PRODUCT_GROUPS[group].label} data is available (first answer from ${productLabel(product)})`
            : "",
          data: { product, group, status: okStatus, requestId: okHeaders.requestId },
          withExpectedReadyAt: false,
          ...actorFields,
        },
      });
      if (entityId && freshness.retrievedAt) {
        await noteEntityDataRetrieved({
          connectionId: connection.id,
          finchEntityId: entityId,
          retrievedAt: freshness.retrievedAt,
        });
      }
      // Fresher data or a group now ready moves when the employer's alerts begin; a read that
      // changed neither (the same Finch-Data-Retrieved again) leaves them as they are.
      if (recorded.attentionInputsChanged) {
        await refreshEmployerAttention({ employerId: connection.employerId });
      }
    }
    return {
      kind: "ok",
      product,
      data: result.data,
      items: itemResults(product, result.data),
      freshness,
      requestId: result.headers.requestId,
      headers: result.headers,
    };
  }

  // Any other answer is always recorded, and the next 200 after it too.
  recentReads.forget({ connectionId: connection.id, product, entityId });
  if (result.kind === "pending") {
    const assistedGroup = Boolean(group && connection.assisted);
    const recorded = await recordProxyCall({
      ...base,
      httpStatus: 202,
      requestId: result.headers.requestId,
      wantsExpectedReadyAt: assistedGroup,
      expectedReadyFallback: expectedReadyFallback(connection, group, now, timeZone),
      event: {
        rule: "pending_news",
        type: "data.pending",
        summary: `${productLabel(product)} data is still being prepared by Finch`,
        data: { product, group, expectedReadyAt: null, requestId: result.headers.requestId },
        withExpectedReadyAt: assistedGroup,
        ...actorFields,
      },
    });
    const expectedReadyAt = recorded.expectedReadyAt;
    const message = pendingMessage({ connection, product, group, expectedReadyAt, now, timeZone });
    return {
      kind: "pending",
      product,
      group,
      expectedReadyAt,
      message,
      requestId: result.headers.requestId,
      headers: result.headers,
    };
  }

  const { failure } = result;
  let connectionStatus: string | null = null;
  if (failure.status === 401 || failure.status === 403) {
    // Rare: Finch's refusal says something about the connection itself.
    const implied = statusFromFinchFailure(failure);
    if (implied && entityId) {
      // One entity refused: that entity's status, not the whole connection's.
      await applyEntityStatus({
        connectionId: connection.id,
        finchEntityId: entityId,
        status: implied,
        at: now,
      });
      connectionStatus = implied;
    } else if (implied) {
      const applied = await applyConnectionStatus({
        connectionId: connection.id,
        status: implied,
        message: failure.message,
        at: now,
        source: "proxy",
        ...actorFields,
        timeZone,
      });
      connectionStatus = applied.connection?.status ?? implied;
      if (applied.changed) await refreshEmployerAttention({ employerId: connection.employerId });
    }
  }
  const { error, retryable } = failureError(
    failure,
    product,
    connectionStatus,
    connection.providerName,
  );
  await recordProxyCall({
    ...base,
    httpStatus: failure.status,
    requestId: failure.requestId,
    event: {
      rule: "status_news",
      type: "data.error",
      summary: `Reading ${productLabel(product)} data failed: ${error.message}`,
      data: {
        product,
        group,
        status: failure.status,
        finchCode: failure.finchCode,
        requestId: failure.requestId,
        retryable,
      },
      withExpectedReadyAt: false,
      ...actorFields,
    },
  });
  return {
    kind: "error",
    product,
    error,
    retryable,
    retryAfterSeconds:
      failure.status === 429 ? rateLimitWaitSeconds(failure) : failure.retryAfterSeconds,
    requestId: failure.requestId,
    connectionStatus,
  };
}
