import { randomUUID } from "node:crypto";
import { z } from "zod";
import { requireToken } from "../auth";
import {
  benefitJobsOf,
  createBenefitJob,
  manualJobBody,
  manualJobStatusAt,
  visibleBenefits,
  visibleEnrollment,
  writableBenefit,
} from "../benefit-jobs";
import type { EmulatorContext, RequestContext } from "../context";
import { SUPPORTED_BENEFITS } from "../data/benefits";
import type { CompanyBenefit } from "../data/types";
import { errors, FinchError, json, parseWith, queryList, readJsonBody, type Router } from "../http";
import { dataAccessAt } from "../lifecycle";
import { benefitSupportFor, type BenefitSupport } from "../providers";
import type { BenefitJobRecord, ConnectionRecord } from "../records";
import { authorizeProduct, openData, withFreshness, type DataGrant } from "./data-access";

const BENEFIT_TYPES = [
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
const FREQUENCIES = ["one_time", "every_paycheck", "monthly"] as const;

const tierSchema = z.object({
  match: z.number().int().min(0).max(10_000),
  threshold: z.number().int().min(0).max(10_000),
});

const createSchema = z.object({
  type: z.enum(BENEFIT_TYPES),
  description: z.string().trim().min(1).max(200),
  frequency: z.enum(FREQUENCIES),
  company_contribution: z
    .object({ type: z.literal("match"), tiers: z.array(tierSchema).min(1) })
    .nullish(),
});

const registerSchema = createSchema.omit({ company_contribution: true });

const updateSchema = z.object({ description: z.string().trim().min(1).max(200) });

const amountSchema = z.number().int().min(0);
const contributionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("fixed"), amount: amountSchema }),
  z.object({ type: z.literal("percent"), amount: amountSchema.max(10_000) }),
  z.object({ type: z.literal("tiered"), tiers: z.array(tierSchema).min(1) }),
]);

const enrollSchema = z
  .array(
    z.object({
      individual_id: z.string().min(1),
      configuration: z.object({
        employee_deduction: z
          .object({ type: z.enum(["fixed", "percent"]), amount: amountSchema.max(100_000_000) })
          .refine((d) => d.type !== "percent" || d.amount <= 10_000, {
            message: "a percent is in basis points, at most 10000",
          })
          .optional(),
        company_contribution: contributionSchema.optional(),
        annual_maximum: z.number().int().min(0).nullish(),
        catch_up: z.boolean().optional(),
        annual_contribution_limit: z.enum(["individual", "family"]).optional(),
        effective_date: z.iso.date().optional(),
      }),
    }),
  )
  .min(1)
  .max(1_000);

const unenrollSchema = z.object({
  individual_ids: z.array(z.string().min(1)).min(1).max(1_000),
});

export function manualJobUrl(apiBaseUrl: string, jobId: string): string {
  return `${apiBaseUrl}/jobs/manual/${jobId}`;
}

function notFoundItem(finchCode: string, message: string) {
  return { code: 404, name: "not_found_error", finch_code: finchCode, message };
}

function benefitNotFound(id: string): FinchError {
  return errors.notFound(`No benefit with id '${id}'`, "benefit_not_found");
}

/** Writes need a live connection whose deductions are set up: Finch cannot write before that. */
function authorizeWrite(ctx: EmulatorContext, rc: RequestContext): DataGrant {
  const grant = authorizeProduct(ctx, rc, "benefits");
  const t = ctx.tickNow();
  const access = dataAccessAt(grant.connection, "deductions", t);
  if (access.kind === "pending") {
    throw errors.badRequest(
      "The connection's deductions are still being set up; writes are accepted once it is connected",
    );
  }
  const data = openData(ctx, grant, "benefits");
  if (data instanceof Response) throw errors.badRequest("The connection is not ready for writes");
  return data;
}

/** `benefits_support` from `/providers`, enforced: 422 for a type or operation it does not list. */
function requireSupport(
  connection: ConnectionRecord,
  type: string,
  scope: "company_benefits" | "individual_benefits",
  operation: "create" | "update" | "delete",
): BenefitSupport {
  const support = benefitSupportFor(connection.providerId, connection.authMethod, type);
  if (!support) {
    throw errors.unprocessable(
      `Benefit type '${type}' is not supported for ${connection.providerId} (${connection.authMethod})`,
      "unsupported_benefit_type",
    );
  }
  const value = support.supported_operations[scope][operation];
  if (value !== "supported") {
    throw errors.unprocessable(
      `${scope}.${operation} for '${type}' is ${value} on ${connection.providerId} (${connection.authMethod})`,
      "unsupported_operation",
    );
  }
  return support;
}

function jobAnswer(job: BenefitJobRecord, extra: Record<string, unknown> = {}) {
  return { ...extra, job_id: job.id };
}

