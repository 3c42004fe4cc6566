import { randomUUID } from "node:crypto";
import { z } from "zod";
import { requireClient, requireToken } from "../auth";
import { createConnection, forceStatus, issueToken, takeScenario } from "../connections";
import { isoAt, type EmulatorContext, type RequestContext } from "../context";
import { isValidDate, type Dataset } from "../data/dataset";
import { addBusinessDays, dayOf, formatDay, parseDay } from "../data/dates";
import { employmentBody, individualBody } from "../data/views";
import { errors, FinchError, json, parseWith, readJsonBody, type Router } from "../http";
import { createJob, jobUrl, quotaAt, runningJob, type Quota } from "../jobs";
import { DEFAULT_SANDBOX_PRODUCTS, productListSchema } from "../products";
import { findProvider } from "../providers";
import {
  AUTH_METHODS,
  CONNECTION_STATUSES,
  type ConnectionRecord,
  type SandboxEdit,
  type TokenRecord,
} from "../records";

const nullableString = z.string().nullable();
const locationSchema = z
  .object({
    line1: nullableString.optional(),
    line2: nullableString.optional(),
    city: nullableString.optional(),
    state: nullableString.optional(),
    postal_code: nullableString.optional(),
    country: nullableString.optional(),
    name: nullableString.optional(),
    source_id: nullableString.optional(),
  })
  .nullable();

const createConnectionSchema = z.object({
  provider_id: z.string().min(1),
  authentication_type: z.enum(AUTH_METHODS).optional(),
  employee_size: z.number().int().min(1).max(5000).optional(),
  products: productListSchema.optional(),
});

const createAccountSchema = z.object({
  company_id: z.string().min(1),
  provider_id: z.string().min(1),
  authentication_type: z.enum(AUTH_METHODS).optional(),
  products: productListSchema.optional(),
});

const updateAccountSchema = z
  .object({ connection_status: z.enum(CONNECTION_STATUSES).optional() })
  .nullish();

const companySchema = z.object({
  legal_name: nullableString,
  entity: z
    .object({
      type: z
        .enum([
          "llc",
          "lp",
          "corporation",
          "sole_proprietor",
          "non_profit",
          "partnership",
          "cooperative",
        ])
        .nullish(),
      subtype: z.enum(["s_corporation", "c_corporation", "b_corporation"]).nullish(),
    })
    .nullable(),
  ein: nullableString,
  primary_email: nullableString,
  primary_phone_number: nullableString,
  departments: z
    .array(
      z
        .object({
          name: nullableString.optional(),
          parent: z.object({ name: nullableString.optional() }).nullish(),
        })
        .nullable(),
    )
    .nullable(),
  locations: z.array(locationSchema).nullable(),
  accounts: z
    .array(
      z.object({
        account_name: nullableString.optional(),
        account_number: nullableString.optional(),
        account_type: z.enum(["checking", "savings"]).nullish(),
        institution_name: nullableString.optional(),
        routing_number: nullableString.optional(),
      }),
    )
    .nullable(),
});

const personFieldsSchema = z.record(z.string(), z.unknown());

const paymentSchema = z
  .object({
    start_date: z
      .string()
      .refine(isValidDate, { message: "must be a date formatted YYYY-MM-DD" })
      .optional(),
    end_date: z
      .string()
      .refine(isValidDate, { message: "must be a date formatted YYYY-MM-DD" })
      .optional(),
    pay_statements: z.array(z.looseObject({ individual_id: z.string().min(1) })).optional(),
  })
  .nullish();

const jobSchema = z.object({ type: z.literal("data_sync_all") });
const jobConfigurationSchema = z.object({
  type: z.literal("data_sync_all"),
  completion_status: z.enum(["complete", "reauth_error", "permissions_error", "error"]),
});

function accountResponse(connection: ConnectionRecord, token: TokenRecord) {
  return {
    connection_id: connection.id,
    entity_id: connection.entityId,
    account_id: token.accountId,
    company_id: connection.companyId,
    provider_id: connection.providerId,
    authentication_type: connection.authMethod,
    products: token.products,
  };
}

/** Days in a sandbox pay period when a date is not given, per Finch's docs (business days). */
const SANDBOX_PERIOD_BUSINESS_DAYS = 14;

/**
 * Finch's documented defaults: the period starts one business day after the end of the latest
 * payment and ends 14 business days later. With one date given, the other is 14 business days away.
 */
