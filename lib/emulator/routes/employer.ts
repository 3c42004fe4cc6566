import { z } from "zod";
import type { EmulatorContext, RequestContext } from "../context";
import { isValidDate } from "../data/dataset";
import { directoryEntry, employmentBody, individualBody } from "../data/views";
import { errors, json, parseWith, queryList, readJsonBody, type Router } from "../http";
import { refreshJobsOf } from "../jobs";
import { lastSuccessfulRefresh, MINUTE_MS } from "../lifecycle";
import { dataSubject } from "../entities";
import { grants, type Product } from "../products";
import { authorizeProduct, openData, withFreshness, type DataGrant } from "./data-access";

/** After a scheduled sync picks up a new pay run, its statements are still being fetched for this long. */
export const PAY_STATEMENT_FETCH_MS = 15 * MINUTE_MS;

const dateSchema = z
  .string()
  .refine(isValidDate, { message: "must be a date formatted YYYY-MM-DD" });

const directoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const individualRequestSchema = z.object({
  requests: z.array(z.object({ individual_id: z.string().min(1) })).max(10_000),
  options: z.object({ include: z.array(z.string()).optional() }).nullish(),
});

const employmentRequestSchema = z.object({
  requests: z.array(z.object({ individual_id: z.string().min(1) })).max(10_000),
});

const payStatementRequestSchema = z.object({
  requests: z
    .array(
      z.object({
        payment_id: z.string().min(1),
        limit: z.number().int().min(1).max(5000).optional(),
        offset: z.number().int().min(0).optional(),
      }),
    )
    .min(1)
    .max(10),
});

const paymentQuerySchema = z
  .object({ start_date: dateSchema, end_date: dateSchema })
  .refine((q) => q.start_date <= q.end_date, {
    message: "start_date must not be after end_date",
    path: ["start_date"],
  });

function notFoundItem(finchCode: string, message: string) {
  return { code: 404, name: "not_found_error", finch_code: finchCode, message };
}

/** Runs `respond` on the product's data, or returns Finch's 202 / error answer instead. */
function serveData(
  ctx: EmulatorContext,
  rc: RequestContext,
  product: Product,
  respond: (data: DataGrant) => unknown,
): Response {
  const grant = authorizeProduct(ctx, rc, product);
  const data = openData(ctx, grant, product);
  if (data instanceof Response) return data;
  return withFreshness(ctx, data, json(respond(data)));
}

/** Whether a payment's statements are still being fetched: new in the latest scheduled sync, moments ago. */
function statementsSyncing(ctx: EmulatorContext, data: DataGrant, paymentId: string): boolean {
  const { refresh, connection, entity, t } = data;
  if (refresh.source !== "scheduled" || t - refresh.at >= PAY_STATEMENT_FETCH_MS) return false;
  const previous = lastSuccessfulRefresh(
    connection,
    refreshJobsOf(ctx.state, connection.id),
    "payroll",
    refresh.at - 1,
  );
  if (!previous) return false;
  return !ctx.datasets
    .at(dataSubject(connection, entity), previous.at)
    .payments()
    .some((p) => p.payment.id === paymentId);
}

