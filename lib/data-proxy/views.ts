import "server-only";
import { cache } from "react";
import { getConnectionById } from "@/db/queries/connections";
import type { Connection } from "@/db/schema";
import { parseProductQuery, MAX_INDIVIDUAL_IDS } from "@/lib/data-proxy/params";
import { readProduct, type ProxyActor, type ProxyResult } from "@/lib/data-proxy/read";
import type { FinchDirectoryPerson, FinchEmployment } from "@/lib/finch/types";

/**
 * Reads for Perch's own pages and exports. They call the proxy library directly (never HTTP to
 * ourselves) and are memoised per request, so a page that needs the directory twice asks once.
 */

/** Enough for any employer on one screen; Finch pages the directory for us underneath. */
const DIRECTORY_PAGE = 500;
const DIRECTORY_MAX_PAGES = 20;

export type DirectoryView =
  | {
      kind: "ok";
      people: FinchDirectoryPerson[];
      total: number;
      truncated: boolean;
      first: ProxyResult<"directory"> & { kind: "ok" };
    }
  | Exclude<ProxyResult<"directory">, { kind: "ok" }>;

export const loadDirectory = cache(
  async (
    connectionId: string,
    actorLabel: string,
    entityId: string | null = null,
  ): Promise<DirectoryView> => {
    const connection = await requireConnection(connectionId);
    const actor: ProxyActor = { label: actorLabel };
    const people: FinchDirectoryPerson[] = [];
    let first: (ProxyResult<"directory"> & { kind: "ok" }) | null = null;
    let total = 0;
    for (let page = 0; page < DIRECTORY_MAX_PAGES; page++) {
      const result = await readProduct({
        connection,
        query: parseProductQuery("directory", {
          limit: DIRECTORY_PAGE,
          offset: page * DIRECTORY_PAGE,
        }),
        actor,
        entityId,
      });
      if (result.kind !== "ok")
        return first ? { kind: "ok", people, total, truncated: true, first } : result;
      first ??= result;
      people.push(...result.data.individuals);
      total = result.data.paging.count ?? people.length;
      if (result.data.individuals.length === 0 || people.length >= total) break;
    }
    return { kind: "ok", people, total, truncated: people.length < total, first: first! };
  },
);

async function requireConnection(id: string): Promise<Connection> {
  const connection = await getConnectionById({ id });
  if (!connection) throw new Error(`Connection ${id} disappeared`);
  return connection;
}

/** Employment records for up to a few hundred people, in batches of Finch's-and-our maximum. */
export async function loadEmployments(
  connection: Connection,
  individualIds: string[],
  actorLabel: string,
  entityId: string | null = null,
): Promise<
  | { kind: "ok"; byId: Map<string, FinchEmployment> }
  | Exclude<ProxyResult<"employment">, { kind: "ok" }>
> {
  const byId = new Map<string, FinchEmployment>();
  for (let i = 0; i < individualIds.length; i += MAX_INDIVIDUAL_IDS) {
    const result = await readProduct({
      connection,
      query: parseProductQuery("employment", {
        individual_ids: individualIds.slice(i, i + MAX_INDIVIDUAL_IDS),
      }),
      actor: { label: actorLabel },
      entityId,
    });
    if (result.kind !== "ok") return result;
    for (const item of result.data.responses) {
      // A 200 carries the record; anything else carries Finch's per-person error.
      if (item.code === 200 && "id" in item.body) byId.set(item.individual_id, item.body);
    }
  }
  return { kind: "ok", byId };
}

/** First and last name, the way the directory lists people (preferred names show on their page). */
export function personName(person: {
  first_name?: string | null;
  last_name?: string | null;
}): string {
  return [person.first_name, person.last_name].filter(Boolean).join(" ") || "Unnamed person";
}
