import { sql } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { parsedJson } from "@/db/json-column";
import { CURRENT_CONNECTION_FIRST, OF_OUTER_EMPLOYER } from "@/db/queries/current-connection";
import {
  connectionEntities,
  connectionGroups,
  connectionProducts,
  connections,
  employers,
  events,
  users,
} from "@/db/schema";
import type { Connection, Employer, User } from "@/db/schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A connection's entities as a data read needs them (lib/status/entities `entityScope`). */
export interface EntityRef {
  finchEntityId: string;
  status: string;
}

/** The user's row as a session check needs it (lib/auth `sessionHolder`). */
export type SessionUserRow = Pick<
  User,
  "id" | "email" | "name" | "role" | "active" | "sessionVersion"
>;

/** What a data read uses of a connection; the proxy's context query reads only these columns. */
export type ProxyConnection = Pick<
  Connection,
  | "id"
  | "employerId"
  | "status"
  | "accessTokenCiphertext"
  | "accessTokenKeyId"
  | "products"
  | "assisted"
  | "permissionsVerifiedAt"
  | "providerId"
  | "providerName"
>;

export interface ProxyContext {
  employerId: string;
  connection: ProxyConnection | null;
  /** The current connection's entities, oldest first; none for a single-entity connection. */
  entities: EntityRef[];
  /** The signed-in user's row, when a user id was given (undefined: no such user). */
  user: SessionUserRow | undefined;
}

/**
 * Everything a proxied call reads before it calls Finch, in one query (one round trip): the
 * employer, its current connection (the newest live one, else the newest), that connection's
 * entities and, for a signed-in caller, the user's row for the session check. Undefined when
 * there is no such employer.
 */
export async function getProxyContext({
  ref,
  userId = null,
}: {
  ref: { id: string } | { customerId: string };
  userId?: string | null;
}): Promise<ProxyContext | undefined> {
  if ("id" in ref && !UUID.test(ref.id)) return undefined;
  if (userId !== null && !UUID.test(userId)) userId = null;
  const queries = preparedQueries(await getDb());
  const [row] =
    "id" in ref
      ? await queries.contextById.execute({ id: ref.id, userId })
      : await queries.contextByCustomerId.execute({ customerId: ref.customerId, userId });
  if (!row) return undefined;
  const user = parsedJson<SessionUserRow | null>(row.user);
  return {
    employerId: row.employerId,
    connection: row.connection?.id ? row.connection : null,
    entities: parsedJson<EntityRef[]>(row.entities),
    user: user ?? undefined,
  };
}

/** The employer and its current connection (see getProxyContext), every column of both. */
export async function getEmployerWithCurrentConnection(
  ref: { id: string } | { customerId: string },
): Promise<{ employer: Employer; connection: Connection | null } | undefined> {
  if ("id" in ref && !UUID.test(ref.id)) return undefined;
  const db = await getDb();
  const current = db
    .select()
    .from(connections)
    .where(OF_OUTER_EMPLOYER)
    .orderBy(...CURRENT_CONNECTION_FIRST)
    .limit(1)
    .as("current");
  const [row] = await db
    .select({ employer: employers, connection: current._.selectedFields })
    .from(employers)
    .leftJoinLateral(current, sql`true`)
    .where(
      "id" in ref
        ? sql`${employers.id} = ${ref.id}::uuid`
        : sql`${employers.customerId} = ${ref.customerId}`,
    )
    .limit(1);
  if (!row) return undefined;
  return { employer: row.employer, connection: row.connection?.id ? row.connection : null };
}

/**
 * The context query, prepared once per database: every proxied call runs it, and a prepared
 * statement is parsed and planned once per connection instead of on each call. It reads only the
 * columns a read uses: mapping each column of a wide row back costs more than the query itself.
 */
const prepared = new WeakMap<object, ReturnType<typeof buildContextQueries>>();

function preparedQueries(db: Database) {
  let queries = prepared.get(db);
  if (!queries) {
    queries = buildContextQueries(db);
    prepared.set(db, queries);
  }
  return queries;
}