export function registerEmployerRoutes(router: Router<RequestContext>, ctx: EmulatorContext): void {
  router.add("GET", "/employer/company", (rc) =>
    serveData(ctx, rc, "company", ({ dataset }) => dataset.company),
  );

  router.add("GET", "/employer/directory", (rc) => {
    const query = parseWith(directoryQuerySchema, Object.fromEntries(rc.url.searchParams));
    return serveData(ctx, rc, "directory", ({ dataset }) => {
      const offset = query.offset ?? 0;
      const people = dataset.people;
      const page = people.slice(
        offset,
        query.limit === undefined ? undefined : offset + query.limit,
      );
      return { paging: { count: people.length, offset }, individuals: page.map(directoryEntry) };
    });
  });

  router.add("POST", "/employer/individual", async (rc) => {
    const grant = authorizeProduct(ctx, rc, "individual");
    const body = parseWith(individualRequestSchema, (await readJsonBody(rc.request)) ?? {});
    const includeSsn =
      Boolean(body.options?.include?.includes("ssn")) && grants(grant.token.products, "ssn");
    const data = openData(ctx, grant, "individual");
    if (data instanceof Response) return data;
    const responses = body.requests.map(({ individual_id }) => {
      const person = data.dataset.byId.get(individual_id);
      return person
        ? { individual_id, code: 200, body: individualBody(person, includeSsn) }
        : {
            individual_id,
            code: 404,
            body: notFoundItem("individual_not_found", `No individual with id '${individual_id}'`),
          };
    });
    return withFreshness(ctx, data, json({ responses }));
  });

  router.add("POST", "/employer/employment", async (rc) => {
    const grant = authorizeProduct(ctx, rc, "employment");
    const body = parseWith(employmentRequestSchema, (await readJsonBody(rc.request)) ?? {});
    const data = openData(ctx, grant, "employment");
    if (data instanceof Response) return data;
    const assisted = data.connection.authMethod === "assisted";
    const responses = body.requests.map(({ individual_id }) => {
      const person = data.dataset.byId.get(individual_id);
      return person
        ? { individual_id, code: 200, body: employmentBody(person, assisted) }
        : {
            individual_id,
            code: 404,
            body: notFoundItem("individual_not_found", `No individual with id '${individual_id}'`),
          };
    });
    return withFreshness(ctx, data, json({ responses }));
  });

  router.add("GET", "/employer/payment", (rc) => {
    const grant = authorizeProduct(ctx, rc, "payment");
    const query = parseWith(paymentQuerySchema, {
      start_date: rc.url.searchParams.get("start_date") ?? undefined,
      end_date: rc.url.searchParams.get("end_date") ?? undefined,
    });
    const data = openData(ctx, grant, "payment");
    if (data instanceof Response) return data;
    const payments = data.dataset
      .payments()
      .filter(
        ({ payment }) => payment.pay_date >= query.start_date && payment.pay_date <= query.end_date,
      )
      .map(({ payment }) => payment);
    return withFreshness(ctx, data, json(payments));
  });

  router.add("POST", "/employer/pay-statement", async (rc) => {
    const grant = authorizeProduct(ctx, rc, "pay_statement");
    const body = parseWith(payStatementRequestSchema, (await readJsonBody(rc.request)) ?? {});
    const data = openData(ctx, grant, "pay_statement");
    if (data instanceof Response) return data;
    const byId = new Map(data.dataset.payments().map((p) => [p.payment.id, p]));
    const responses = body.requests.map(({ payment_id, limit = 100, offset = 0 }) => {
      const found = byId.get(payment_id);
      if (!found) {
        return {
          payment_id,
          code: 404,
          body: notFoundItem("payment_not_found", `No payment with id '${payment_id}'`),
        };
      }
      if (statementsSyncing(ctx, data, payment_id)) {
        return {
          payment_id,
          code: 202,
          body: {
            code: 202,
            name: "accepted",
            finch_code: "data_sync_in_progress",
            message:
              "The pay statements for this payment are being fetched. Please check back later.",
          },
        };
      }
      return {
        payment_id,
        code: 200,
        body: {
          paging: { count: found.statements.length, offset },
          pay_statements: found.statements.slice(offset, offset + limit),
        },
      };
    });
    return withFreshness(ctx, data, json({ responses }));
  });

  router.add("GET", "/employer/pay-groups", (rc) =>
    serveData(ctx, rc, "payment", ({ dataset }) => {
      const individualId = rc.url.searchParams.get("individual_id");
      const frequencies = queryList(rc.url, "pay_frequencies");
      const person = individualId ? dataset.byId.get(individualId) : undefined;
      return dataset.payGroups.filter(
        (group) =>
          (!individualId || person?.payGroupId === group.id) &&
          (frequencies.length === 0 || group.pay_frequencies.some((f) => frequencies.includes(f))),
      );
    }),
  );

  router.add("GET", "/employer/pay-groups/:id", (rc) =>
    serveData(ctx, rc, "payment", ({ dataset }) => {
      const group = dataset.payGroups.find((g) => g.id === rc.params.id);
      if (!group) throw errors.notFound(`No pay group with id '${rc.params.id}'`);
      return {
        ...group,
        individual_ids: dataset.people
          .filter((p) => p.payGroupId === group.id && p.employment.is_active)
          .map((p) => p.id),
      };
    }),
  );
}
