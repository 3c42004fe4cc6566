import { and, asc, count, desc, eq, gt, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb, type Database } from "@/db";
import { parsedJson } from "@/db/json-column";
import { CURRENT_CONNECTION_FIRST, OF_OUTER_EMPLOYER } from "@/db/queries/current-connection";
import { ENTITY_ATTENTION_STATUSES } from "@/lib/status/entities";
import {
  connectionEntities,
  connectionGroups,
  connections,
  employerOwners,
  employerTallies,
  employers,
  users,
  type Employer,
} from "@/db/schema";

export const EMPLOYER_SORTS = [
  "name",
  "status",
  "changed",
  "created",
  "ready",
  "retrieved",
] as const;
export type EmployerSort = (typeof EMPLOYER_SORTS)[number];

export interface EmployerListFilter {
  /** Part of the name or customer id, any case. */
  q?: string;
  /** Exactly this customer id (the data API's lookup). */
  customerId?: string;
  /** A connection status, or "none" for employers that have never connected. */
  status?: string;
  provider?: string;
  kind?: "assisted" | "automated";
  /** "any" for every employer that needs attention, or one alert kind. */
  attention?: string;
  /** Employers with a product group not ready yet and expected in [readyFromDays, readyToDays) days from `now`. */
  readyFromDays?: number;
  readyToDays?: number;
  /** The moment of reading: attention and expected-ready filters compare stored instants with it. */
  now: Date;
  includeArchived?: boolean;
}

export interface EmployerListQuery extends EmployerListFilter {
  sort?: EmployerSort;
  /** Opaque keyset cursor from a previous page. */
  after?: string;
  before?: string;
  pageSize?: number;
}

export interface EmployerListPage {
  rows: Employer[];
  /** Exact, or a lower bound when `totalIsAtLeast` (a count that stops at COUNT_LIMIT). */
  total: number;
  totalIsAtLeast: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
}

/** Counts of filters the tallies cannot answer stop here, so no page pays for a whole-table count. */
export const COUNT_LIMIT = 1000;

/**
 * Each sort is a non-null expression plus the id, matching an index in employers, so keyset
 * pages never skip or repeat rows and cost the same at any size. The cursor carries the key as
 * PostgreSQL's own text, so timestamps keep their full precision.
 */
function sortSpec(sort: EmployerSort): SortSpec {
  switch (sort) {
    case "status":
      return {
        key: sql`coalesce(${employers.connectionStatus}, '')`,
        direction: "asc",
        cast: sql``,
      };
    case "changed":
      return {
        key: sql`coalesce(${employers.statusChangedAt}, 'epoch'::timestamptz)`,
        direction: "desc",
        cast: sql`::timestamptz`,
      };
    case "created":
      return { key: sql`${employers.createdAt}`, direction: "desc", cast: sql`::timestamptz` };
    // What lands next: the soonest expected ready first, employers with nothing pending last.
    case "ready":
      return {
        key: sql`coalesce(${employers.expectedReadyAt}, 'infinity'::timestamptz)`,
        direction: "asc",
        cast: sql`::timestamptz`,
      };
    // Stalest data first, employers never read last.
    case "retrieved":
      return {
        key: sql`coalesce(${employers.lastRetrievedAt}, 'infinity'::timestamptz)`,
        direction: "asc",
        cast: sql`::timestamptz`,
      };
    default:
      return { key: sql`lower(${employers.name})`, direction: "asc", cast: sql`` };
  }
}

interface SortSpec {
  key: SQL;
  direction: "asc" | "desc";
  cast: SQL;
}

function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The stored instant each attention filter compares with now (see lib/status/attention.ts). */
const ATTENTION_COLUMNS: Record<string, PgColumn> = {
  any: employers.attentionAt,
  pending_too_long: employers.pendingTooLongAt,
  configuration_overdue: employers.configurationOverdueAt,
  employer_action_needed: employers.employerActionNeededAt,
  reauth_needed: employers.reauthNeededAt,
  stale_data: employers.staleDataAt,
};