function registerReadRoutes(router: Router<RequestContext>, ctx: EmulatorContext): void {
  const serve = (rc: RequestContext, respond: (data: DataGrant) => unknown): Response => {
    const grant = authorizeProduct(ctx, rc, "benefits");
    const data = openData(ctx, grant, "benefits");
    if (data instanceof Response) return data;
    return withFreshness(ctx, data, json(respond(data)));
  };
  // Finch documents 207 Multi-Status where each item carries its own code; a 202 or error stays as is.
  const serveMultiStatus = (rc: RequestContext, respond: (data: DataGrant) => unknown) => {
    const response = serve(rc, respond);
    if (response.status !== 200) return response;
    return new Response(response.body, { status: 207, headers: response.headers });
  };
  const benefitOf = (data: DataGrant, id: string): CompanyBenefit => {
    const benefit = visibleBenefits(ctx.state, data.connection, data.dataset, data.t).find(
      (b) => b.benefit_id === id,
    );
    if (!benefit) throw benefitNotFound(id);
    return benefit;
  };

  router.add("GET", "/employer/benefits", (rc) =>
    serve(rc, (data) => visibleBenefits(ctx.state, data.connection, data.dataset, data.t)),
  );

  router.add("GET", "/employer/benefits/meta", (rc) => serve(rc, () => SUPPORTED_BENEFITS));

  router.add("GET", "/employer/benefits/:id", (rc) =>
    serve(rc, (data) => benefitOf(data, rc.params.id)),
  );

  router.add("GET", "/employer/benefits/:id/enrolled", (rc) =>
    serve(rc, (data) => {
      const benefit = benefitOf(data, rc.params.id);
      const enrolled = data.dataset.people.filter((p) =>
        visibleEnrollment(ctx.state, data.connection, data.dataset, p, benefit, data.t),
      );
      return { benefit_id: benefit.benefit_id, individual_ids: enrolled.map((p) => p.id) };
    }),
  );

  router.add("GET", "/employer/benefits/:id/individuals", (rc) =>
    serveMultiStatus(rc, (data) => {
      const benefit = benefitOf(data, rc.params.id);
      const enrollmentOf = (id: string) => {
        const person = data.dataset.byId.get(id);
        return person
          ? visibleEnrollment(ctx.state, data.connection, data.dataset, person, benefit, data.t)
          : null;
      };
      const requested = queryList(rc.url, "individual_ids");
      const ids =
        requested.length > 0
          ? requested
          : data.dataset.people.filter((p) => enrollmentOf(p.id)).map((p) => p.id);
      return ids.map((individual_id) => {
        if (!data.dataset.byId.get(individual_id)) {
          return {
            individual_id,
            code: 404,
            body: notFoundItem("individual_not_found", `No individual with id '${individual_id}'`),
          };
        }
        const enrollment = enrollmentOf(individual_id);
        return enrollment
          ? { individual_id, code: 200, body: enrollment }
          : {
              individual_id,
              code: 404,
              body: {
                code: 404,
                name: "bad_request",
                finch_code: "enrollment_not_found",
                message: "The individual is not enrolled in this benefit",
              },
            };
      });
    }),
  );
}

