import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

export const ROLES = ["admin", "operator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

// ── Staff and Auth.js ────────────────────────────────────────────────────────

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name"),
    email: text("email").notNull(),
    emailVerified: timestamp("email_verified", { withTimezone: true }),
    image: text("image"),
    passwordHash: text("password_hash"),
    role: text("role").$type<Role>().notNull().default("viewer"),
    active: boolean("active").notNull().default(true),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    ...timestamps,
    /** Bumped on sign-out and password reset; session tokens of an older version stop working. */
    sessionVersion: integer("session_version").notNull().default(0),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { withTimezone: true }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** Fixed-window counters shared by every instance (sign-in attempts, invite pages). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull().default(0),
  resetAt: timestamp("reset_at", { withTimezone: true }).notNull(),
});

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scope: text("scope").notNull().default("data:read"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("api_keys_hash_key").on(t.keyHash)],
);

// ── Employers and their Finch connections ───────────────────────────────────

export const employers = pgTable(
  "employers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** Our id for the employer, sent to Finch as customer_id. */
    customerId: text("customer_id").notNull(),
    contactEmail: text("contact_email"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    // Summary of the current connection, kept here so lists filter and sort on one table.
    connectionStatus: text("connection_status"),
    providerId: text("provider_id"),
    assisted: boolean("assisted"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    ...timestamps,
    // When each alert kind begins (lib/status/attention.ts); an alert holds while now >= it.
    attentionAt: timestamp("attention_at", { withTimezone: true }),
    pendingTooLongAt: timestamp("pending_too_long_at", { withTimezone: true }),
    configurationOverdueAt: timestamp("configuration_overdue_at", { withTimezone: true }),
    employerActionNeededAt: timestamp("employer_action_needed_at", { withTimezone: true }),
    reauthNeededAt: timestamp("reauth_needed_at", { withTimezone: true }),
    staleDataAt: timestamp("stale_data_at", { withTimezone: true }),
    // Kept by triggers on connection_groups and connection_products (migration 0006).
    /** The latest expected ready instant of the employer's unready, live product groups. */
    expectedReadyAt: timestamp("expected_ready_at", { withTimezone: true }),
    /** The latest Finch-Data-Retrieved of any product read for the employer. */
    lastRetrievedAt: timestamp("last_retrieved_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("employers_customer_id_key").on(t.customerId),
    // No pending list (fastupdate off): every name search reads these (migration 0010).
    index("employers_name_trgm_idx")
      .using("gin", sql`lower(${t.name}) gin_trgm_ops`)
      .with({ fastupdate: "off" }),
    index("employers_customer_id_trgm_idx")
      .using("gin", sql`lower(${t.customerId}) gin_trgm_ops`)
      .with({ fastupdate: "off" }),
    index("employers_name_sort_idx").on(sql`lower(${t.name})`, t.id),
    index("employers_status_idx").on(t.connectionStatus, t.statusChangedAt),
    index("employers_provider_idx").on(t.providerId),
    index("employers_created_idx").on(t.createdAt, t.id),
    ...(
      [
        "attentionAt",
        "pendingTooLongAt",
        "configurationOverdueAt",
        "employerActionNeededAt",
        "reauthNeededAt",
        "staleDataAt",
      ] as const
    ).map((column) =>
      index(`employers_${t[column].name}_idx`)
        .on(t[column])
        .where(sql`${t[column]} is not null and ${t.archivedAt} is null`),
    ),
    index("employers_status_sort_idx")
      .on(sql`(coalesce(${t.connectionStatus}, ''))`, t.id)
      .where(sql`${t.archivedAt} is null`),
    index("employers_changed_sort_idx")
      .on(sql`(coalesce(${t.statusChangedAt}, 'epoch'::timestamptz))`, t.id)
      .where(sql`${t.archivedAt} is null`),
    index("employers_expected_ready_sort_idx")
      .on(sql`(coalesce(${t.expectedReadyAt}, 'infinity'::timestamptz))`, t.id)
      .where(sql`${t.archivedAt} is null`),
    index("employers_retrieved_sort_idx")
      .on(sql`(coalesce(${t.lastRetrievedAt}, 'infinity'::timestamptz))`, t.id)
      .where(sql`${t.archivedAt} is null`),
  ],
);

export const connections = pgTable(
  "connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
    finchConnectionId: text("finch_connection_id").notNull(),
    providerId: text("provider_id").notNull(),
    providerName: text("provider_name"),
    /** Finch authentication method type: assisted, credential, oauth, api_token, api_credential. */
    authMethod: text("auth_method"),
    assisted: boolean("assisted").notNull().default(false),
    products: text("products")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text("status").notNull(),
    statusMessage: text("status_message"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    permissionsVerifiedAt: timestamp("permissions_verified_at", { withTimezone: true }),
    lastSuccessfulSync: timestamp("last_successful_sync", { withTimezone: true }),
    finchCompanyId: text("finch_company_id"),
    entityIds: text("entity_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    clientType: text("client_type"),
    connectionType: text("connection_type"),
    /** AES-256-GCM ciphertext of the Finch access token; null once disconnected. */
    accessTokenCiphertext: text("access_token_ciphertext"),
    accessTokenKeyId: text("access_token_key_id"),
    disconnectedAt: timestamp("disconnected_at", { withTimezone: true }),
    // Status sweep bookkeeping.
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    leaseOwner: text("lease_owner"),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    checkFailures: integer("check_failures").notNull().default(0),
    lastCheckError: text("last_check_error"),
    /** Last signed Finch webhook about this connection: while they flow, sweeps look less often. */
    lastWebhookAt: timestamp("last_webhook_at", { withTimezone: true }),
    ...timestamps,
    /** When Perch learnt of the verification; permissionsVerifiedAt is Finch's instant. */
    permissionsVerifiedNoticedAt: timestamp("permissions_verified_noticed_at", {
      withTimezone: true,
    }),
    /**
     * When the connection's data became ready by Perch's evidence, kept by a trigger on
     * connection_groups (migration 0007): assisted, all tracked groups ready; automated, the first.
     */
    groupsReadyAt: timestamp("groups_ready_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("connections_finch_connection_id_key").on(t.finchConnectionId),
    index("connections_employer_idx").on(t.employerId, t.createdAt),
    index("connections_status_idx").on(t.status),
    index("connections_provider_idx").on(t.providerId),
    index("connections_next_check_idx").on(t.nextCheckAt),
    // What the sweep's lease reads: live connections in due order.
    index("connections_due_idx")
      .on(t.nextCheckAt, t.id)
      .where(sql`${t.disconnectedAt} IS NULL AND ${t.accessTokenCiphertext} IS NOT NULL`),
  ],
);

/** Per product: what the data proxy last saw (freshness headers, status code). */
export const connectionProducts = pgTable(
  "connection_products",
  {
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    product: text("product").notNull(),
    lastHttpStatus: integer("last_http_status"),
    firstReadyAt: timestamp("first_ready_at", { withTimezone: true }),
    dataRetrievedAt: timestamp("data_retrieved_at", { withTimezone: true }),
    lastAttemptedAt: timestamp("last_attempted_at", { withTimezone: true }),
    lastAttemptResult: text("last_attempt_result"),
    lastRequestId: text("last_request_id"),
    lastCalledAt: timestamp("last_called_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.product] })],
);

/** Per product group (organization, payroll, deductions): when the configuration period ended. */
export const connectionGroups = pgTable(
  "connection_groups",
  {
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    group: text("product_group").notNull(),
    readyAt: timestamp("ready_at", { withTimezone: true }),
    readySource: text("ready_source"),
    expectedReadyAt: timestamp("expected_ready_at", { withTimezone: true }),
    /** When Perch learnt the group was ready; readyAt is Finch's own instant when it gave one. */
    readyNoticedAt: timestamp("ready_noticed_at", { withTimezone: true }),
    /** Kept by triggers (migration 0002): the employer, and live = connected and not archived. */
    employerId: uuid("employer_id"),
    live: boolean("live").notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.connectionId, t.group] }),
    index("connection_groups_expected_idx").on(t.expectedReadyAt),
    index("connection_groups_unready_idx")
      .on(t.expectedReadyAt)
      .where(sql`${t.readyAt} is null`),
    index("connection_groups_employer_idx").on(t.employerId),
    index("connection_groups_unready_live_idx")
      .on(t.expectedReadyAt, t.employerId)
      .where(sql`${t.readyAt} is null and ${t.live}`),
  ],
);

export const connectSessions = pgTable(
  "connect_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"new" | "reauth">().notNull(),
    finchSessionId: text("finch_session_id").notNull(),
    connectionId: uuid("connection_id").references(() => connections.id, { onDelete: "set null" }),
    inviteId: uuid("invite_id"),
    products: text("products").array().notNull(),
    manual: boolean("manual").notNull().default(false),
    integrationProvider: text("integration_provider"),
    integrationAuthMethod: text("integration_auth_method"),
    sandbox: text("sandbox"),
    redirectUri: text("redirect_uri"),
    /** Hash of the OAuth-style state bound to this session (redirect flow). */
    stateHash: text("state_hash"),
    status: text("status").notNull().default("created"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("connect_sessions_finch_session_key").on(t.finchSessionId),
    uniqueIndex("connect_sessions_state_key").on(t.stateHash),
    index("connect_sessions_employer_idx").on(t.employerId, t.createdAt),
  ],
);

/** Authorization codes already exchanged, so a replayed code never creates a second connection. */
export const exchangedCodes = pgTable("exchanged_codes", {
  codeHash: text("code_hash").primaryKey(),
  connectSessionId: uuid("connect_session_id").references(() => connectSessions.id, {
    onDelete: "set null",
  }),
  connectionId: uuid("connection_id").references(() => connections.id, { onDelete: "set null" }),
  status: text("status").$type<"exchanging" | "done" | "failed">().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** When the current exchange attempt took the claim; a stale claim may be taken over. */
  claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull().defaultNow(),
});

export const invites = pgTable(
  "invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    products: text("products").array().notNull(),
    manual: boolean("manual").notNull().default(true),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastOpenedAt: timestamp("last_opened_at", { withTimezone: true }),
    connectionId: uuid("connection_id").references(() => connections.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invites_token_hash_key").on(t.tokenHash),
    index("invites_employer_idx").on(t.employerId, t.createdAt),
  ],
);

// ── The append-only event log: timeline, audit log and webhook inbox are views of it ──

export const EVENT_SOURCES = [
  "connect",
  "introspect",
  "webhook",
  "proxy",
  "staff",
  "system",
] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    source: text("source").$type<EventSource>().notNull(),
    type: text("type").notNull(),
    employerId: uuid("employer_id").references(() => employers.id, { onDelete: "set null" }),
    connectionId: uuid("connection_id").references(() => connections.id, { onDelete: "set null" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Who did it, as shown in the audit log even if the user is later removed. */
    actorLabel: text("actor_label"),
    finchEventId: text("finch_event_id"),
    summary: text("summary").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex("events_finch_event_id_key").on(t.finchEventId),
    index("events_employer_idx").on(t.employerId, t.occurredAt),
    index("events_source_idx").on(t.source, t.occurredAt),
    index("events_actor_idx").on(t.actorUserId, t.occurredAt),
    index("events_occurred_idx").on(t.occurredAt),
    index("events_early_webhooks_idx")
      .on(sql`(${t.data}->>'finchConnectionId')`)
      .where(
        sql`${t.type} = 'webhook.received' and (${t.data}->>'outcome') = 'unknown_connection'`,
      ),
  ],
);

export type User = typeof users.$inferSelect;
export type Employer = typeof employers.$inferSelect;
export type Connection = typeof connections.$inferSelect;
export type ConnectionProduct = typeof connectionProducts.$inferSelect;
export type ConnectionGroup = typeof connectionGroups.$inferSelect;
export type ConnectSession = typeof connectSessions.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type Event = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
export type ApiKey = typeof apiKeys.$inferSelect;

// ── Deduction changes: every benefit write Perch sends to Finch, tracked to its deadline ──

export const deductionChanges = pgTable(
  "deduction_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    /** create_benefit, register_benefit, update_benefit, enroll, unenroll (lib/deductions/rules). */
    kind: text("kind").notNull(),
    /** Finch's benefit id; for create/register it is known once Finch has answered. */
    benefitId: text("benefit_id"),
    request: jsonb("request").$type<Record<string, unknown>>().notNull(),
    summary: text("summary").notNull(),
    individualCount: integer("individual_count").notNull().default(0),
    assisted: boolean("assisted").notNull(),
    /** pending, in_progress, complete, failed; "overdue" is derived from deadline_at and now. */
    status: text("status").notNull().default("pending"),
    finchJobId: text("finch_job_id"),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    requestedByApiKeyId: uuid("requested_by_api_key_id").references(() => apiKeys.id, {
      onDelete: "set null",
    }),
    requestedByLabel: text("requested_by_label").notNull(),
    /** `key:<api key id>` or `user:<user id>`: an Idempotency-Key is unique within its scope. */
    idempotencyScope: text("idempotency_scope"),
    idempotencyKey: text("idempotency_key"),
    /** SHA-256 of the request, so a reused Idempotency-Key with a different body is refused. */
    requestHash: text("request_hash").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }).notNull(),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /** What confirmed the outcome: job (polled), webhook, read_back. */
    confirmedBy: text("confirmed_by"),
    jobBody: jsonb("job_body").$type<unknown[] | null>(),
    error: text("error"),
    /** matched, mismatch, not_readable (provider does not let Finch read deductions back). */
    verification: text("verification"),
    verificationDetail: text("verification_detail")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("deduction_changes_idempotency_key").on(t.idempotencyScope, t.idempotencyKey),
    uniqueIndex("deduction_changes_finch_job_id_key").on(t.finchJobId),
    index("deduction_changes_employer_idx").on(t.employerId, t.requestedAt),
    index("deduction_changes_status_idx").on(t.status, t.deadlineAt),
    index("deduction_changes_requested_idx").on(t.requestedAt, t.id),
  ],
);