function sandboxPayPeriod(
  live: Dataset,
  body: { start_date?: string; end_date?: string },
  today: number,
): { startDate: string; endDate: string } {
  const day = (date: string) => parseDay(date) as number;
  if (body.start_date && body.end_date)
    return { startDate: body.start_date, endDate: body.end_date };
  if (body.start_date) {
    return {
      startDate: body.start_date,
      endDate: formatDay(addBusinessDays(day(body.start_date), SANDBOX_PERIOD_BUSINESS_DAYS)),
    };
  }
  if (body.end_date) {
    return {
      startDate: formatDay(addBusinessDays(day(body.end_date), -SANDBOX_PERIOD_BUSINESS_DAYS)),
      endDate: body.end_date,
    };
  }
  const lastEnd = live
    .payments()
    .reduce<string | null>(
      (latest, p) =>
        latest === null || p.payment.pay_period.end_date > latest
          ? p.payment.pay_period.end_date
          : latest,
      null,
    );
  const start = addBusinessDays(lastEnd === null ? today : day(lastEnd), 1);
  return {
    startDate: formatDay(start),
    endDate: formatDay(addBusinessDays(start, SANDBOX_PERIOD_BUSINESS_DAYS)),
  };
}

function sandboxQuotaExceeded(quota: Quota): FinchError {
  return new FinchError(
    429,
    "rate_limit_exceeded_error",
    "The sandbox data_sync_all quota for this connection is used up",
    "finch_application_rl",
    {},
    { allowed_refreshes: quota.allowed, remaining_refreshes: 0, retry_at: isoAt(quota.retryAt) },
  );
}

function recordEdit(ctx: EmulatorContext, connection: ConnectionRecord, edit: SandboxEdit): void {
  connection.edits.push(edit);
  ctx.store.changed();
}

