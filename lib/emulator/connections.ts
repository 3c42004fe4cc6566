import { randomUUID } from "node:crypto";
import { hashSecret } from "./auth";
import type { EmulatorContext } from "./context";
import { rngFor } from "./data/random";
import {
  entityOptionsFor,
  entityStatusAt,
  isMultiEntity,
  newEntity,
  pushEntityStatus,
  SCENARIO_OUTCOME,
  type EntityChoice,
} from "./entities";
import { initialSyncJobId, INITIAL_SYNC_GROUPS, jobUrl } from "./jobs";
import {
  DAY_MS,
  HOUR_MS,
  initialStatusEvents,
  lifecycleAt,
  type LifecycleState,
} from "./lifecycle";
import { groupsOf } from "./products";
import type {
  AssistedScenario,
  AuthMethod,
  ConnectionRecord,
  ReportedStatus,
  TokenRecord,
} from "./records";

export interface NewConnection {
  providerId: string;
  authMethod: AuthMethod;
  products: string[];
  customerId: string | null;
  customerName: string | null;
  customerEmail: string | null;
  clientType: ConnectionRecord["clientType"];
  connectionType: ConnectionRecord["connectionType"];
  username: string | null;
  employeeCount?: number;
  scenario: AssistedScenario;
  apiBaseUrl: string;
  /** The entities picked in Connect, for providers that have several. */
  entities?: EntityChoice[];
}

function connectEmployeeCount(seed: string): number {
  return rngFor(`${seed}:size`).int(15, 60);
}

/** Creates a connection at `t` (the instant of the last tick) and emits its first webhooks. */
export function createConnection(
  ctx: EmulatorContext,
  input: NewConnection,
  t: number,
): ConnectionRecord {
  const id = randomUUID();
  const employeeCount = input.employeeCount ?? connectEmployeeCount(id);
  const connection: ConnectionRecord = {
    id,
    companyId: randomUUID(),
    accountId: randomUUID(),
    entityId: randomUUID(),
    providerId: input.providerId,
    authMethod: input.authMethod,
    products: input.products,
    customerId: input.customerId,
    customerName: input.customerName,
    customerEmail: input.customerEmail,
    clientType: input.clientType,
    connectionType: input.connectionType,
    username: input.username,
    createdAt: t,
    employeeCount,
    payDayAnchor: input.connectionType === "finch" ? "creation" : "seed",
    payrollHistory: employeeCount <= 100,
    statusEvents: initialStatusEvents(input.authMethod, t, {
      pendingMs: Math.round(ctx.state.scenario.pendingHours * HOUR_MS),
      outcome: SCENARIO_OUTCOME[input.scenario],
    }),
    ...(input.authMethod === "assisted" ? takeConfigurationDelay(ctx) : {}),
    edits: [],
    sandboxJobCompletion: "complete",
    apiBaseUrl: input.apiBaseUrl,
  };
  const options = entityOptionsFor(input.providerId, input.customerName ?? "");
  const chosen = (input.entities ?? []).flatMap((choice) => {
    const option = options.find((o) => o.sourceId === choice.sourceId);
    return option ? [{ option, outcome: choice.outcome }] : [];
  });
  if (chosen.length > 0) {
    const pendingMs = Math.round(ctx.state.scenario.pendingHours * HOUR_MS);
    connection.entities = chosen.map(({ option, outcome }, index) =>
      newEntity(
        option,
        input.authMethod,
        outcome,
        t,
        pendingMs,
        index === 0 ? connection.entityId : undefined,
      ),
    );
  }
  ctx.state.connections[id] = connection;
  emitStatus(ctx, connection, lifecycleAt(connection, t).status, t);
  if (input.authMethod !== "assisted") emitInitialSyncs(ctx, connection);
  ctx.store.changed();
  return connection;
}

/** `account.updated`: once per entity (with its `entity_id`) on a multi-entity connection. */
export function emitStatus(
  ctx: EmulatorContext,
  connection: ConnectionRecord,
  status: ReportedStatus,
  t: number,
  only?: Set<string>,
): void {
  const targets = isMultiEntity(connection)
    ? (connection.entities ?? []).filter((entity) => !only || only.has(entity.id))
    : [null];
  for (const entity of targets) {
    ctx.webhooks.enqueue({
      connection,
      entityId: entity?.id ?? null,
      eventType: "account.updated",
      data: {
        status: entity ? entityStatusAt(connection, entity, t) : status,
        authentication_method: { type: connection.authMethod },
      },
    });
  }
}

