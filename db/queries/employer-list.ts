import { and, asc, count, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { connectionGroups, connections, employers, type Employer } from "@/db/schema";

export const EMPLOYER_SORTS = ["name", "status", "changed", "created"] as const;
export type EmployerSort = (typeof EMPLOYER_SORTS)[number];

export interface EmployerListFilter {
  /** Part of the name or customer id, any case. */
  q?: string;
  /** A connection status, or "none" for employers that have never connected. */
  status?: string;
  provider?: string;
  kind?: "assisted" | "automated";
  /** "any" for every employer that needs attention, or one alert kind. */
  attention?: string;
  /** Employers with a product group not ready yet and expected in [readyFromDays, readyToDays) days from `now`. */
  readyFromDays?: number;
  readyToDays?: number;
  now?: Date;
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
  total: number;
  nextCursor: string | null;
  prevCursor: string | null;
}

interface SortSpec {
  key: SQL;
  direction: "asc" | "desc";
}

/**
 * Each sort is a non-null expression plus the id, so keyset pages never skip or repeat rows.
 * Times are compared at millisecond precision, the precision a cursor carries through a Date.
 */
function sortSpec(sort: EmployerSort): SortSpec {
  switch (sort) {
    case "status":
      return { key: sql`coalesce(${employers.connectionStatus}, '')`, direction: "asc" };
    case "changed":
      return {
        key: sql`date_trunc('milliseconds', coalesce(${employers.statusChangedAt}, 'epoch'::timestamptz))`,
        direction: "desc",
      };
    case "created":
      return { key: sql`date_trunc('milliseconds', ${employers.createdAt})`, direction: "desc" };
    default:
      return { key: sql`lower(${employers.name})`, direction: "asc" };
  }
}

function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

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
  if (filter.status === "none") conditions.push(isNull(employers.connectionStatus));
  else if (filter.status) conditions.push(eq(employers.connectionStatus, filter.status));
  if (filter.provider) conditions.push(eq(employers.providerId, filter.provider));
  if (filter.kind) conditions.push(eq(employers.assisted, filter.kind === "assisted"));
  if (filter.attention === "any") conditions.push(eq(employers.needsAttention, true));
  else if (filter.attention) {
    conditions.push(sql`${filter.attention} = any(${employers.attentionKinds})`);
  }
  if (filter.readyToDays !== undefined && filter.now) {
    const from = new Date(filter.now.getTime() + (filter.readyFromDays ?? 0) * 86_400_000);
    const until = new Date(filter.now.getTime() + filter.readyToDays * 86_400_000);
    conditions.push(sql`exists (
      select 1 from ${connectionGroups} g join ${connections} c on c.id = g.connection_id
      where c.employer_id = ${employers.id} and c.disconnected_at is null and g.ready_at is null
        and g.expected_ready_at >= ${from.toISOString()}::timestamptz
        and g.expected_ready_at < ${until.toISOString()}::timestamptz)`);
  }
  return conditions;
}

/** A cursor that starts a page right after this sort key and id (also used by the benchmark). */
export function encodeCursor(key: unknown, id: string): string {
  const value = key instanceof Date ? { d: key.toISOString() } : { v: key };
  return Buffer.from(JSON.stringify({ ...value, id })).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { key: string; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      v?: string;
      d?: string;
      id?: string;
    };
    const key = parsed.d ?? parsed.v;
    if (typeof key !== "string" || typeof parsed.id !== "string") return null;
    if (!/^[0-9a-f-]{36}$/i.test(parsed.id)) return null;
    return { key, id: parsed.id };
  } catch {
    return null;
  }
}

function sortKeyOf(row: Employer, sort: EmployerSort): unknown {
  switch (sort) {
    case "status":
      return row.connectionStatus ?? "";
    case "changed":
      return row.statusChangedAt ?? new Date(0);
    case "created":
      return row.createdAt;
    default:
      return row.name.toLowerCase();
  }
}

/**
 * One page of the employer list. Keyset pagination on (sort key, id): every page costs the same
 * at 100,000 employers as at 100, and the name sort reads its own index.
 */
export async function listEmployers(
  query: EmployerListQuery,
  database?: Database,
): Promise<EmployerListPage> {
  const db = database ?? (await getDb());
  const sort = query.sort ?? "name";
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
  const { key, direction } = sortSpec(sort);
  const conditions = employerFilterConditions(query);
  const after = decodeCursor(query.after);
  const before = after ? null : decodeCursor(query.before);
  const cast = sort === "changed" || sort === "created" ? sql`::timestamptz` : sql``;
  // Going backwards reads the reverse order and flips the page afterwards.
  const forward = !before;
  const ascending = (direction === "asc") === forward;
  const cursor = after ?? before;
  const keyset = cursor
    ? ascending
      ? sql`(${key}, ${employers.id}) > (${cursor.key}${cast}, ${cursor.id}::uuid)`
      : sql`(${key}, ${employers.id}) < (${cursor.key}${cast}, ${cursor.id}::uuid)`
    : undefined;
  const order = ascending ? [asc(key), asc(employers.id)] : [desc(key), desc(employers.id)];

  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(employers)
      .where(and(...conditions, keyset))
      .orderBy(...order)
      .limit(pageSize + 1),
    db
      .select({ total: count() })
      .from(employers)
      .where(and(...conditions)),
  ]);
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (!forward) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = forward ? more : true;
  const hasPrev = forward ? Boolean(after) : more;
  return {
    rows: page,
    total: Number(total),
    nextCursor: hasNext && last ? encodeCursor(sortKeyOf(last, sort), last.id) : null,
    prevCursor: hasPrev && first ? encodeCursor(sortKeyOf(first, sort), first.id) : null,
  };
}

/** Every employer matching a filter, in pages, for the CSV export. */
export async function* iterateEmployers(
  filter: EmployerListFilter & { sort?: EmployerSort },
  batchSize = 1000,
): AsyncGenerator<Employer[]> {
  let after: string | undefined;
  for (;;) {
    const page = await listEmployers({ ...filter, after, pageSize: batchSize });
    if (page.rows.length) yield page.rows;
    if (!page.nextCursor || page.rows.length < batchSize) return;
    after = page.nextCursor;
  }
}

/** Distinct providers in use, for the filter. */
export async function listEmployerProviders(): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ provider: employers.providerId })
    .from(employers)
    .where(sql`${employers.providerId} is not null`)
    .orderBy(employers.providerId);
  return rows.map((r) => r.provider!).filter(Boolean);
}
