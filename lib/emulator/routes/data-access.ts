import { requireToken, type Grant } from "../auth";
import { isoAt, type EmulatorContext, type RequestContext } from "../context";
import type { Dataset } from "../data/dataset";
import { accepted, errors, FinchError, queryList } from "../http";
import { refreshJobsOf } from "../jobs";
import {
  dataAccessAt,
  lastRefreshAttempt,
  lastSuccessfulRefresh,
  type Refresh,
} from "../lifecycle";
import { grants, groupOf, type Product, type ProductGroup } from "../products";
import type { ConnectionRecord } from "../records";

export interface DataGrant extends Grant {
  t: number;
  group: ProductGroup;
  refresh: Refresh;
  dataset: Dataset;
}

const BLOCKED_ERRORS = {
  reauth: () =>
    new FinchError(
      401,
      "authentication_error",
      "Please reauthenticate user: the connection's credentials are no longer valid",
      "reauthenticate_user",
    ),
  error_no_account_setup: () =>
    new FinchError(
      401,
      "authentication_error",
      "The employer has not yet added Finch as a third-party administrator",
      "account_setup_required",
    ),
  error_permissions: () =>
    new FinchError(
      403,
      "error_permissions",
      "Finch was added to the provider without the permissions it needs",
      "insufficient_account_permissions",
    ),
  disconnected: () => errors.invalidToken(),
};

/** Bearer auth plus the product scope, without touching data (for validation before readiness). */
export function authorizeProduct(
  ctx: EmulatorContext,
  rc: RequestContext,
  product: Product,
): Grant {
  const grant = requireToken(ctx, rc.request);
  if (!grants(grant.token.products, product)) throw errors.insufficientScope(product);
  const entityIds = queryList(rc.url, "entity_ids");
  const unknown = entityIds.filter((id) => id !== grant.connection.entityId);
  if (unknown.length > 0)
    throw errors.badRequest(`entity_ids: unknown entity ${unknown.join(", ")}`);
  return grant;
}

/**
 * Opens a product's data as of its last successful sync, or answers for it: an error for a
 * connection that needs the employer's attention, or the bare 202 while a group is configuring.
 */
export function openData(
  ctx: EmulatorContext,
  grant: Grant,
  product: Product,
): DataGrant | Response {
  const group = groupOf(product) as ProductGroup;
  const t = ctx.tickNow();
  const access = dataAccessAt(grant.connection, group, t);
  if (access.kind === "blocked") throw BLOCKED_ERRORS[access.status]();
  if (access.kind === "pending") return accepted();
  const jobs = refreshJobsOf(ctx.state, grant.connection.id);
  const refresh = lastSuccessfulRefresh(grant.connection, jobs, group, t) as Refresh;
  return { ...grant, t, group, refresh, dataset: ctx.datasets.at(grant.connection, refresh.at) };
}

/** Adds Finch's freshness headers: when the data was retrieved and how the last sync attempt went. */
export function withFreshness(ctx: EmulatorContext, data: DataGrant, response: Response): Response {
  const attempt = lastRefreshAttempt(
    data.connection,
    refreshJobsOf(ctx.state, data.connection.id),
    data.group,
    data.t,
  );
  response.headers.set("finch-data-retrieved", isoAt(data.refresh.at));
  if (attempt) {
    response.headers.set("finch-last-attempted-update-date", isoAt(attempt.at));
    response.headers.set(
      "finch-last-attempted-update-result",
      attempt.success ? "success" : "error",
    );
  }
  return response;
}

/** For calls outside the product groups (documents, W-4 jobs, `/forward`): a blocked connection's error. */
export function refuseIfBlocked(connection: ConnectionRecord, t: number): void {
  const access = dataAccessAt(connection, "organization", t);
  if (access.kind === "blocked") throw BLOCKED_ERRORS[access.status]();
}