export type DeductionChange = typeof deductionChanges.$inferSelect;
export type NewDeductionChange = typeof deductionChanges.$inferInsert;
/**
 * Exact employer counts kept by statement triggers on employers (migration 0002), so the overview
 * and list totals never scan: dimension "all" (value ""), "status" ("" = never connected) and
 * "provider". Archived employers are not counted.
 */
export const employerTallies = pgTable(
  "employer_tallies",
  {
    dimension: text("dimension").$type<"all" | "status" | "provider">().notNull(),
    value: text("value").notNull(),
    employers: bigint("employers", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ name: "employer_tallies_pkey", columns: [t.dimension, t.value] })],
);

// ── Issues, provider incidents and notifications (acting on what Perch sees) ──

/** One provider's outage: many of its connections failing together, shown as one incident. */
export const providerIncidents = pgTable(
  "provider_incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: text("provider_id").notNull(),
    state: text("state").$type<"open" | "resolved">().notNull().default("open"),
    connections: integer("connections").notNull().default(0),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one open incident per provider, however many evaluators race to open it.
    uniqueIndex("provider_incidents_open_key")
      .on(t.providerId)
      .where(sql`state = 'open'`),
    index("provider_incidents_opened_idx").on(t.openedAt),
  ],
);

/** One record per (connection, kind): opened, resolved and reopened by lib/issues rules. */
export const issues = pgTable(
  "issues",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    providerId: text("provider_id"),
    kind: text("kind").notNull(),
    state: text("state").$type<"open" | "resolved">().notNull().default("open"),
    severity: text("severity").$type<"warning" | "critical">().notNull(),
    title: text("title").notNull(),
    detail: text("detail").notNull(),
    conditionSince: timestamp("condition_since", { withTimezone: true }),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    /** When the current episode opened (first seen, or the latest reopen). */
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    episode: integer("episode").notNull().default(1),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id, { onDelete: "set null" }),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    snoozedUntil: timestamp("snoozed_until", { withTimezone: true }),
    snoozeReason: text("snooze_reason"),
    incidentId: uuid("incident_id").references(() => providerIncidents.id, {
      onDelete: "set null",
    }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("issues_connection_kind_key").on(t.connectionId, t.kind),
    index("issues_state_idx").on(t.state, t.openedAt),
    index("issues_employer_idx").on(t.employerId, t.state),
    index("issues_provider_idx").on(t.providerId, t.state, t.openedAt),
    index("issues_owner_idx").on(t.ownerUserId, t.state),
  ],
);

