/** The emulator's own control surface (not part of Finch), under `<apiBasePath>/_emulator/`. */
import { z } from "zod";
import { parseDuration } from "./clock";
import { forceStatus } from "./connections";
import { isoAt, type EmulatorContext, type RequestContext } from "./context";
import { errors, json, parseWith, readJsonBody, type Router } from "./http";
import { refreshJobsOf } from "./jobs";
import { lastSuccessfulRefresh, lifecycleAt } from "./lifecycle";
import { faultRulesSchema, normalizeRule } from "./faults";
import { groupsOf } from "./products";
import { findProvider, providerIconSvg, providerLogoSvg } from "./providers";
import { CONNECTION_STATUSES, type ConnectionRecord, type DeliveryLogEntry } from "./records";

export interface ClockControl {
  advance(ms: number): Promise<void>;
  set(at: Date): Promise<void>;
  reset(): Promise<void>;
  flushWebhooks(): Promise<void>;
}

const clockBodySchema = z.union([
  z.object({ advance: z.union([z.number(), z.string()]) }),
  z.object({ set: z.iso.datetime({ offset: true }) }),
  z.object({ reset: z.literal(true) }),
]);

const scenarioBodySchema = z.object({
  next: z.enum(["success", "no_account_setup", "wrong_permissions"]).optional(),
  scenario: z.enum(["success", "no_account_setup", "wrong_permissions"]).optional(),
  pending_hours: z.number().min(0).max(24).optional(),
  /** How the next benefit write's `/jobs/manual` job ends. */
  next_benefit_job: z.enum(["complete", "error"]).optional(),
  /** Days the next assisted connection's configuration runs late (Finch past its 1-2 weeks). */
  configuration_delay_days: z.number().int().min(0).max(90).optional(),
});

const statusBodySchema = z.object({
  status: z.enum([...CONNECTION_STATUSES, "disconnected", "resume"]),
});

function deliveryView(entry: DeliveryLogEntry) {
  return {
    event_id: entry.eventId,
    event_type: entry.eventType,
    connection_id: entry.connectionId,
    attempt: entry.attempt,
    at: entry.at,
    outcome: entry.outcome,
    status: entry.status,
    error: entry.error,
  };
}

function connectionSummary(ctx: EmulatorContext, connection: ConnectionRecord, t: number) {
  const state = lifecycleAt(connection, t);
  const jobs = refreshJobsOf(ctx.state, connection.id);
  return {
    connection_id: connection.id,
    provider_id: connection.providerId,
    authentication_type: connection.authMethod,
    connection_type: connection.connectionType,
    client_type: connection.clientType,
    customer_id: connection.customerId,
    customer_name: connection.customerName,
    company_id: connection.companyId,
    products: connection.products,
    created_at: isoAt(connection.createdAt),
    status: state.status,
    permissions_verified_at: state.verifiedAt === null ? null : isoAt(state.verifiedAt),
    employee_count: connection.employeeCount,
    groups: Object.fromEntries(
      groupsOf(connection.products).map((group) => {
        const readyAt = state.readyAt[group];
        const refresh = lastSuccessfulRefresh(connection, jobs, group, t);
        return [
          group,
          {
            ready: readyAt !== undefined && readyAt <= t,
            ready_at: readyAt === undefined ? null : isoAt(readyAt),
            data_retrieved_at: refresh ? isoAt(refresh.at) : null,
          },
        ];
      }),
    ),
  };
}

