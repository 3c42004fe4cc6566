import { z } from "zod";
import { requireToken } from "../auth";
import { disconnect } from "../connections";
import { isoAt, type EmulatorContext, type RequestContext } from "../context";
import { errors, json, parseWith, readJsonBody, type Router } from "../http";
import { refreshJobsOf } from "../jobs";
import { lastSuccessfulRefresh, lifecycleAt, STATUS_MESSAGES } from "../lifecycle";
import { groupsOf } from "../products";
import { PROVIDERS, providerResource } from "../providers";
import type { ConnectionRecord } from "../records";

const disconnectEntitySchema = z.object({ entity_ids: z.array(z.string().min(1)).min(1) });

function lastSuccessfulSync(
  ctx: EmulatorContext,
  connection: ConnectionRecord,
  t: number,
): string | null {
  const jobs = refreshJobsOf(ctx.state, connection.id);
  const times = groupsOf(connection.products)
    .map((group) => lastSuccessfulRefresh(connection, jobs, group, t)?.at)
    .filter((at): at is number => at !== undefined);
  return times.length > 0 ? isoAt(Math.max(...times)) : null;
}

export function registerAccountRoutes(router: Router<RequestContext>, ctx: EmulatorContext): void {
  router.add("GET", "/introspect", (rc) => {
    const { token, connection } = requireToken(ctx, rc.request);
    const t = ctx.tickNow();
    const { status } = lifecycleAt(connection, t);
    const connectionStatus = {
      status,
      message: STATUS_MESSAGES[status],
      last_successful_sync: lastSuccessfulSync(ctx, connection, t),
    };
    const legalName = ctx.datasets.at(connection, connection.createdAt).company.legal_name;
    return json({
      id: token.id,
      client_id: ctx.clientId,
      client_type: connection.clientType,
      connection_id: connection.id,
      connection_type: connection.connectionType,
      connection_status: connectionStatus,
      products: token.products,
      provider_id: connection.providerId,
      payroll_provider_id: connection.providerId,
      company_id: connection.companyId,
      account_id: token.accountId,
      customer_id: connection.customerId,
      customer_name: connection.customerName,
      customer_email: connection.customerEmail,
      username: connection.username,
      manual: connection.authMethod === "assisted",
      authentication_methods: [
        {
          type: connection.authMethod,
          connection_status: connectionStatus,
          products: token.products,
        },
      ],
      entities: [{ id: connection.entityId, name: legalName, source_id: null, status }],
    });
  });

  router.add("POST", "/disconnect", (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    disconnect(ctx, connection, ctx.tickNow());
    return json({ status: "success" });
  });

  router.add("POST", "/disconnect-entity", async (rc) => {
    const { connection } = requireToken(ctx, rc.request);
    const body = parseWith(disconnectEntitySchema, await readJsonBody(rc.request));
    const unknown = body.entity_ids.filter((id) => id !== connection.entityId);
    if (unknown.length > 0)
      throw errors.badRequest(`entity_ids: unknown entity ${unknown.join(", ")}`);
    // A single-entity connection loses its only entity, which disconnects it.
    disconnect(ctx, connection, ctx.tickNow());
    return json({ status: "success" });
  });

  router.add("GET", "/providers", (rc) => {
    const assetBase = `${rc.apiBaseUrl}/_emulator/assets`;
    return json(PROVIDERS.map((provider) => providerResource(provider, assetBase)));
  });
}
