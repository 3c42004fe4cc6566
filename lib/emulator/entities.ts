/**
 * Multi-entity connections. Finch: an employer's payroll system "may consist of one or many
 * entities"; picking several in Connect makes one connection with several `entity_ids`; data calls
 * take exactly one entity (`entity_ids[]`, "a maximum of one is accepted"); `/disconnect-entity`
 * removes some of them while the token stays valid; webhooks carry `entity_id` for multi-entity
 * connections and null otherwise.
 */
import { randomUUID } from "node:crypto";
import { errors, FinchError } from "./http";
import { initialStatusEvents, lifecycleAt, type LifecycleSubject } from "./lifecycle";
import { findProvider } from "./providers";
import type {
  AssistedScenario,
  AuthMethod,
  ConnectionRecord,
  EntityRecord,
  ReportedStatus,
  StatusEvent,
} from "./records";

export interface EntityOption {
  sourceId: string;
  name: string;
}

export interface EntityChoice {
  sourceId: string;
  /** Assisted only: what the employer did for this entity in the provider. */
  outcome: AssistedScenario;
}

export const SCENARIO_OUTCOME = {
  success: "processing",
  no_account_setup: "error_no_account_setup",
  wrong_permissions: "error_permissions",
} as const;

/** The entities an employer of `customerName` has in this provider (none: single-entity provider). */
export function entityOptionsFor(providerId: string, customerName: string): EntityOption[] {
  const labels = findProvider(providerId)?.entities ?? [];
  return labels.map((label, index) => ({
    sourceId: String(1001 + index),
    name: `${customerName} ${label}`,
  }));
}

/** Finch fills `entity_id` in webhooks and requires `entity_ids` only when there are several. */
export function isMultiEntity(connection: ConnectionRecord): boolean {
  return (connection.entities?.length ?? 0) > 1;
}

/** The connection as one entity sees it: same auth and products, the entity's own timeline. */
export function entitySubject(
  connection: ConnectionRecord,
  entity: EntityRecord | null,
): LifecycleSubject {
  return entity ? { ...connection, statusEvents: entity.statusEvents } : connection;
}

export function entityStatusAt(
  connection: ConnectionRecord,
  entity: EntityRecord,
  t: number,
): ReportedStatus {
  return lifecycleAt(entitySubject(connection, entity), t).status;
}

export function newEntity(
  option: EntityOption,
  authMethod: AuthMethod,
  outcome: AssistedScenario,
  t: number,
  pendingMs: number,
  id: string = randomUUID(),
): EntityRecord {
  return {
    id,
    sourceId: option.sourceId,
    name: option.name,
    statusEvents: initialStatusEvents(authMethod, t, {
      pendingMs,
      outcome: SCENARIO_OUTCOME[outcome],
    }),
  };
}

/** Ids of the entities still connected (what the token exchange reports as `entity_ids`). */
export function liveEntityIds(connection: ConnectionRecord, t: number): string[] {
  if (!connection.entities) return [connection.entityId];
  return connection.entities
    .filter((entity) => entityStatusAt(connection, entity, t) !== "disconnected")
    .map((entity) => entity.id);
}

/** `GET /introspect`'s `entities`: every entity with its own status, disconnected ones included. */
export function introspectEntities(
  connection: ConnectionRecord,
  t: number,
  legalName: string | null,
): { id: string; name: string | null; source_id: string | null; status: ReportedStatus }[] {
  if (!connection.entities) {
    const { status } = lifecycleAt(connection, t);
    return [{ id: connection.entityId, name: legalName, source_id: null, status }];
  }
  return connection.entities.map((entity) => ({
    id: entity.id,
    name: entity.name,
    source_id: entity.sourceId,
    status: entityStatusAt(connection, entity, t),
  }));
}

/**
 * The entity a data call is about. `entity_ids` takes exactly one id; it is required when the
 * connection has several live entities (the emulator answers 400 listing them, since Finch does
 * not document what it returns then), and an unknown or disconnected entity is a 400 too.
 */
export function resolveEntity(
  connection: ConnectionRecord,
  entityIds: string[],
  t: number,
): EntityRecord | null {
  if (entityIds.length > 1) {
    throw errors.badRequest("entity_ids: provide exactly one entity ID per request");
  }
  const [requested] = entityIds;
  const entities = connection.entities;
  if (!entities) {
    if (requested !== undefined && requested !== connection.entityId)
      throw errors.badRequest(`entity_ids: unknown entity ${requested}`);
    return null;
  }
  const live = liveEntityIds(connection, t);
  if (requested === undefined) {
    if (live.length === 1) return entities.find((entity) => entity.id === live[0]) ?? null;
    throw errors.badRequest(
      `entity_ids: this connection spans ${live.length} entities; pass exactly one of ${live.join(", ")}`,
    );
  }
  const entity = entities.find((candidate) => candidate.id === requested);
  if (!entity) throw errors.badRequest(`entity_ids: unknown entity ${requested}`);
  if (!live.includes(entity.id)) {
    throw new FinchError(
      400,
      "bad_request",
      `entity_ids: entity ${requested} has been disconnected`,
      "entity_disconnected",
    );
  }
  return entity;
}

/**
 * The connection whose generated data belongs to this entity. The first entity keeps the
 * connection's own data (and sandbox edits); the others get their own seed and company.
 */
export function dataSubject(
  connection: ConnectionRecord,
  entity: EntityRecord | null,
): ConnectionRecord {
  if (!entity) return connection;
  if (entity.id === connection.entityId) return { ...connection, customerName: entity.name };
  return {
    ...connection,
    id: `${connection.id}:${entity.id}`,
    companyId: entity.id,
    customerName: entity.name,
    edits: [],
    statusEvents: entity.statusEvents,
  };
}

/** Appends a status to each entity not disconnected (or to `only`), e.g. a forced sandbox status. */
export function pushEntityStatus(
  connection: ConnectionRecord,
  event: StatusEvent,
  t: number,
  only?: readonly string[],
): void {
  for (const entity of connection.entities ?? []) {
    if (only ? !only.includes(entity.id) : entityStatusAt(connection, entity, t) === "disconnected")
      continue;
    entity.statusEvents = entity.statusEvents.filter((e) => !(e.scheduled && e.at > t));
    entity.statusEvents.push(event);
  }
}