export function employerFilterConditions(filter: EmployerListFilter): SQL[] {
  const conditions: SQL[] = [];
  if (!filter.includeArchived) conditions.push(isNull(employers.archivedAt));
  const q = filter.q?.trim();
  if (q) {
    const pattern = likePattern(q);
    conditions.push(
      sql`(lower(${employers.name}) like ${pattern} or lower(${employers.customerId}) like ${pattern})`,
    );
  }
  if (filter.customerId !== undefined) conditions.push(eq(employers.customerId, filter.customerId));
  if (filter.status === "none") conditions.push(isNull(employers.connectionStatus));
  else if (filter.status) conditions.push(eq(employers.connectionStatus, filter.status));
  if (filter.provider) conditions.push(eq(employers.providerId, filter.provider));
  if (filter.kind) conditions.push(eq(employers.assisted, filter.kind === "assisted"));
  if (filter.attention) {
    const column = Object.hasOwn(ATTENTION_COLUMNS, filter.attention)
      ? ATTENTION_COLUMNS[filter.attention]
      : null;
    // An unknown kind matches nothing, as a kind nobody has.
    conditions.push(column ? lte(column, filter.now) : sql`false`);
  }
  if (filter.readyToDays !== undefined) {
    const from = new Date(filter.now.getTime() + (filter.readyFromDays ?? 0) * 86_400_000);
    const until = new Date(filter.now.getTime() + filter.readyToDays * 86_400_000);
    // The same groups the overview's chart counts (unready, live), by the same partial index.
    conditions.push(sql`exists (
      select 1 from ${connectionGroups} g
      where g.employer_id = ${employers.id} and g.live and g.ready_at is null
        and g.expected_ready_at >= ${from.toISOString()}::timestamptz
        and g.expected_ready_at < ${until.toISOString()}::timestamptz)`);
  }
  return conditions;
}

/** A cursor that starts a page right after this sort key and id (also used by the benchmark). */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify({ v: key, id })).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { key: string; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      v?: string;
      id?: string;
    };
    if (typeof parsed.v !== "string" || typeof parsed.id !== "string") return null;
    if (!/^[0-9a-f-]{36}$/i.test(parsed.id)) return null;
    return { key: parsed.v, id: parsed.id };
  } catch {
    return null;
  }
}

/** PostgreSQL's text for a timestamptz, e.g. "2026-01-01 09:30:00.123456+00". */
const PG_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2}|Z)?$/;

const TIMESTAMP_SORTS: readonly EmployerSort[] = ["changed", "created", "ready", "retrieved"];

/** A cursor's timestamp must parse, or the query would fail: a bad one starts from the top. */
function usableCursor(
  cursor: { key: string; id: string } | null,
  sort: EmployerSort,
): { key: string; id: string } | null {
  if (!cursor || !TIMESTAMP_SORTS.includes(sort)) return cursor;
  return PG_TIMESTAMP.test(cursor.key) || cursor.key === "infinity" ? cursor : null;
}

/** Whether a cursor would be used for this sort (pages ignore one that would not; the API refuses it). */
export function cursorIsUsable(cursor: string, sort: EmployerSort): boolean {
  return usableCursor(decodeCursor(cursor), sort) !== null;
}

interface Slice {
  rows: Employer[];
  keys: string[];
  more: boolean;
}

/** Up to `limit` rows after (or before) a cursor, in the sort's order; no count. */
async function readSlice(
  db: Database,
  filter: EmployerListFilter,
  sort: EmployerSort,
  cursor: { key: string; id: string } | null,
  forward: boolean,
  limit: number,
): Promise<Slice> {
  const { key, direction, cast } = sortSpec(sort);
  const ascending = (direction === "asc") === forward;
  const keyset = cursor
    ? ascending
      ? sql`(${key}, ${employers.id}) > (${cursor.key}${cast}, ${cursor.id}::uuid)`
      : sql`(${key}, ${employers.id}) < (${cursor.key}${cast}, ${cursor.id}::uuid)`
    : undefined;
  const order = ascending ? [asc(key), asc(employers.id)] : [desc(key), desc(employers.id)];
  const found = await db
    .select({ employer: employers, sortKey: sql<string>`(${key})::text` })
    .from(employers)
    .where(and(...employerFilterConditions(filter), keyset))
    .orderBy(...order)
    .limit(limit + 1);
  const page = found.slice(0, limit);
  if (!forward) page.reverse();
  return {
    rows: page.map((r) => r.employer),
    keys: page.map((r) => r.sortKey),
    more: found.length > limit,
  };
}

