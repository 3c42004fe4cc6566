/**
 * A realistic portfolio for tests and benchmarks: employers with connections in every status,
 * automated and assisted providers, product groups in every phase, freshness rows fresh, stale
 * and pending, and about six events per employer. Bulk-inserted with one `unnest` statement per
 * table and batch, so 100,000 employers take seconds on PostgreSQL.
 *
 * Every row is planned in memory first, from a seeded generator, and the summary is computed
 * from the plan with the same pure rules the app uses (`lib/status`), so a test can compare what
 * a page shows with what the seeder knows to be true.
 */
import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  ATTENTION_KINDS,
  attentionInstants,
  attentionSchedule,
  kindsDueAt,
  type AttentionSchedule,
} from "@/lib/status/attention";
import { addCalendarDays } from "@/lib/status/calendar";
import { connectionCountdowns, type ConfigurationPhase } from "@/lib/status/countdown";
import { freshness, type FreshnessState } from "@/lib/status/freshness";
import { nextCheckAt } from "@/lib/status/next-check";
import {
  DEFAULT_CONNECT_PRODUCTS,
  PRODUCT_GROUPS,
  groupsForProducts,
  type ProductGroup,
} from "@/lib/status/products";
import type { AlertKind } from "@/lib/status/sla";

export interface PortfolioOptions {
  employers: number;
  now: Date;
  seed?: number;
  /** Calendar of the countdowns (PERCH_TIME_ZONE); UTC by default. */
  timeZone?: string;
  /** Stored on every live connection; a dummy ciphertext by default (never decrypts). */
  token?: { ciphertext: string; keyId: string };
  /** Rows per insert statement. */
  batchSize?: number;
}

export interface PortfolioSummary {
  employers: number;
  archived: number;
  /** Employers not archived: what the overview and the list count. */
  active: number;
  connections: number;
  /** Active employers by their current connection's status ("none": never connected). */
  byStatus: Record<string, number>;
  byProvider: Record<string, number>;
  /** Countdowns of live (not disconnected) assisted connections of active employers. */
  phases: Record<Exclude<ConfigurationPhase, "not_applicable">, number>;
  /** Configuring countdowns by day number (1..14). */
  configuringByDay: Record<number, number>;
  /** Not-ready groups of live connections of active employers, by expected instant vs now. */
  expectedReady: { overdue: number; weeks: number[] };
  /** Active employers with a group expected in [now, now + 7 days). */
  employersReadyWithin7Days: number;
  /** Active employers with each alert at `now` (the same rules as the employer page). */
  attention: Record<AlertKind | "any", number>;
  /** Product freshness rows by state at `now`. */
  freshness: Record<FreshnessState, number>;
  groups: number;
  products: number;
  events: number;
  /** Connect invitations sent (about 60% of connected employers, half of the others). */
  invites: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const WEEKS = 6;

const AUTOMATED = ["gusto", "rippling", "bamboo_hr", "justworks", "deel", "quickbooks", "namely"];
const ASSISTED = ["adp_workforce_now", "paychex_flex", "paycom", "paycor", "ukg_pro", "workday"];
const WORDS = [
  "Acme",
  "Birch",
  "Cedar",
  "Delta",
  "Evergreen",
  "Falcon",
  "Granite",
  "Harbor",
  "Iris",
  "Juniper",
  "Kestrel",
  "Lumen",
  "Maple",
  "Nimbus",
  "Orchid",
  "Pioneer",
  "Quartz",
  "Redwood",
  "Summit",
  "Tidal",
];
const SUFFIXES = ["Logistics", "Health", "Foods", "Labs", "Builders", "Dental", "Retail", "Media"];
const PROBE_PRODUCTS: Record<ProductGroup, string> = {
  organization: "company",
  payroll: "payment",
  deductions: "benefits",
};

/** mulberry32: small, fast and reproducible. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  let r = random() * weighted.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const ASSISTED_STATUSES: [string, number][] = [
  ["connected", 45],
  ["processing", 20],
  ["pending", 8],
  ["error_no_account_setup", 4],
  ["error_permissions", 5],
  ["reauth", 6],
  ["disconnected", 12],
];
const AUTOMATED_STATUSES: [string, number][] = [
  ["connected", 75],
  ["reauth", 8],
  ["error_permissions", 5],
  ["disconnected", 12],
];

type Cell = string | number | boolean | null;
type Row = Record<string, Cell>;

/** A PostgreSQL array literal, so a whole column travels as one parameter. */
function arrayLiteral(values: Cell[]): string {
  const items = values.map((v) =>
    v === null ? "NULL" : `"${String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`,
  );
  return `{${items.join(",")}}`;
}

async function insertRows(
  db: Database,
  table: string,
  columns: [string, string][],
  rows: Row[],
  batchSize: number,
  /** Columns with one value for every row (arrays, which do not unnest row by row). */
  constants: [string, SQL][] = [],
): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const names = sql.raw([...columns, ...constants].map(([name]) => `"${name}"`).join(", "));
    const arrays = sql.join(
      columns.map(
        ([name, type]) => sql`${arrayLiteral(batch.map((row) => row[name]))}::${sql.raw(type)}[]`,
      ),
      sql`, `,
    );
    const values = constants.length
      ? sql`, ${sql.join(
          constants.map(([, value]) => value),
          sql`, `,
        )}`
      : sql``;
    await db.execute(
      sql`insert into ${sql.raw(`"${table}"`)} (${names}) select *${values} from unnest(${arrays})`,
    );
  }
}

