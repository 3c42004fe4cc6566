import { z } from "zod";
import type { EmulatorContext, RequestContext } from "../context";
import {
  createW4Job,
  w4DocumentData,
  w4DocumentOf,
  w4JobsOf,
  type W4Document,
  type W4Type,
} from "../documents";
import { errors, json, parseWith, queryList, type Router } from "../http";
import { jobUrl, quotaAt } from "../jobs";
import type { ConnectionRecord } from "../records";
import { authorizeProduct, refuseIfBlocked } from "./data-access";

const W4_TYPES: readonly W4Type[] = ["w4_2020", "w4_2005"];

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  types: z.array(z.enum(W4_TYPES)),
  individual_ids: z.array(z.string()),
});

/** `POST /jobs/automated` with `w4_form_employee_sync`: fetches one individual's W-4 from the provider. */
export function startW4Job(ctx: EmulatorContext, rc: RequestContext, individualId: string) {
  const grant = authorizeProduct(ctx, rc, "documents");
  const t = ctx.tickNow();
  refuseIfBlocked(grant.connection, t);
  if (!ctx.datasets.at(grant.connection, t).byId.has(individualId)) {
    throw errors.notFound(`No individual with id '${individualId}'`, "individual_not_found");
  }
  const job = createW4Job(ctx.state, grant.connection, individualId, t);
  ctx.store.changed();
  const quota = quotaAt(ctx.state, grant.connection.id, "automated", t);
  return json(
    {
      job_id: job.id,
      job_url: jobUrl(rc.apiBaseUrl, job.id),
      allowed_refreshes: quota.allowed,
      remaining_refreshes: quota.remaining,
    },
    201,
  );
}

/** The W-4s fetched so far: one per individual whose `w4_form_employee_sync` job has completed. */
function fetchedDocuments(ctx: EmulatorContext, connection: ConnectionRecord, t: number) {
  const documents = new Map<string, W4Document>();
  const finished = w4JobsOf(ctx.state, connection.id)
    .filter((job) => job.completedAt <= t)
    .sort((a, b) => a.completedAt - b.completedAt);
  for (const job of finished) {
    const person = ctx.datasets.at(connection, job.completedAt).byId.get(job.individualId);
    if (person) documents.set(job.individualId, w4DocumentOf(connection.id, person));
  }
  return [...documents.values()];
}

export function registerDocumentRoutes(router: Router<RequestContext>, ctx: EmulatorContext): void {
  router.add("GET", "/employer/documents", (rc) => {
    const { connection } = authorizeProduct(ctx, rc, "documents");
    const query = parseWith(listQuerySchema, {
      ...Object.fromEntries(rc.url.searchParams),
      types: queryList(rc.url, "types"),
      individual_ids: queryList(rc.url, "individual_ids"),
    });
    const t = ctx.tickNow();
    refuseIfBlocked(connection, t);
    const matching = fetchedDocuments(ctx, connection, t).filter(
      (d) =>
        (query.types.length === 0 || query.types.includes(d.type)) &&
        (query.individual_ids.length === 0 || query.individual_ids.includes(d.individual_id)),
    );
    const offset = query.offset ?? 0;
    const page = matching.slice(
      offset,
      query.limit === undefined ? undefined : offset + query.limit,
    );
    return json({
      documents: page.map((d) => ({ ...d, url: `${rc.apiBaseUrl}/employer/documents/${d.id}` })),
      paging: { count: matching.length, offset },
    });
  });

  router.add("GET", "/employer/documents/:id", (rc) => {
    const { connection } = authorizeProduct(ctx, rc, "documents");
    const t = ctx.tickNow();
    refuseIfBlocked(connection, t);
    const found = fetchedDocuments(ctx, connection, t).find((d) => d.id === rc.params.id);
    if (!found)
      throw errors.notFound(`No document with id '${rc.params.id}'`, "document_not_found");
    return json(w4DocumentData(found));
  });
}
