/**
 * Multi-entity connections, as pure functions: how an entity's recorded state moves when Finch
 * reports a status, which entity a data read is scoped to, and how a list sums entities up.
 */

const VERIFIED = new Set(["processing", "connected"]);
export const ENTITY_ATTENTION_STATUSES = ["reauth", "error_permissions", "error_no_account_setup"];
const NEEDS_ATTENTION = new Set(ENTITY_ATTENTION_STATUSES);

export interface EntityState {
  status: string;
  statusChangedAt: Date;
  /** First moment Finch reported the entity verified: its configuration countdowns start here. */
  permissionsVerifiedAt: Date | null;
}

export function nextEntityState(
  previous: EntityState | null,
  status: string,
  at: Date,
): EntityState {
  const verifiedAt = previous?.permissionsVerifiedAt ?? (VERIFIED.has(status) ? at : null);
  if (previous && previous.status === status)
    return { ...previous, permissionsVerifiedAt: verifiedAt };
  return { status, statusChangedAt: at, permissionsVerifiedAt: verifiedAt };
}

/** A disconnected entity was removed on purpose; only broken ones need someone. */
export function entityNeedsAttention(status: string): boolean {
  return NEEDS_ATTENTION.has(status);
}

export function entitySummary({
  total,
  needsAttention,
}: {
  total: number;
  needsAttention: number;
}): string {
  const entities = `${total} ${total === 1 ? "entity" : "entities"}`;
  return needsAttention === 0 ? entities : `${entities}, ${needsAttention} needs attention`;
}

export type EntityScope =
  | { kind: "connection" }
  | { kind: "entity"; finchEntityId: string }
  | { kind: "invalid"; message: string; entityIds: string[] };

/**
 * Which entity a data read is about. Finch takes exactly one entity per call; a connection with
 * one live entity needs none named, one with several must name one of them.
 */
export function entityScope(
  entities: readonly { finchEntityId: string; status: string }[],
  requested: string | null,
): EntityScope {
  if (entities.length === 0) {
    if (requested === null) return { kind: "connection" };
    return {
      kind: "invalid",
      message: `This connection has a single entity; leave entity_id out (got “${requested}”).`,
      entityIds: [],
    };
  }
  const live = entities.filter((e) => e.status !== "disconnected").map((e) => e.finchEntityId);
  if (requested !== null) {
    if (live.includes(requested)) return { kind: "entity", finchEntityId: requested };
    return {
      kind: "invalid",
      message: `Unknown or disconnected entity “${requested}”. Use entity_id = one of: ${live.join(", ")}.`,
      entityIds: live,
    };
  }
  if (live.length === 1) return { kind: "entity", finchEntityId: live[0] };
  return {
    kind: "invalid",
    message: `This employer's connection spans ${live.length} entities; pass entity_id = one of: ${live.join(", ")}.`,
    entityIds: live,
  };
}