const iso = (at: Date | null) => (at ? at.toISOString() : null);

function attentionColumns(schedule: AttentionSchedule | null): Row {
  const at = attentionInstants(schedule);
  return {
    attention_at: iso(at.attentionAt),
    pending_too_long_at: iso(at.pendingTooLongAt),
    configuration_overdue_at: iso(at.configurationOverdueAt),
    employer_action_needed_at: iso(at.employerActionNeededAt),
    reauth_needed_at: iso(at.reauthNeededAt),
    stale_data_at: iso(at.staleDataAt),
  };
}

export async function seedPortfolio(
  db: Database,
  options: PortfolioOptions,
): Promise<PortfolioSummary> {
  const { now, employers: count } = options;
  const seed = options.seed ?? 1;
  const timeZone = options.timeZone ?? "UTC";
  const batchSize = options.batchSize ?? 5000;
  const random = generator(seed);
  // A second stream for what was added later (invitations), so the rows above stay as they were.
  const later = generator(seed ^ 0x5eed);
  const token = options.token ?? {
    ciphertext: `v1.${randomBytes(12).toString("base64url")}.${randomBytes(16).toString("base64url")}.${randomBytes(32).toString("base64url")}`,
    keyId: "seed",
  };
  const ago = (maxMs: number, minMs = 0) =>
    new Date(now.getTime() - minMs - random() * (maxMs - minMs));
  const between = (a: Date, b: Date) =>
    new Date(a.getTime() + random() * (b.getTime() - a.getTime()));

  const employerRows: Row[] = [];
  const connectionRows: Row[] = [];
  const groupRows: Row[] = [];
  const productRows: Row[] = [];
  const eventRows: Row[] = [];
  const inviteRows: Row[] = [];
  const summary: PortfolioSummary = {
    employers: count,
    archived: 0,
    active: 0,
    connections: 0,
    byStatus: {},
    byProvider: {},
    phases: { waiting_for_permissions: 0, configuring: 0, overdue: 0, ready: 0 },
    configuringByDay: {},
    expectedReady: { overdue: 0, weeks: Array.from({ length: WEEKS }, () => 0) },
    employersReadyWithin7Days: 0,
    attention: {
      any: 0,
      ...(Object.fromEntries(ATTENTION_KINDS.map((k) => [k, 0])) as Record<AlertKind, number>),
    },
    freshness: { fresh: 0, stale: 0, pending: 0, no_data: 0, not_requested: 0 },
    groups: 0,
    products: 0,
    events: 0,
    invites: 0,
  };
  const bump = (record: Record<string, number>, key: string) => {
    record[key] = (record[key] ?? 0) + 1;
  };
  const products = [...DEFAULT_CONNECT_PRODUCTS];

  for (let i = 0; i < count; i++) {
    const employerId = uuid(random);
    const createdAt = ago(400 * DAY_MS, 30 * DAY_MS);
    const archived = random() < 0.02;
    const employer: Row = {
      id: employerId,
      name: `${WORDS[i % WORDS.length]} ${WORDS[Math.floor(random() * WORDS.length)]} ${SUFFIXES[i % SUFFIXES.length]} ${i}`,
      customer_id: `cus_${seed}_${String(i).padStart(7, "0")}`,
      contact_email: `payroll@employer${i}.example.com`,
      archived_at: archived ? iso(ago(20 * DAY_MS)) : null,
      created_at: iso(createdAt),
      updated_at: iso(createdAt),
      connection_status: null,
      provider_id: null,
      assisted: null,
      status_changed_at: null,
      ...attentionColumns(null),
    };
    employerRows.push(employer);
    let events = 1;
    eventRows.push({
      occurred_at: iso(createdAt),
      source: "staff",
      type: "employer.created",
      employer_id: employerId,
      connection_id: null,
      summary: "Employer added",
    });

    const connected = random() < 0.9;
    if (connected) {
      const assisted = random() < 0.45;
      const status = pick(random, assisted ? ASSISTED_STATUSES : AUTOMATED_STATUSES);
      const provider = assisted
        ? ASSISTED[Math.floor(random() * ASSISTED.length)]
        : AUTOMATED[Math.floor(random() * AUTOMATED.length)];
      const connectionId = uuid(random);
      const connectedAt = ago(40 * DAY_MS, 2 * HOUR_MS);
      const verified =
        assisted && !["pending", "error_no_account_setup"].includes(status)
          ? between(connectedAt, now)
          : null;
      const statusChangedAt =
        status === "pending"
          ? ago(5 * DAY_MS)
          : status === "processing"
            ? verified!
            : between(verified ?? connectedAt, now);
      const live = status !== "disconnected";

      // Product groups: created when Finch verified permissions; ready, configuring or overdue.
      const readyAtByGroup: Partial<Record<ProductGroup, Date | null>> = {};
      const freshnessByProduct: Record<
        string,
        { retrievedAt: Date | null; lastAttemptAt: Date | null; lastAttemptResult: string | null }
      > = {};
      for (const group of groupsForProducts(products)) {
        const probe = PROBE_PRODUCTS[group];
        let readyAt: Date | null = null;
        if (verified) {
          const expected = addCalendarDays(
            verified,
            PRODUCT_GROUPS[group].configurationDays,
            timeZone,
          );
          const readyChance = status === "connected" ? 0.85 : status === "processing" ? 0.25 : 0.5;
          const candidate = between(
            verified,
            new Date(Math.min(now.getTime(), expected.getTime() + 3 * DAY_MS)),
          );
          if (random() < readyChance && candidate.getTime() <= now.getTime()) readyAt = candidate;
          readyAtByGroup[group] = readyAt;
          groupRows.push({
            connection_id: connectionId,
            product_group: group,
            ready_at: iso(readyAt),
            ready_noticed_at: iso(readyAt),
            ready_source: readyAt ? "probe" : null,
            expected_ready_at: iso(expected),
          });
        }
        if (!assisted && status !== "disconnected") {
          // Automated groups are recorded when their data first answers: right after Connect.
          groupRows.push({
            connection_id: connectionId,
            product_group: group,
            ready_at: iso(connectedAt),
            ready_noticed_at: iso(connectedAt),
            ready_source: "probe",
            expected_ready_at: null,
          });
        }
        if (readyAt || (!assisted && status !== "disconnected")) {
          // About one in ten has missed a refresh (assisted: 7 days + 2 grace; automated: 24 h + 12).
          const late = random() < 0.1;
          const retrievedAt = assisted
            ? late
              ? ago(20 * DAY_MS, 9.5 * DAY_MS)
              : ago(8 * DAY_MS)
            : late
              ? ago(5 * DAY_MS, 37 * HOUR_MS)
              : ago(30 * HOUR_MS);
          const failed = random() < 0.05;
          freshnessByProduct[probe] = {
            retrievedAt,
            lastAttemptAt: failed ? ago(DAY_MS) : retrievedAt,
            lastAttemptResult: failed ? "error" : "success",
          };
          productRows.push({
            connection_id: connectionId,
            product: probe,
            last_http_status: 200,
            first_ready_at: iso(readyAt ?? connectedAt),
            data_retrieved_at: iso(retrievedAt),
            last_attempted_at: iso(freshnessByProduct[probe].lastAttemptAt),
            last_attempt_result: freshnessByProduct[probe].lastAttemptResult,
            last_request_id: uuid(random),
            last_called_at: iso(ago(DAY_MS)),
          });
        } else if (verified && live) {
          // Asked and told "not yet" (202): pending, not "never asked".
          productRows.push({
            connection_id: connectionId,
            product: probe,
            last_http_status: 202,
            first_ready_at: null,
            data_retrieved_at: null,
            last_attempted_at: null,
            last_attempt_result: null,
            last_request_id: uuid(random),
            last_called_at: iso(ago(DAY_MS)),
          });
        }
      }

      if (later() < 0.6) {
        const invitedAt = new Date(connectedAt.getTime() - later() * 3 * DAY_MS);
        inviteRows.push({
          id: uuid(later),
          employer_id: employerId,
          token_hash: `seed_${seed}_${i}_${uuid(later)}`,
          expires_at: iso(new Date(invitedAt.getTime() + 14 * DAY_MS)),
          last_opened_at: iso(connectedAt),
          connection_id: connectionId,
          created_at: iso(invitedAt),
        });
      }
      connectionRows.push({
        id: connectionId,
        employer_id: employerId,
        finch_connection_id: `seed_${seed}_${i}`,
        provider_id: provider,
        provider_name: provider,
        auth_method: assisted ? "assisted" : "credential",
        assisted,
        products: `{${products.join(",")}}`,
        status,
        status_changed_at: iso(statusChangedAt),
        permissions_verified_at: iso(verified),
        permissions_verified_noticed_at: iso(verified),
        access_token_ciphertext: live ? token.ciphertext : null,
        access_token_key_id: live ? token.keyId : null,
        disconnected_at: live ? null : iso(statusChangedAt),
        next_check_at: iso(
          random() < 0.1
            ? ago(HOUR_MS)
            : nextCheckAt({ status, assisted, now: new Date(now.getTime() - random() * HOUR_MS) }),
        ),
        created_at: iso(connectedAt),
        updated_at: iso(statusChangedAt),
      });
      summary.connections += 1;

      const schedule = attentionSchedule({
        status,
        statusChangedAt,
        assisted,
        products,
        verifiedAt: verified,
        readyAtByGroup,
        freshnessByProduct,
        timeZone,
      });
      Object.assign(employer, {
        connection_status: status,
        provider_id: provider,
        assisted,
        status_changed_at: iso(statusChangedAt),
        ...attentionColumns(schedule),
      });

      const stamp = (type: string, source: string, at: Date, text: string) => {
        events += 1;
        eventRows.push({
          occurred_at: iso(at),
          source,
          type,
          employer_id: employerId,
          connection_id: connectionId,
          summary: text,
        });
      };
      stamp("connect.session_created", "connect", connectedAt, "Connect session created");
      stamp("connection.created", "connect", connectedAt, `Connected through ${provider}`);
      stamp(
        "connection.status_changed",
        "introspect",
        statusChangedAt,
        `Status changed to ${status}`,
      );
      for (const [group, readyAt] of Object.entries(readyAtByGroup)) {
        if (readyAt && events < 6)
          stamp("data.ready", "introspect", readyAt, `${group} data is ready`);
      }
      while (events < 6)
        stamp(
          "webhook.received",
          "webhook",
          ago(30 * DAY_MS),
          "Finch: job.data_sync_all.completed",
        );

      if (!archived) {
        bump(summary.byProvider, provider);
        if (live && assisted) {
          for (const countdown of connectionCountdowns({
            products,
            assisted,
            verifiedAt: verified,
            readyAtByGroup,
            now,
            timeZone,
          })) {
            if (countdown.phase === "not_applicable") continue;
            summary.phases[countdown.phase] += 1;
            if (countdown.phase === "configuring")
              bump(summary.configuringByDay, String(countdown.day));
          }
          let within7 = false;
          for (const row of groupRows.slice(-groupsForProducts(products).length)) {
            if (row.connection_id !== connectionId || row.ready_at) continue;
            const expected = new Date(row.expected_ready_at as string).getTime();
            if (expected < now.getTime()) summary.expectedReady.overdue += 1;
            else {
              const week = Math.floor((expected - now.getTime()) / (7 * DAY_MS));
              if (week < WEEKS) summary.expectedReady.weeks[week] += 1;
              if (week === 0) within7 = true;
            }
          }
          if (within7) summary.employersReadyWithin7Days += 1;
        }
        const due = kindsDueAt(schedule, now);
        for (const kind of due) summary.attention[kind] += 1;
        if (due.length) summary.attention.any += 1;
      }
    }
    if (!connected && later() < 0.5) {
      const invitedAt = new Date(now.getTime() - later() * 60 * DAY_MS);
      inviteRows.push({
        id: uuid(later),
        employer_id: employerId,
        token_hash: `seed_${seed}_${i}_${uuid(later)}`,
        expires_at: iso(new Date(invitedAt.getTime() + 14 * DAY_MS)),
        last_opened_at: null,
        connection_id: null,
        created_at: iso(invitedAt),
      });
    }
    if (!archived) bump(summary.byStatus, (employer.connection_status as string | null) ?? "none");
    if (archived) summary.archived += 1;
  }
  summary.active = count - summary.archived;

  const assistedByConnection = new Map(connectionRows.map((c) => [c.id, c.assisted as boolean]));
  for (const row of productRows) {
    const state = freshness({
      assisted: assistedByConnection.get(row.connection_id as string) ?? false,
      retrievedAt: row.data_retrieved_at ? new Date(row.data_retrieved_at as string) : null,
      lastAttemptAt: row.last_attempted_at ? new Date(row.last_attempted_at as string) : null,
      lastAttemptResult: row.last_attempt_result as string | null,
      lastHttpStatus: row.last_http_status as number | null,
      now,
    }).state;
    summary.freshness[state] += 1;
  }

  await insertRows(
    db,
    "employers",
    [
      ["id", "uuid"],
      ["name", "text"],
      ["customer_id", "text"],
      ["contact_email", "text"],
      ["archived_at", "timestamptz"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
      ["connection_status", "text"],
      ["provider_id", "text"],
      ["assisted", "boolean"],
      ["status_changed_at", "timestamptz"],
      ["attention_at", "timestamptz"],
      ["pending_too_long_at", "timestamptz"],
      ["configuration_overdue_at", "timestamptz"],
      ["employer_action_needed_at", "timestamptz"],
      ["reauth_needed_at", "timestamptz"],
      ["stale_data_at", "timestamptz"],
    ],
    employerRows,
    batchSize,
  );
  await insertRows(
    db,
    "connections",
    [
      ["id", "uuid"],
      ["employer_id", "uuid"],
      ["finch_connection_id", "text"],
      ["provider_id", "text"],
      ["provider_name", "text"],
      ["auth_method", "text"],
      ["assisted", "boolean"],
      ["status", "text"],
      ["status_changed_at", "timestamptz"],
      ["permissions_verified_at", "timestamptz"],
      ["permissions_verified_noticed_at", "timestamptz"],
      ["access_token_ciphertext", "text"],
      ["access_token_key_id", "text"],
      ["disconnected_at", "timestamptz"],
      ["next_check_at", "timestamptz"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
    ],
    connectionRows,
    batchSize,
  );
  // Arrays of arrays do not unnest row by row; every seeded connection has the same products.
  await db.execute(
    sql`update connections set products = ${`{${products.join(",")}}`}::text[] where finch_connection_id like ${`seed\\_${seed}\\_%`}`,
  );
  await insertRows(
    db,
    "connection_groups",
    [
      ["connection_id", "uuid"],
      ["product_group", "text"],
      ["ready_at", "timestamptz"],
      ["ready_noticed_at", "timestamptz"],
      ["ready_source", "text"],
      ["expected_ready_at", "timestamptz"],
    ],
    groupRows,
    batchSize,
  );
  await insertRows(
    db,
    "invites",
    [
      ["id", "uuid"],
      ["employer_id", "uuid"],
      ["token_hash", "text"],
      ["expires_at", "timestamptz"],
      ["last_opened_at", "timestamptz"],
      ["connection_id", "uuid"],
      ["created_at", "timestamptz"],
    ],
    inviteRows,
    batchSize,
    [["products", sql`${`{${products.join(",")}}`}::text[]`]],
  );
  await insertRows(
    db,
    "connection_products",
    [
      ["connection_id", "uuid"],
      ["product", "text"],
      ["last_http_status", "integer"],
      ["first_ready_at", "timestamptz"],
      ["data_retrieved_at", "timestamptz"],
      ["last_attempted_at", "timestamptz"],
      ["last_attempt_result", "text"],
      ["last_request_id", "text"],
      ["last_called_at", "timestamptz"],
    ],
    productRows,
    batchSize,
  );
  await insertRows(
    db,
    "events",
    [
      ["occurred_at", "timestamptz"],
      ["source", "text"],
      ["type", "text"],
      ["employer_id", "uuid"],
      ["connection_id", "uuid"],
      ["summary", "text"],
    ],
    eventRows,
    batchSize,
  );
  // As autovacuum would: statistics, and a visibility map so counts can read indexes only.
  await db.execute(sql`vacuum analyze`);

  summary.groups = groupRows.length;
  summary.products = productRows.length;
  summary.events = eventRows.length;
  summary.invites = inviteRows.length;
  return summary;
}
