import type { CompanyBenefit } from "./data/types";

/** The emulator's durable records. Everything here is JSON, persisted as-is by `state.ts`. */

export const CONNECTION_STATUSES = [
  "pending",
  "processing",
  "connected",
  "error_no_account_setup",
  "error_permissions",
  "reauth",
] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];
export type ReportedStatus = ConnectionStatus | "disconnected";

export const AUTH_METHODS = ["assisted", "credential", "api_token", "oauth"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export type AssistedScenario = "success" | "no_account_setup" | "wrong_permissions";

/**
 * A status change on a connection's timeline. `resume` lifts a forced status (e.g. after
 * re-authentication); `scheduled` marks automatic transitions that a forced status cancels.
 */
export interface StatusEvent {
  at: number;
  status: ReportedStatus | "resume";
  scheduled?: boolean;
}

export type SandboxEdit =
  | { at: number; kind: "company"; company: Record<string, unknown> }
  | { at: number; kind: "individual"; individualId: string; patch: Record<string, unknown> }
  | { at: number; kind: "employment"; individualId: string; patch: Record<string, unknown> }
  | { at: number; kind: "hire"; individualId: string; fields: Record<string, unknown> }
  | {
      at: number;
      kind: "payment";
      paymentId: string;
      payDate: string;
      startDate: string;
      endDate: string;
      statements: Record<string, unknown>[] | null;
    }
  /** The provider deleted a record (an emulator control; Finch's sandbox has no delete). */
  | { at: number; kind: "remove_individual"; individualId: string }
  | { at: number; kind: "remove_payment"; paymentId: string };

/**
 * One legal entity of a multi-entity connection (Finch: "a grouping of employees within a payroll
 * system, e.g. divisions, EINs"). Each has its own status timeline; single-entity connections
 * keep none and use the connection's own `entityId` and timeline.
 */
export interface EntityRecord {
  id: string;
  /** The provider's own identifier for the entity (Finch's `source_id`). */
  sourceId: string;
  name: string;
  statusEvents: StatusEvent[];
}

export type JobCompletion = "complete" | "reauth_error" | "permissions_error" | "error";

export interface ConnectionRecord {
  id: string;
  companyId: string;
  accountId: string;
  entityId: string;
  /** Present when the employer connected two or more entities; the first is `entityId`. */
  entities?: EntityRecord[];
  providerId: string;
  authMethod: AuthMethod;
  products: string[];
  customerId: string | null;
  customerName: string | null;
  customerEmail: string | null;
  clientType: "production" | "sandbox" | "development";
  connectionType: "provider" | "finch";
  username: string | null;
  createdAt: number;
  employeeCount: number;
  /** Sandbox connections pay on their creation day; others on a seed-chosen Friday cadence. */
  payDayAnchor: "creation" | "seed";
  /** False when Finch generates a single pay period only (sandbox employee_size > 100). */
  payrollHistory: boolean;
  statusEvents: StatusEvent[];
  /** Extra time Finch needs to configure an assisted connection beyond the usual periods. */
  configurationDelayMs?: number;
  edits: SandboxEdit[];
  sandboxJobCompletion: JobCompletion;
  /** `<origin><apiBasePath>` of the request that created it, for `job_url`s in later webhooks. */
  apiBaseUrl: string;
}

export interface TokenRecord {
  id: string;
  hash: string;
  connectionId: string;
  accountId: string;
  products: string[];
  createdAt: number;
  revokedAt: number | null;
}

export interface SessionRecord {
  id: string;
  kind: "new" | "reauth";
  connectionId: string | null;
  customerId: string;
  customerName: string;
  customerEmail: string | null;
  products: string[];
  redirectUri: string | null;
  manual: boolean;
  integration: { provider: string; authMethod: AuthMethod | null } | null;
  sandbox: "finch" | "provider" | null;
  createdAt: number;
  expiresAt: number;
  completedAt: number | null;
}

export interface CodeRecord {
  hash: string;
  sessionId: string;
  connectionId: string;
  products: string[];
  redirectUri: string | null;
  expiresAt: number;
  usedAt: number | null;
}

export interface JobRecord {
  id: string;
  connectionId: string;
  source: "automated" | "sandbox";
  createdAt: number;
  startedAt: number;
  completedAt: number;
  completion: JobCompletion;
  /** A sandbox refresh of an assisted connection: it syncs the data but Finch creates no visible job. */
  silent?: boolean;
}

/** A `w4_form_employee_sync` job: once complete, the individual's W-4 documents are listed. */
export interface W4JobRecord {
  id: string;
  connectionId: string;
  individualId: string;
  createdAt: number;
  startedAt: number;
  completedAt: number;
}

/** A pay statement item rule (`/employer/pay-statement-item/rule`); deleted rules stay, stamped. */
export interface PayStatementItemRuleRecord {
  id: string;
  connectionId: string;
  attributes: { metadata: Record<string, unknown> };
  conditions: { field: string; operator: "equals"; value: string }[];
  effectiveStartDate: string | null;
  effectiveEndDate: string | null;
  priority: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** A benefit write (`/employer/benefits*`) tracked as a `/jobs/manual/{id}` job. */
export interface BenefitJobRecord {
  id: string;
  connectionId: string;
  kind:
    | "benefit_create"
    | "benefit_register"
    | "benefit_update"
    | "benefit_enroll"
    | "benefit_unenroll";
  benefitId: string;
  createdAt: number;
  startedAt: number;
  completedAt: number;
  completion: "complete" | "error";
  /** create / register: the benefit as written. */
  benefit?: {
    type: CompanyBenefit["type"];
    description: string;
    frequency: CompanyBenefit["frequency"];
    company_contribution: CompanyBenefit["company_contribution"];
  };
  /** update: the new description. */
  description?: string;
  /** enroll: who, with what configuration. */
  enrollments?: {
    individual_id: string;
    configuration: {
      employee_deduction?: { type: "fixed" | "percent"; amount: number };
      company_contribution?:
        | { type: "fixed" | "percent"; amount: number }
        | { type: "tiered"; tiers: { match: number; threshold: number }[] };
      annual_maximum?: number | null;
      catch_up?: boolean;
      annual_contribution_limit?: "individual" | "family";
      effective_date?: string;
    };
  }[];
  /** unenroll: who. */
  individualIds?: string[];
}

export interface FaultRule {
  id: string;
  path: string;
  method?: string;
  rate_429?: number;
  retry_after?: number;
  rate_5xx?: number;
  status_5xx?: number;
  latency_ms?: number;
  /** When set, exactly this many more matching calls fail; the rule is then removed. */
  count?: number;
}

export interface QueuedWebhook {
  eventId: string;
  eventType: string;
  connectionId: string;
  body: string;
  enqueuedAt: number;
  attempts: number;
  nextAttemptAt: number;
}

export interface DeliveryLogEntry {
  eventId: string;
  eventType: string;
  connectionId: string;
  attempt: number;
  at: string;
  outcome: "delivered" | "failed" | "gave_up";
  status: number | null;
  error: string | null;
}

export interface EmulatorState {
  version: 1;
  clockOffsetMs: number;
  lastTickAt: number | null;
  sessions: Record<string, SessionRecord>;
  codes: Record<string, CodeRecord>;
  tokens: Record<string, TokenRecord>;
  connections: Record<string, ConnectionRecord>;
  jobs: Record<string, JobRecord>;
  benefitJobs: Record<string, BenefitJobRecord>;
  w4Jobs: Record<string, W4JobRecord>;
  payStatementItemRules: Record<string, PayStatementItemRuleRecord>;
  faults: FaultRule[];
  scenario: {
    next: AssistedScenario;
    pendingHours: number;
    /** How the next benefit write's job ends (a test hook for Finch's documented `error`). */
    nextBenefitJob?: "complete" | "error";
    /** Days the next assisted connection's configuration runs past Finch's periods (once). */
    nextConfigurationDelayDays?: number;
  };
  webhookQueue: QueuedWebhook[];
  webhookLog: DeliveryLogEntry[];
}

export function emptyState(): EmulatorState {
  return {
    version: 1,
    clockOffsetMs: 0,
    lastTickAt: null,
    sessions: {},
    codes: {},
    tokens: {},
    connections: {},
    jobs: {},
    benefitJobs: {},
    w4Jobs: {},
    payStatementItemRules: {},
    faults: [],
    scenario: { next: "success", pendingHours: 4 },
    webhookQueue: [],
    webhookLog: [],
  };
}
