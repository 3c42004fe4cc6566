import { z } from "zod";
import { requireToken } from "../auth";
import { changeStatusAt, disconnect } from "../connections";
import { introspectEntities, liveEntityIds, pushEntityStatus } from "../entities";
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
      entities: introspectEntities(connection, t, legalName),
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
    const t = ctx.tickNow();
    const live = liveEntityIds(connection, t);
    const unknown = body.entity_ids.filter((id) => !live.includes(id));
    if (unknown.length > 0)
      throw errors.badRequest(
        `entity_ids: unknown or already disconnected entity ${unknown.join(", ")}`,
      );
    // Losing its last entity disconnects the connection (and revokes its tokens); otherwise the
    // token stays valid for the remaining entities.
    if (live.every((id) => body.entity_ids.includes(id))) disconnect(ctx, connection, t);
    else
      changeStatusAt(ctx, connection, t, (c) =>
        pushEntityStatus(c, { at: t, status: "disconnected" }, t, body.entity_ids),
      );
    return json({ status: "success" });
  });

  router.add("GET", "/providers", (rc) => {
    const assetBase = `${rc.apiBaseUrl}/_emulator/assets`;
    return json(PROVIDERS.map((provider) => providerResource(provider, assetBase)));
  });
}