export function emitInitialSyncs(
  ctx: EmulatorContext,
  connection: ConnectionRecord,
  only?: string,
): void {
  const groups = groupsOf(connection.products);
  for (const group of INITIAL_SYNC_GROUPS) {
    if (!groups.includes(group) || (only && only !== group)) continue;
    const jobId = initialSyncJobId(connection.id, group);
    ctx.webhooks.enqueue({
      connection,
      eventType:
        group === "organization"
          ? "job.initial_data_sync_org.succeeded"
          : "job.initial_data_sync_payroll.succeeded",
      data: { job_id: jobId, job_url: jobUrl(connection.apiBaseUrl, jobId) },
    });
  }
}

/** Issues a new access token for the connection; only its hash is kept. */
export function issueToken(
  ctx: EmulatorContext,
  connection: ConnectionRecord,
  products: string[],
  t: number,
): { raw: string; record: TokenRecord } {
  const raw = randomUUID();
  const record: TokenRecord = {
    id: randomUUID(),
    hash: hashSecret(raw),
    connectionId: connection.id,
    accountId: connection.accountId,
    products,
    createdAt: t,
    revokedAt: null,
  };
  ctx.state.tokens[record.hash] = record;
  connection.products = [...new Set([...connection.products, ...products])];
  ctx.store.changed();
  return { raw, record };
}

/**
 * Changes the connection's timeline at `t` (which must be the last tick's instant) and emits
 * the resulting status change and readiness events directly, since the tick has already run.
 */
export function changeStatusAt(
  ctx: EmulatorContext,
  connection: ConnectionRecord,
  t: number,
  change: (connection: ConnectionRecord) => void,
): LifecycleState {
  const before = lifecycleAt(connection, t);
  const entitiesBefore = new Map(
    (connection.entities ?? []).map((e) => [e.id, entityStatusAt(connection, e, t)]),
  );
  change(connection);
  const after = lifecycleAt(connection, t);
  for (const group of INITIAL_SYNC_GROUPS) {
    const wasReady = (before.readyAt[group] ?? Infinity) <= t;
    const isReady = (after.readyAt[group] ?? Infinity) <= t;
    if (!wasReady && isReady) emitInitialSyncs(ctx, connection, group);
  }
  if (isMultiEntity(connection)) {
    const changed = (connection.entities ?? [])
      .filter((e) => entitiesBefore.get(e.id) !== entityStatusAt(connection, e, t))
      .map((e) => e.id);
    if (changed.length > 0) emitStatus(ctx, connection, after.status, t, new Set(changed));
  } else if (before.status !== after.status) emitStatus(ctx, connection, after.status, t);
  ctx.store.changed();
  return after;
}

/** Forces a status, cancelling automatic transitions still scheduled (e.g. the end of `pending`). */
export function forceStatus(
  ctx: EmulatorContext,
  connection: ConnectionRecord,
  status: ReportedStatus | "resume",
  t: number,
): LifecycleState {
  return changeStatusAt(ctx, connection, t, (c) => {
    c.statusEvents = c.statusEvents.filter((event) => !(event.scheduled && event.at > t));
    c.statusEvents.push({ at: t, status });
    pushEntityStatus(c, { at: t, status }, t);
  });
}

export function revokeConnectionTokens(
  ctx: EmulatorContext,
  connectionId: string,
  t: number,
): void {
  for (const token of Object.values(ctx.state.tokens)) {
    if (token.connectionId === connectionId && token.revokedAt === null) token.revokedAt = t;
  }
  ctx.store.changed();
}

export function disconnect(ctx: EmulatorContext, connection: ConnectionRecord, t: number): void {
  forceStatus(ctx, connection, "disconnected", t);
  revokeConnectionTokens(ctx, connection.id, t);
}

export function isLive(connection: ConnectionRecord, t: number): boolean {
  return lifecycleAt(connection, t).status !== "disconnected";
}

/** A configuration delay set for the next assisted connection applies to that one only. */
function takeConfigurationDelay(ctx: EmulatorContext): { configurationDelayMs?: number } {
  const days = ctx.state.scenario.nextConfigurationDelayDays;
  if (!days) return {};
  ctx.state.scenario.nextConfigurationDelayDays = 0;
  return { configurationDelayMs: days * DAY_MS };
}

/** The scenario for the next assisted connection; it applies once, then falls back to success. */
export function takeScenario(ctx: EmulatorContext): AssistedScenario {
  const scenario = ctx.state.scenario.next;
  ctx.state.scenario.next = "success";
  ctx.store.changed();
  return scenario;
}