/**
 * How many employers match. Filters on status and provider alone read the maintained tallies
 * (exact, no scan); any other filter counts at most COUNT_LIMIT + 1 rows through its index.
 */
async function countEmployers(
  db: Database,
  filter: EmployerListFilter,
): Promise<{ total: number; totalIsAtLeast: boolean }> {
  const { status, provider, includeArchived, now: _now, ...rest } = filter;
  const others = Object.values(rest).some((value) => value !== undefined && value !== "");
  if (!includeArchived && !others && !(status && provider)) {
    const [dimension, value] = status
      ? (["status", status === "none" ? "" : status] as const)
      : provider
        ? (["provider", provider] as const)
        : (["all", ""] as const);
    const [row] = await db
      .select({ employers: employerTallies.employers })
      .from(employerTallies)
      .where(and(eq(employerTallies.dimension, dimension), eq(employerTallies.value, value)));
    return { total: Number(row?.employers ?? 0), totalIsAtLeast: false };
  }
  const bounded = db
    .select({ one: sql`1` })
    .from(employers)
    .where(and(...employerFilterConditions(filter)))
    .limit(COUNT_LIMIT + 1)
    .as("bounded");
  const [{ n }] = await db.select({ n: count() }).from(bounded);
  const total = Number(n);
  return total > COUNT_LIMIT
    ? { total: COUNT_LIMIT, totalIsAtLeast: true }
    : { total, totalIsAtLeast: false };
}

/**
 * One page of the employer list. Keyset pagination on (sort key, id) over an index per sort, and
 * a count that never scans the table: every page costs the same at 100,000 employers as at 100.
 */
export async function listEmployers(
  query: EmployerListQuery,
  database?: Database,
): Promise<EmployerListPage> {
  const db = database ?? (await getDb());
  const sort = query.sort ?? "name";
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
  const { sort: _sort, after: _after, before: _before, pageSize: _size, ...filter } = query;
  const after = usableCursor(decodeCursor(query.after), sort);
  const before = after ? null : usableCursor(decodeCursor(query.before), sort);
  // Going backwards reads the reverse order and flips the page afterwards.
  const forward = !before;
  const [slice, counted] = await Promise.all([
    readSlice(db, filter, sort, after ?? before, forward, pageSize),
    countEmployers(db, filter),
  ]);
  const hasNext = forward ? slice.more : true;
  const hasPrev = forward ? Boolean(after) : slice.more;
  const last = slice.rows.length - 1;
  return {
    rows: slice.rows,
    ...counted,
    nextCursor: hasNext && last >= 0 ? encodeCursor(slice.keys[last], slice.rows[last].id) : null,
    prevCursor: hasPrev && last >= 0 ? encodeCursor(slice.keys[0], slice.rows[0].id) : null,
  };
}

/**
 * Every employer matching a filter, in keyset batches of `batchSize`, for the CSV export: no
 * page-size cap, no count per batch, and it ends only when a batch comes back short.
 */
export async function* iterateEmployers(
  filter: EmployerListFilter & { sort?: EmployerSort },
  batchSize = 1000,
  database?: Database,
): AsyncGenerator<Employer[]> {
  const db = database ?? (await getDb());
  const { sort = "name", ...rest } = filter;
  let cursor: { key: string; id: string } | null = null;
  for (;;) {
    const slice = await readSlice(db, rest, sort, cursor, true, batchSize);
    if (slice.rows.length) yield slice.rows;
    if (!slice.more) return;
    const last = slice.rows.length - 1;
    cursor = { key: slice.keys[last], id: slice.rows[last].id };
  }
}

