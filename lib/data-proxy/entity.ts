import "server-only";
import { listConnectionEntities } from "@/db/queries/entities";
import type { Connection } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { entityScope } from "@/lib/status/entities";

/**
 * The Finch entity a read is scoped to: null for a single-entity connection, the named (or only
 * live) entity otherwise. Several live entities and none named is a 400 listing their ids.
 */
export async function entityForRead(
  connection: Pick<Connection, "id">,
  requested: string | null,
  /** The connection's entities when already read (getProxyContext); read here otherwise. */
  known?: readonly { finchEntityId: string; status: string }[],
): Promise<string | null> {
  const entities = known ?? (await listConnectionEntities({ connectionId: connection.id }));
  const scope = entityScope(entities, requested);
  if (scope.kind === "invalid") {
    throw new AppError("invalid_input", scope.message, { entity_ids: scope.entityIds });
  }
  return scope.kind === "entity" ? scope.finchEntityId : null;
}

/** `?entity_id=` from a query string, trimmed; absent or empty is null. */
export function requestedEntity(params: URLSearchParams): string | null {
  const value = params.get("entity_id")?.trim();
  return value ? value.slice(0, 100) : null;
}