export function registerSandboxRoutes(router: Router<RequestContext>, ctx: EmulatorContext): void {
  router.add("POST", "/sandbox/connections", async (rc) => {
    requireClient(ctx, rc.request);
    const body = parseWith(createConnectionSchema, await readJsonBody(rc.request));
    const provider = findProvider(body.provider_id);
    if (!provider) throw errors.badRequest(`provider_id: unknown provider '${body.provider_id}'`);
    const t = ctx.tickNow();
    const authMethod = body.authentication_type ?? provider.methods[0];
    const products = body.products ?? DEFAULT_SANDBOX_PRODUCTS;
    const connection = createConnection(
      ctx,
      {
        providerId: provider.id,
        authMethod,
        products,
        customerId: null,
        customerName: null,
        customerEmail: null,
        clientType: "sandbox",
        connectionType: "finch",
        username: authMethod === "credential" ? "good_user" : null,
        employeeCount: body.employee_size ?? 20,
        scenario: authMethod === "assisted" ? takeScenario(ctx) : "success",
        apiBaseUrl: rc.apiBaseUrl,
      },
      t,
    );
    const { raw, record } = issueToken(ctx, connection, products, t);
    return json({
      access_token: raw,
      token_type: "bearer",
      ...accountResponse(connection, record),
    });
  });

  router.add("POST", "/sandbox/connections/accounts", async (rc) => {
    requireClient(ctx, rc.request);
    const body = parseWith(createAccountSchema, await readJsonBody(rc.request));
    const sameCompany = Object.values(ctx.state.connections).filter(
      (c) => c.companyId === body.company_id,
    );
    if (sameCompany.length === 0)
      throw errors.notFound(`No sandbox company with id '${body.company_id}'`);
    const connection = sameCompany.find((c) => c.providerId === body.provider_id);
    if (!connection)
      throw errors.badRequest(
        `Company '${body.company_id}' has no connection to provider '${body.provider_id}'`,
      );
    const t = ctx.tickNow();
    const { raw, record } = issueToken(
      ctx,
      connection,
      body.products ?? DEFAULT_SANDBOX_PRODUCTS,
      t,
    );
    record.accountId = randomUUID();
    return json({ access_token: raw, ...accountResponse(connection, record) });
  });

  router.add("PUT", "/sandbox/connections/accounts", async (rc) => {
    const { connection, token } = requireToken(ctx, rc.request);
    const body = parseWith(updateAccountSchema, await readJsonBody(rc.request));
    if (body?.connection_status)
      forceStatus(ctx, connection, body.connection_status, ctx.tickNow());
    return json(accountResponse(connection, token));
  });

  router.add("PUT", "/sandbox/company", async (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const company = parseWith(companySchema, await readJsonBody(rc.request));
    recordEdit(ctx, connection, { at: ctx.tickNow(), kind: "company", company });
    return json(company);
  });

  router.add("POST", "/sandbox/directory", async (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const entries = parseWith(
      z.array(personFieldsSchema).max(1000),
      (await readJsonBody(rc.request)) ?? [],
    );
    const t = ctx.tickNow();
    const ids = entries.map((fields) => {
      const individualId = randomUUID();
      connection.edits.push({ at: t, kind: "hire", individualId, fields });
      return individualId;
    });
    ctx.store.changed();
    const live = ctx.datasets.at(connection, t);
    return json(
      ids.map((id) => {
        const person = live.byId.get(id)!;
        return {
          ...individualBody(person, true),
          ...employmentBody(person, connection.authMethod === "assisted"),
        };
      }),
    );
  });

  router.add("PUT", "/sandbox/individual/:id", async (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const patch = parseWith(personFieldsSchema, (await readJsonBody(rc.request)) ?? {});
    const t = ctx.tickNow();
    if (!ctx.datasets.at(connection, t).byId.has(rc.params.id)) {
      throw errors.notFound(`No individual with id '${rc.params.id}'`, "individual_not_found");
    }
    recordEdit(ctx, connection, { at: t, kind: "individual", individualId: rc.params.id, patch });
    return json(individualBody(ctx.datasets.at(connection, t).byId.get(rc.params.id)!, true));
  });

  router.add("PUT", "/sandbox/employment/:id", async (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const patch = parseWith(personFieldsSchema, (await readJsonBody(rc.request)) ?? {});
    const t = ctx.tickNow();
    if (!ctx.datasets.at(connection, t).byId.has(rc.params.id)) {
      throw errors.notFound(`No individual with id '${rc.params.id}'`, "individual_not_found");
    }
    recordEdit(ctx, connection, { at: t, kind: "employment", individualId: rc.params.id, patch });
    return json(
      employmentBody(
        ctx.datasets.at(connection, t).byId.get(rc.params.id)!,
        connection.authMethod === "assisted",
      ),
    );
  });

  router.add("POST", "/sandbox/payment", async (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const body = parseWith(paymentSchema, await readJsonBody(rc.request)) ?? {};
    const t = ctx.tickNow();
    const live = ctx.datasets.at(connection, t);
    const unknown = (body.pay_statements ?? []).filter((s) => !live.byId.has(s.individual_id));
    if (unknown.length > 0) {
      throw errors.badRequest(
        `pay_statements: unknown individual_id ${unknown.map((s) => s.individual_id).join(", ")}`,
      );
    }
    const { startDate, endDate } = sandboxPayPeriod(live, body, dayOf(t));
    if (startDate > endDate) throw errors.badRequest("start_date must not be after end_date");
    // Finch's documented default: paid on the period's last day.
    const payDate = endDate;
    const paymentId = randomUUID();
    recordEdit(ctx, connection, {
      at: t,
      kind: "payment",
      paymentId,
      payDate,
      startDate,
      endDate,
      statements: body.pay_statements ?? null,
    });
    return json({ payment_id: paymentId, pay_date: payDate });
  });

  router.add("POST", "/sandbox/jobs", async (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    parseWith(jobSchema, await readJsonBody(rc.request));
    const t = ctx.tickNow();
    const quota = quotaAt(ctx.state, connection.id, "sandbox", t);
    if (connection.authMethod === "assisted") {
      // Finch creates no job for an assisted sandbox connection, yet the edits are synced at once.
      if (quota.remaining === 0) throw sandboxQuotaExceeded(quota);
      const id = randomUUID();
      ctx.state.jobs[id] = {
        id,
        connectionId: connection.id,
        source: "sandbox",
        createdAt: t,
        startedAt: t + 1,
        completedAt: t + 1,
        completion: "complete",
        silent: true,
      };
      ctx.store.changed();
      return json({
        job_id: null,
        job_url: null,
        allowed_refreshes: quota.allowed,
        remaining_refreshes: quota.remaining - 1,
      });
    }
    const running = runningJob(ctx.state, connection.id, t);
    if (running) {
      return json({
        job_id: running.id,
        job_url: jobUrl(rc.apiBaseUrl, running.id),
        allowed_refreshes: quota.allowed,
        remaining_refreshes: quota.remaining,
      });
    }
    if (quota.remaining === 0) throw sandboxQuotaExceeded(quota);
    const job = createJob(ctx.state, connection, "sandbox", t);
    ctx.store.changed();
    return json({
      job_id: job.id,
      job_url: jobUrl(rc.apiBaseUrl, job.id),
      allowed_refreshes: quota.allowed,
      remaining_refreshes: quota.remaining - 1,
    });
  });

  router.add("GET", "/sandbox/jobs/configuration", (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    return json([{ type: "data_sync_all", completion_status: connection.sandboxJobCompletion }]);
  });

  router.add("PUT", "/sandbox/jobs/configuration", async (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const body = parseWith(jobConfigurationSchema, await readJsonBody(rc.request));
    connection.sandboxJobCompletion = body.completion_status;
    ctx.store.changed();
    return json(body);
  });
}
