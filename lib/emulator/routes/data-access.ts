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
import { dataSubject, entitySubject, resolveEntity } from "../entities";
import { grants, groupOf, type Product, type ProductGroup } from "../products";
import type { ConnectionRecord } from "../records";
import type { EntityRecord } from "../records";

export interface EntityGrant extends Grant {
  /** The one entity a multi-entity connection's call is scoped to (`entity_ids[]`). */
  entity: EntityRecord | null;
}

export interface DataGrant extends EntityGrant {
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
): EntityGrant {
  const grant = requireToken(ctx, rc.request);
  if (!grants(grant.token.products, product)) throw errors.insufficientScope(product);
  const entity = resolveEntity(grant.connection, queryList(rc.url, "entity_ids"), ctx.tickNow());
  return { ...grant, entity };
}

/**
 * Opens a product's data as of its last successful sync, or answers for it: an error for a
 * connection that needs the employer's attention, or the bare 202 while a group is configuring.
 */
export function openData(
  ctx: EmulatorContext,
  grant: EntityGrant,
  product: Product,
): DataGrant | Response {
  const group = groupOf(product) as ProductGroup;
  const t = ctx.tickNow();
  const subject = entitySubject(grant.connection, grant.entity);
  const access = dataAccessAt(subject, group, t);
  if (access.kind === "blocked") throw BLOCKED_ERRORS[access.status]();
  if (access.kind === "pending") return accepted();
  const jobs = refreshJobsOf(ctx.state, grant.connection.id);
  const refresh = lastSuccessfulRefresh(subject, jobs, group, t) as Refresh;
  const dataset = ctx.datasets.at(dataSubject(grant.connection, grant.entity), refresh.at);
  return { ...grant, t, group, refresh, dataset };
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
