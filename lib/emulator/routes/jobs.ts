import { z } from "zod";
import { requireToken } from "../auth";
import { isoAt, type EmulatorContext, type RequestContext } from "../context";
import { w4JobsOf, w4JobView } from "../documents";
import { errors, FinchError, json, parseWith, readJsonBody, type Router } from "../http";
import {
  createJob,
  findJob,
  initialSyncJobs,
  jobsOf,
  jobUrl,
  jobView,
  quotaAt,
  runningJob,
} from "../jobs";
import { startW4Job } from "./documents";

const createJobSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("data_sync_all") }),
  z.object({
    type: z.literal("w4_form_employee_sync"),
    params: z.object({ individual_id: z.string().min(1) }),
  }),
]);

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export function registerJobRoutes(router: Router<RequestContext>, ctx: EmulatorContext): void {
  router.add("POST", "/jobs/automated", async (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const body = parseWith(createJobSchema, await readJsonBody(rc.request));
    if (connection.authMethod === "assisted") {
      throw errors.badRequest("cannot create automated job for Assisted Connect token");
    }
    if (body.type === "w4_form_employee_sync")
      return startW4Job(ctx, rc, body.params.individual_id);
    const t = ctx.tickNow();
    const running = runningJob(ctx.state, connection.id, t);
    const quota = quotaAt(ctx.state, connection.id, "automated", t);
    if (running) {
      // Finch answers 202 with the job already under way; it does not use up quota.
      return json(
        {
          job_id: running.id,
          job_url: jobUrl(rc.apiBaseUrl, running.id),
          allowed_refreshes: quota.allowed,
          remaining_refreshes: quota.remaining,
        },
        202,
      );
    }
    if (quota.remaining === 0) {
      throw new FinchError(
        429,
        "rate_limit_exceeded_error",
        "The data_sync_all quota for this connection is used up; retry after retry_at",
        "finch_application_rl",
        {},
        {
          allowed_refreshes: quota.allowed,
          remaining_refreshes: 0,
          retry_at: isoAt(quota.retryAt),
        },
      );
    }
    const job = createJob(ctx.state, connection, "automated", t);
    ctx.store.changed();
    return json(
      {
        job_id: job.id,
        job_url: jobUrl(rc.apiBaseUrl, job.id),
        allowed_refreshes: quota.allowed,
        remaining_refreshes: quota.remaining - 1,
      },
      201,
    );
  });

  router.add("GET", "/jobs/automated", (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const query = parseWith(listQuerySchema, Object.fromEntries(rc.url.searchParams));
    const t = ctx.tickNow();
    const views = [
      ...[...jobsOf(ctx.state, connection.id), ...initialSyncJobs(connection, t)]
        .filter((job) => !job.silent && job.createdAt <= t)
        .map((job) => ({ createdAt: job.createdAt, view: jobView(job, rc.apiBaseUrl, t) })),
      ...w4JobsOf(ctx.state, connection.id).map((job) => ({
        createdAt: job.createdAt,
        view: w4JobView(job, rc.apiBaseUrl, t),
      })),
    ].sort((a, b) => b.createdAt - a.createdAt);
    const offset = query.offset ?? 0;
    const quota = quotaAt(ctx.state, connection.id, "automated", t);
    return json({
      data: views.slice(offset, offset + (query.limit ?? 100)).map(({ view }) => view),
      meta: {
        quotas: {
          data_sync_all: { allowed_refreshes: quota.allowed, remaining_refreshes: quota.remaining },
        },
      },
    });
  });

  router.add("GET", "/jobs/automated/:id", (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const t = ctx.tickNow();
    const w4Job = ctx.state.w4Jobs[rc.params.id];
    if (w4Job && w4Job.connectionId === connection.id)
      return json(w4JobView(w4Job, rc.apiBaseUrl, t));
    const job = findJob(ctx.state, connection, rc.params.id, t);
    if (!job) throw errors.notFound(`could not find job with id ${rc.params.id}`);
    return json(jobView(job, rc.apiBaseUrl, t));
  });
}