export const issueNotes = pgTable(
  "issue_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    issueId: uuid("issue_id")
      .notNull()
      .references(() => issues.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorLabel: text("author_label").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("issue_notes_issue_idx").on(t.issueId, t.createdAt)],
);

/** The staff member who gets an employer's issues by default. */
export const employerOwners = pgTable("employer_owners", {
  employerId: uuid("employer_id")
    .primaryKey()
    .references(() => employers.id, { onDelete: "cascade" }),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const NOTIFICATION_CHANNELS = ["email", "slack", "webhook"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type DeliveryStatus = "pending" | "sent" | "failed" | "not_configured";

/**
 * Every message Perch sends or would send (the Outbox), and the delivery log with retries.
 * `deliveryKey` is unique: a message is enqueued once however many evaluators or retries
 * decide to send it. `thread` groups the messages of one issue (or one employer's reminders).
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryKey: text("delivery_key").notNull(),
    thread: text("thread").notNull(),
    channel: text("channel").$type<NotificationChannel>().notNull(),
    topic: text("topic").notNull(),
    employerId: uuid("employer_id").references(() => employers.id, { onDelete: "set null" }),
    issueId: uuid("issue_id").references(() => issues.id, { onDelete: "set null" }),
    recipient: text("recipient"),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    leaseOwner: text("lease_owner"),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** The app's clock when the message was decided (the demo clock in demo mode). */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("notification_deliveries_key").on(t.deliveryKey),
    index("notification_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("notification_deliveries_thread_idx").on(t.thread, t.id),
    index("notification_deliveries_created_idx").on(t.createdAt, t.id),
    index("notification_deliveries_employer_idx").on(t.employerId, t.topic),
  ],
);

export type ProviderIncident = typeof providerIncidents.$inferSelect;
export type Issue = typeof issues.$inferSelect;
export type IssueNote = typeof issueNotes.$inferSelect;
export type NotificationDelivery = typeof notificationDeliveries.$inferSelect;
export type NewNotificationDelivery = typeof notificationDeliveries.$inferInsert;
/**
 * Attention counts per alert kind (and "any"): how many unarchived employers' alerts had begun by
 * `countedUntil`, kept by a trigger on employers (migration 0002). Counts at `now` add the
 * instants in (countedUntil, now] from the kind's partial index; the sweep moves countedUntil on.
 */
export const attentionTallies = pgTable("attention_tallies", {
  kind: text("kind").primaryKey(),
  due: bigint("due", { mode: "number" }).notNull().default(0),
  countedUntil: timestamp("counted_until", { withTimezone: true }).notNull(),
});

/**
 * One row per legal entity of a connection (Finch's multi-entity connections): each has its own
 * status, the instant Finch verified its permissions (its countdowns start there) and when its
 * data was last retrieved. `employerId` is copied so lists count entities without a join.
 */
export const connectionEntities = pgTable(
  "connection_entities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => employers.id, { onDelete: "cascade" }),
    finchEntityId: text("finch_entity_id").notNull(),
    name: text("name"),
    sourceId: text("source_id"),
    status: text("status").notNull(),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    permissionsVerifiedAt: timestamp("permissions_verified_at", { withTimezone: true }),
    dataRetrievedAt: timestamp("data_retrieved_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("connection_entities_connection_entity_key").on(t.connectionId, t.finchEntityId),
    index("connection_entities_employer_status_idx").on(t.employerId, t.status),
  ],
);

export type ConnectionEntity = typeof connectionEntities.$inferSelect;

/**
 * Onboarding insight kept by statement triggers on invites and connections (migration 0007), so
 * the overview reads a few rows at any size. Weeks start on Monday, UTC. Per stage ("invited",
 * "connected", "verified", "ready"), how many reached it that week.
 */
export const onboardingStageWeeks = pgTable(
  "onboarding_stage_weeks",
  {
    stage: text("stage").$type<"invited" | "connected" | "verified" | "ready">().notNull(),
    week: date("week", { mode: "string" }).notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ name: "onboarding_stage_weeks_pkey", columns: [t.stage, t.week] })],
);

/**
 * Connections that became ready (connections.groups_ready_at) per week of readiness, provider and
 * whole days taken, measured from Finch's verification ("verified") or, where there is none (an
 * automated connection), from Connect ("connected"). Kept by the same triggers.
 */
export const timeToReadyWeeks = pgTable(
  "time_to_ready_weeks",
  {
    week: date("week", { mode: "string" }).notNull(),
    providerId: text("provider_id").notNull(),
    measuredFrom: text("measured_from").$type<"verified" | "connected">().notNull(),
    days: integer("days").notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: "time_to_ready_weeks_pkey",
      columns: [t.week, t.providerId, t.measuredFrom, t.days],
    }),
  ],
);