function buildContextQueries(db: Database) {
  const select = () => {
    const columns = {
      id: connections.id,
      employerId: connections.employerId,
      status: connections.status,
      accessTokenCiphertext: connections.accessTokenCiphertext,
      accessTokenKeyId: connections.accessTokenKeyId,
      products: connections.products,
      assisted: connections.assisted,
      permissionsVerifiedAt: connections.permissionsVerifiedAt,
      providerId: connections.providerId,
      providerName: connections.providerName,
    } satisfies Record<keyof ProxyConnection, unknown>;
    const current = db
      .select(columns)
      .from(connections)
      .where(OF_OUTER_EMPLOYER)
      .orderBy(...CURRENT_CONNECTION_FIRST)
      .limit(1)
      .as("current");
    return db
      .select({
        employerId: employers.id,
        connection: current._.selectedFields,
        entities: sql<unknown>`coalesce((
          select json_agg(json_build_object('finchEntityId', ce.finch_entity_id, 'status', ce.status)
            order by ce.created_at, ce.source_id)
          from ${connectionEntities} ce where ce.connection_id = ${current.id}), '[]'::json)`,
        user: sql<unknown>`(select json_build_object('id', u.id, 'email', u.email, 'name', u.name,
            'role', u.role, 'active', u.active, 'sessionVersion', u.session_version)
          from ${users} u where u.id = ${sql.placeholder("userId")}::uuid)`,
      })
      .from(employers)
      .leftJoinLateral(current, sql`true`);
  };
  return {
    contextById: select()
      .where(sql`${employers.id} = ${sql.placeholder("id")}::uuid`)
      .limit(1)
      .prepare("perch_proxy_context_by_id"),
    contextByCustomerId: select()
      .where(sql`${employers.customerId} = ${sql.placeholder("customerId")}`)
      .limit(1)
      .prepare("perch_proxy_context_by_customer_id"),
  };
}

/** When the event is news, judged against the product's row as it was before this call. */
export type ProxyEventRule =
  /** The call's group was not ready until now (its first 200). */
  | "group_ready"
  /** No row yet, or the last answer was neither a 202 nor transient (429, 5xx, unreachable). */
  | "pending_news"
  /** No row yet, or the last answer had another HTTP status. */
  | "status_news";

export interface ProxyCallRecord {
  connectionId: string;
  employerId: string;
  product: string;
  group: string | null;
  httpStatus: number | null;
  calledAt: Date;
  requestId: string | null;
  /** A 200: moves freshness, marks the product (and its group) ready. */
  ready: boolean;
  /** Finch's instant for the group's readiness (lib/status readinessInstant); calledAt is when Perch noticed. */
  readyAt?: Date | null;
  dataRetrievedAt: Date | null;
  lastAttemptedAt: Date | null;
  lastAttemptResult: string | null;
  /** Read the group's stored expected ready date (assisted pending answers). */
  wantsExpectedReadyAt: boolean;
  /** Used when no expected date is stored for the group yet. */
  expectedReadyFallback: Date | null;
  event: {
    rule: ProxyEventRule;
    type: string;
    summary: string;
    data: Record<string, unknown>;
    /** Add the expected ready date (stored, else the fallback) to the event's data. */
    withExpectedReadyAt: boolean;
    actorUserId: string | null;
    actorLabel: string | null;
  };
}

export interface ProxyCallRecorded {
  previousStatus: number | null;
  hadPrevious: boolean;
  expectedReadyAt: Date | null;
  eventRecorded: boolean;
  /**
   * Whether the call changed anything the attention rules read (the product's freshness, its
   * group's readiness): when not, the employer's alert instants stand as they are.
   */
  attentionInputsChanged: boolean;
}

const iso = (column: unknown) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

type Rows<T> = T[] | { rows: T[] };

/**
 * Everything a proxied call records, in one statement (one round trip, one implicit
 * transaction): the product's freshness row, its group's first readiness, and the event when
 * the answer is news. The product row is locked before it is read, so two calls at once cannot
 * both think they saw the transition.
 */
