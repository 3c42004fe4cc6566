import { z } from "zod";
import { requireToken } from "../auth";
import type { EmulatorContext, RequestContext } from "../context";
import type { Dataset } from "../data/dataset";
import { errors, json, parseWith, readJsonBody, type Router } from "../http";
import { refuseIfBlocked } from "./data-access";

const forwardSchema = z.object({
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(["GET", "POST", "PUT", "DELETE", "PATCH"])),
  route: z.string().startsWith("/", { message: "must be a path starting with '/'" }),
  data: z.string().nullish(),
  params: z.record(z.string(), z.unknown()).nullish(),
  request_headers: z.record(z.string(), z.unknown()).nullish(),
});

interface ProviderAnswer {
  statusCode: number;
  body: unknown;
}

/**
 * The emulated provider behind `/forward`: a read-only API with `GET /employees` and
 * `GET /company`, drawn from the employer's current data. Anything else is the provider's 404 or 405.
 */
function providerAnswer(dataset: Dataset, method: string, route: string): ProviderAnswer {
  const path = route.split("?")[0].replace(/\/+$/, "");
  const known = path === "/employees" || path === "/company";
  if (!known) return { statusCode: 404, body: { error: "Not Found", path } };
  if (method !== "GET") return { statusCode: 405, body: { error: "Method Not Allowed" } };
  if (path === "/company") {
    return {
      statusCode: 200,
      body: { companyName: dataset.company.legal_name, ein: dataset.company.ein },
    };
  }
  return {
    statusCode: 200,
    body: {
      employees: dataset.people.map((p) => ({
        id: p.employment.source_id ?? p.id,
        firstName: p.individual.first_name,
        lastName: p.individual.last_name,
        status: p.employment.is_active ? "Active" : "Inactive",
      })),
    },
  };
}

export function registerForwardRoutes(router: Router<RequestContext>, ctx: EmulatorContext): void {
  router.add("POST", "/forward", async (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const body = parseWith(forwardSchema, (await readJsonBody(rc.request)) ?? {});
    if (connection.authMethod === "assisted") {
      throw errors.badRequest("Request forwarding is not available for Assisted connections");
    }
    const t = ctx.tickNow();
    refuseIfBlocked(connection, t);
    const answer = providerAnswer(ctx.datasets.at(connection, t), body.method, body.route);
    return json({
      request: {
        method: body.method,
        route: body.route,
        headers: body.request_headers ?? null,
        params: body.params ?? null,
        data: body.data ?? null,
      },
      statusCode: answer.statusCode,
      headers: { "content-type": "application/json", date: new Date(t).toUTCString() },
      data: JSON.stringify(answer.body),
    });
  });
}