export function registerControlRoutes(
  router: Router<RequestContext>,
  ctx: EmulatorContext,
  clock: ClockControl,
): void {
  const clockState = () => ({ now: isoAt(ctx.clock.now()), offset_ms: ctx.state.clockOffsetMs });

  router.add("GET", "/_emulator/clock", () => json(clockState()));

  router.add("POST", "/_emulator/clock", async (rc) => {
    const body = parseWith(clockBodySchema, await readJsonBody(rc.request));
    if ("advance" in body) {
      const ms = parseDuration(body.advance);
      if (ms === null || ms < 0)
        throw errors.badRequest(
          "advance: expected a duration such as 90m, 1d, P1D or a number of milliseconds",
        );
      await clock.advance(ms);
    } else if ("set" in body) {
      await clock.set(new Date(body.set));
    } else {
      await clock.reset();
    }
    return json(clockState());
  });

  router.add("GET", "/_emulator/faults", () => json({ rules: ctx.state.faults }));

  router.add("PUT", "/_emulator/faults", async (rc) => {
    const rules = parseWith(faultRulesSchema, await readJsonBody(rc.request));
    ctx.state.faults.splice(0, ctx.state.faults.length, ...rules.map(normalizeRule));
    ctx.store.changed();
    return json({ rules: ctx.state.faults });
  });

  router.add("DELETE", "/_emulator/faults", () => {
    ctx.state.faults.splice(0);
    ctx.store.changed();
    return json({ rules: [] });
  });

  const scenarioState = () => ({
    next: ctx.state.scenario.next,
    pending_hours: ctx.state.scenario.pendingHours,
    next_benefit_job: ctx.state.scenario.nextBenefitJob ?? "complete",
    configuration_delay_days: ctx.state.scenario.nextConfigurationDelayDays ?? 0,
  });

  router.add("GET", "/_emulator/scenario", () => json(scenarioState()));

  router.add("PUT", "/_emulator/scenario", async (rc) => {
    const body = parseWith(scenarioBodySchema, await readJsonBody(rc.request));
    const next = body.next ?? body.scenario;
    if (next) ctx.state.scenario.next = next;
    if (body.pending_hours !== undefined) ctx.state.scenario.pendingHours = body.pending_hours;
    if (body.next_benefit_job) ctx.state.scenario.nextBenefitJob = body.next_benefit_job;
    if (body.configuration_delay_days !== undefined)
      ctx.state.scenario.nextConfigurationDelayDays = body.configuration_delay_days;
    ctx.store.changed();
    return json(scenarioState());
  });

  router.add("GET", "/_emulator/connections", () => {
    const t = ctx.tickNow();
    const connections = Object.values(ctx.state.connections)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((connection) => connectionSummary(ctx, connection, t));
    return json({ now: isoAt(t), connections });
  });

  router.add("POST", "/_emulator/connections/:id/status", async (rc) => {
    const connection = ctx.state.connections[rc.params.id];
    if (!connection) throw errors.notFound(`No connection with id '${rc.params.id}'`);
    const body = parseWith(statusBodySchema, await readJsonBody(rc.request));
    const t = ctx.tickNow();
    forceStatus(ctx, connection, body.status, t);
    return json(connectionSummary(ctx, connection, t));
  });

  router.add("POST", "/_emulator/webhooks/flush", async () => {
    await clock.flushWebhooks();
    return json({
      queued: ctx.state.webhookQueue.length,
      deliveries: ctx.state.webhookLog.slice(-50).reverse().map(deliveryView),
    });
  });

  router.add("GET", "/_emulator/webhooks", () =>
    json({
      enabled: ctx.webhooks.enabled,
      queued: ctx.state.webhookQueue.map((entry) => ({
        event_id: entry.eventId,
        event_type: entry.eventType,
        connection_id: entry.connectionId,
        attempts: entry.attempts,
        next_attempt_at: new Date(entry.nextAttemptAt).toISOString(),
      })),
      deliveries: ctx.state.webhookLog.slice(-100).reverse().map(deliveryView),
    }),
  );

  router.add("GET", "/_emulator/assets/providers/:id/:file", (rc) => {
    const provider = findProvider(rc.params.id);
    const file = rc.params.file;
    if (!provider || (file !== "icon.svg" && file !== "logo.svg"))
      throw errors.notFound("No such asset");
    return new Response(
      file === "icon.svg" ? providerIconSvg(provider) : providerLogoSvg(provider),
      {
        headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" },
      },
    );
  });
}