export async function recordProxyCall(call: ProxyCallRecord): Promise<ProxyCallRecorded> {
  const db = await getDb();
  const at = call.calledAt.toISOString();
  const ts = (value: Date | null) => (value ? value.toISOString() : null);
  const { event } = call;
  const expected = sql`coalesce(
      (select ${connectionGroups.expectedReadyAt} from ${connectionGroups}
        where ${connectionGroups.connectionId} = ${call.connectionId}
          and ${connectionGroups.group} = ${call.group}),
      ${ts(call.expectedReadyFallback)}::timestamptz)`;
  const news = {
    group_ready: sql`exists (select 1 from grp)`,
    pending_news: sql`(not exists (select 1 from prev) or (select s is not null and s <> 202
        and s <> 429 and s < 500 from prev))`,
    status_news: sql`(not exists (select 1 from prev)
        or (select s is distinct from ${call.httpStatus}::int from prev))`,
  }[event.rule];
  const data = event.withExpectedReadyAt
    ? sql`${JSON.stringify(event.data)}::jsonb || jsonb_build_object('expectedReadyAt', ${iso(expected)})`
    : sql`${JSON.stringify(event.data)}::jsonb`;
  const result = (await db.execute(sql`
    with prev as (
      select ${connectionProducts.lastHttpStatus} as s, ${connectionProducts.dataRetrievedAt} as d,
        ${connectionProducts.lastAttemptedAt} as la, ${connectionProducts.lastAttemptResult} as lr
      from ${connectionProducts}
      where ${connectionProducts.connectionId} = ${call.connectionId}
        and ${connectionProducts.product} = ${call.product}
      for update
    ), up as (
      insert into ${connectionProducts} (connection_id, product, last_http_status, last_called_at,
        last_request_id, data_retrieved_at, last_attempted_at, last_attempt_result, first_ready_at)
      values (${call.connectionId}, ${call.product}, ${call.httpStatus}::int, ${at}::timestamptz,
        ${call.requestId}, ${ts(call.dataRetrievedAt)}::timestamptz,
        ${ts(call.lastAttemptedAt)}::timestamptz, ${call.lastAttemptResult},
        case when ${call.ready} then ${at}::timestamptz end)
      on conflict (connection_id, product) do update set
        last_http_status = excluded.last_http_status,
        last_called_at = excluded.last_called_at,
        last_request_id = excluded.last_request_id,
        data_retrieved_at = coalesce(excluded.data_retrieved_at, ${connectionProducts}.data_retrieved_at),
        last_attempted_at = coalesce(excluded.last_attempted_at, ${connectionProducts}.last_attempted_at),
        last_attempt_result = coalesce(excluded.last_attempt_result, ${connectionProducts}.last_attempt_result),
        first_ready_at = coalesce(${connectionProducts}.first_ready_at, excluded.first_ready_at)
      returning 1
    ), grp as (
      insert into ${connectionGroups} (connection_id, product_group, ready_at, ready_noticed_at,
        ready_source)
      select ${call.connectionId}, ${call.group}, coalesce(${ts(call.readyAt ?? null)}::timestamptz,
        ${at}::timestamptz), ${at}::timestamptz, 'proxy'
      where ${call.ready} and ${call.group}::text is not null
      on conflict (connection_id, product_group) do update
        set ready_at = excluded.ready_at, ready_noticed_at = excluded.ready_noticed_at,
          ready_source = excluded.ready_source
        where ${connectionGroups}.ready_at is null
      returning 1
    ), ev as (
      insert into ${events} (occurred_at, source, type, employer_id, connection_id, actor_user_id,
        actor_label, summary, data)
      select ${at}::timestamptz, 'proxy', ${event.type}, ${call.employerId}, ${call.connectionId},
        ${event.actorUserId}::uuid, ${event.actorLabel}, ${event.summary}, ${data}
      where ${news}
      returning 1
    )
    select
      exists (select 1 from prev) as had_previous,
      (select s from prev) as previous_status,
      ${call.wantsExpectedReadyAt ? iso(expected) : sql`null::text`} as expected_ready_at,
      exists (select 1 from ev) as event_recorded,
      (not exists (select 1 from prev) or exists (select 1 from grp) or exists (
        select 1 from prev where
          (${ts(call.dataRetrievedAt)}::timestamptz is not null
            and d is distinct from ${ts(call.dataRetrievedAt)}::timestamptz)
          or (${ts(call.lastAttemptedAt)}::timestamptz is not null
            and la is distinct from ${ts(call.lastAttemptedAt)}::timestamptz)
          or (${call.lastAttemptResult}::text is not null
            and lr is distinct from ${call.lastAttemptResult}::text))) as attention_inputs_changed,
      (select count(*) from up) as upserted`)) as unknown as Rows<{
    had_previous: boolean;
    previous_status: number | null;
    expected_ready_at: string | null;
    event_recorded: boolean;
    attention_inputs_changed: boolean;
  }>;
  const [row] = Array.isArray(result) ? result : result.rows;
  return {
    hadPrevious: row.had_previous,
    previousStatus: row.previous_status,
    expectedReadyAt: row.expected_ready_at ? new Date(row.expected_ready_at) : null,
    eventRecorded: row.event_recorded,
    attentionInputsChanged: row.attention_inputs_changed,
  };
}