/** Providers with at least one (unarchived) employer, for the filter: read from the tallies. */
export async function listEmployerProviders(database?: Database): Promise<string[]> {
  const db = database ?? (await getDb());
  const rows = await db
    .select({ provider: employerTallies.value })
    .from(employerTallies)
    .where(and(eq(employerTallies.dimension, "provider"), gt(employerTallies.employers, 0)))
    .orderBy(employerTallies.value);
  return rows.map((r) => r.provider);
}

export interface EmployerRowDetails {
  owner: { name: string | null; email: string } | null;
  /** The current connection's configuration inputs (lib/status/countdown.ts), or null. */
  connection: {
    assisted: boolean;
    products: string[];
    verifiedAt: Date | null;
    readyAtByGroup: Record<string, Date | null>;
  } | null;
  /** The employer's live Finch entities (multi-entity connections), or null when it has none. */
  entities: { total: number; needsAttention: number } | null;
}

/**
 * What a list page shows beside each employer row: its owner, its current connection's
 * configuration inputs and its entity counts. One query for one page of ids (each part an indexed
 * lookup per employer), never the whole table.
 */
export async function getEmployerRowDetails(
  { employerIds }: { employerIds: string[] },
  database?: Database,
): Promise<Map<string, EmployerRowDetails>> {
  const details = new Map<string, EmployerRowDetails>();
  if (!employerIds.length) return details;
  const db = database ?? (await getDb());
  const current = db
    .select({
      id: connections.id,
      assisted: connections.assisted,
      products: connections.products,
      verifiedAt: connections.permissionsVerifiedAt,
    })
    .from(connections)
    .where(OF_OUTER_EMPLOYER)
    .orderBy(...CURRENT_CONNECTION_FIRST)
    .limit(1)
    .as("current");
  const rows = await db
    .select({
      employerId: employers.id,
      connection: current._.selectedFields,
      owner: sql<unknown>`(select json_build_object('name', u.name, 'email', u.email)
        from ${employerOwners} o join ${users} u on u.id = o.user_id
        where o.employer_id = ${employers.id})`,
      readyAtByGroup: sql<unknown>`(select json_object_agg(g.product_group, g.ready_at)
        from ${connectionGroups} g where g.connection_id = ${current.id})`,
      entities: sql<unknown>`(select json_build_object('total', count(*),
          'needsAttention', count(*) filter (where ${inArray(sql`ce.status`, ENTITY_ATTENTION_STATUSES)}))
        from ${connectionEntities} ce
        where ce.employer_id = ${employers.id} and ce.status <> 'disconnected')`,
    })
    .from(employers)
    .leftJoinLateral(current, sql`true`)
    .where(inArray(employers.id, employerIds));
  for (const id of employerIds) {
    details.set(id, { owner: null, connection: null, entities: null });
  }
  for (const row of rows) {
    const entities = parsedJson<{ total: number; needsAttention: number }>(row.entities);
    const readyAt = parsedJson<Record<string, string | null> | null>(row.readyAtByGroup) ?? {};
    details.set(row.employerId, {
      owner: parsedJson<{ name: string | null; email: string } | null>(row.owner),
      connection: row.connection?.id
        ? {
            assisted: row.connection.assisted,
            products: row.connection.products,
            verifiedAt: row.connection.verifiedAt,
            readyAtByGroup: Object.fromEntries(
              Object.entries(readyAt).map(([group, at]) => [group, at ? new Date(at) : null]),
            ),
          }
        : null,
      entities: entities.total > 0 ? entities : null,
    });
  }
  return details;
}

/** The employer a caller's own customer id names, or undefined (the data API's lookup). */
export async function getEmployerByCustomerId(
  { customerId }: { customerId: string },
  database?: Database,
): Promise<Employer | undefined> {
  const db = database ?? (await getDb());
  const [row] = await db
    .select()
    .from(employers)
    .where(eq(employers.customerId, customerId))
    .limit(1);
  return row;
}