function registerWriteRoutes(router: Router<RequestContext>, ctx: EmulatorContext): void {
  router.add("POST", "/employer/benefits", async (rc) => {
    const data = authorizeWrite(ctx, rc);
    const body = parseWith(createSchema, (await readJsonBody(rc.request)) ?? {});
    const support = requireSupport(data.connection, body.type, "company_benefits", "create");
    if (!support.supported_features.frequencies.includes(body.frequency)) {
      throw errors.unprocessable(`frequency '${body.frequency}' is not supported for ${body.type}`);
    }
    if (body.company_contribution && !support.supported_features.company_contribution.length) {
      throw errors.unprocessable(`${body.type} takes no company contribution on this provider`);
    }
    const job = createBenefitJob(
      ctx.state,
      data.connection,
      {
        kind: "benefit_create",
        benefitId: randomUUID(),
        benefit: {
          type: body.type as CompanyBenefit["type"],
          description: body.description,
          frequency: body.frequency,
          company_contribution: body.company_contribution ?? null,
        },
      },
      data.t,
    );
    ctx.store.changed();
    return json(jobAnswer(job, { benefit_id: job.benefitId }), 201);
  });

  router.add("POST", "/employer/benefits/register", async (rc) => {
    const data = authorizeWrite(ctx, rc);
    if (data.connection.authMethod !== "assisted") {
      throw errors.badRequest("Requested adapter is not assisted benefits");
    }
    const body = parseWith(registerSchema, (await readJsonBody(rc.request)) ?? {});
    const support = requireSupport(data.connection, body.type, "company_benefits", "create");
    if (!support.supported_features.frequencies.includes(body.frequency)) {
      throw errors.unprocessable(`frequency '${body.frequency}' is not supported for ${body.type}`);
    }
    const job = createBenefitJob(
      ctx.state,
      data.connection,
      {
        kind: "benefit_register",
        benefitId: randomUUID(),
        benefit: {
          type: body.type as CompanyBenefit["type"],
          description: body.description,
          frequency: body.frequency,
          company_contribution: null,
        },
      },
      data.t,
    );
    ctx.store.changed();
    return json(jobAnswer(job, { benefit_id: job.benefitId }), 201);
  });

  router.add("POST", "/employer/benefits/:id", async (rc) => {
    const data = authorizeWrite(ctx, rc);
    const benefit = writableBenefit(ctx.state, data.connection, data.dataset, rc.params.id);
    if (!benefit) throw benefitNotFound(rc.params.id);
    const body = parseWith(updateSchema, (await readJsonBody(rc.request)) ?? {});
    requireSupport(data.connection, benefit.type, "company_benefits", "update");
    const job = createBenefitJob(
      ctx.state,
      data.connection,
      { kind: "benefit_update", benefitId: rc.params.id, description: body.description },
      data.t,
    );
    ctx.store.changed();
    return json(jobAnswer(job, { benefit_id: job.benefitId }));
  });

  router.add("POST", "/employer/benefits/:id/individuals", async (rc) => {
    const data = authorizeWrite(ctx, rc);
    const benefit = writableBenefit(ctx.state, data.connection, data.dataset, rc.params.id);
    if (!benefit) throw benefitNotFound(rc.params.id);
    const body = parseWith(enrollSchema, await readJsonBody(rc.request));
    const support = requireSupport(data.connection, benefit.type, "individual_benefits", "create");
    const features = support.supported_features;
    for (const [i, item] of body.entries()) {
      const { employee_deduction: deduction, company_contribution: contribution } =
        item.configuration;
      if (deduction && !features.employee_deduction.includes(deduction.type)) {
        throw errors.unprocessable(
          `${i}.configuration.employee_deduction.type: '${deduction.type}' is not supported for ${benefit.type}`,
        );
      }
      if (contribution && !features.company_contribution.includes(contribution.type)) {
        throw errors.unprocessable(
          `${i}.configuration.company_contribution.type: '${contribution.type}' is not supported for ${benefit.type}`,
        );
      }
    }
    const unknown = body.filter((item) => !data.dataset.byId.has(item.individual_id));
    if (unknown.length > 0) {
      throw errors.notFound(
        `Individual not found for benefit: ${unknown.map((u) => u.individual_id).join(", ")}`,
        "individual_not_found",
      );
    }
    const job = createBenefitJob(
      ctx.state,
      data.connection,
      { kind: "benefit_enroll", benefitId: rc.params.id, enrollments: body },
      data.t,
    );
    ctx.store.changed();
    return json(jobAnswer(job));
  });

  router.add("DELETE", "/employer/benefits/:id/individuals", async (rc) => {
    const data = authorizeWrite(ctx, rc);
    const benefit = writableBenefit(ctx.state, data.connection, data.dataset, rc.params.id);
    if (!benefit) throw benefitNotFound(rc.params.id);
    const body = parseWith(unenrollSchema, (await readJsonBody(rc.request)) ?? {});
    requireSupport(data.connection, benefit.type, "individual_benefits", "delete");
    const unknown = body.individual_ids.filter((id) => !data.dataset.byId.has(id));
    if (unknown.length > 0) {
      throw errors.notFound(
        `Individual not found for benefit: ${unknown.join(", ")}`,
        "individual_not_found",
      );
    }
    const job = createBenefitJob(
      ctx.state,
      data.connection,
      { kind: "benefit_unenroll", benefitId: rc.params.id, individualIds: body.individual_ids },
      data.t,
    );
    ctx.store.changed();
    return json(jobAnswer(job));
  });

  router.add("GET", "/jobs/manual/:id", (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const t = ctx.tickNow();
    const job = ctx.state.benefitJobs[rc.params.id];
    if (!job || job.connectionId !== connection.id) {
      throw errors.notFound(`could not find job with id '${rc.params.id}'`);
    }
    return json({
      job_id: job.id,
      status: manualJobStatusAt(job, t),
      body: manualJobBody(job, t),
    });
  });
}

export function registerBenefitRoutes(router: Router<RequestContext>, ctx: EmulatorContext): void {
  registerReadRoutes(router, ctx);
  registerWriteRoutes(router, ctx);
}

/** `job.benefit_*.completed` webhooks for writes that ended in (from, to]. */
export function benefitJobEvents(
  ctx: EmulatorContext,
  connection: ConnectionRecord,
  from: number,
  to: number,
  /** The connection's benefit jobs, when the caller has them grouped already. */
  jobs: BenefitJobRecord[] = benefitJobsOf(ctx.state, connection.id),
): { at: number; eventType: string; data: unknown }[] {
  return jobs
    .filter((job) => job.completedAt > from && job.completedAt <= to)
    .map((job) => ({
      at: job.completedAt,
      eventType: `job.${job.kind}.completed`,
      data: { job_id: job.id, job_url: manualJobUrl(connection.apiBaseUrl, job.id) },
    }));
}
