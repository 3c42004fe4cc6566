import {
  aliasedTable,
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lte,
  ne,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { getDb, type Database } from "@/db";
import {
  employerOwners,
  employers,
  issueNotes,
  issues,
  providerIncidents,
  users,
  type Issue,
  type IssueNote,
  type ProviderIncident,
} from "@/db/schema";
import type { IncidentChange, ProviderFailures } from "@/lib/issues/incidents";
import type { IssueKind } from "@/lib/issues/kinds";
import type { IssueChange, IssueQueueState, IssueRecord } from "@/lib/issues/lifecycle";

export interface AppliedIssueChange {
  change: IssueChange;
  issue: Issue;
}

function toRecord(issue: Issue): IssueRecord {
  return {
    kind: issue.kind as IssueKind,
    state: issue.state,
    severity: issue.severity,
    episode: issue.episode,
    snoozedUntil: issue.snoozedUntil,
  };
}

/**
 * Reads an employer's issues, lets `plan` (pure, lib/issues) decide and writes the changes, all
 * under a per-employer transaction lock, so two evaluators (two instances, a sweep and a
 * webhook) never both open, reopen or resolve the same issue. Issues of an employer's earlier
 * connections are planned with no conditions, so they resolve.
 */
export async function updateEmployerIssues({
  employerId,
  connection,
  now,
  plan,
}: {
  employerId: string;
  connection: { id: string; providerId: string } | null;
  now: Date;
  plan: (issues: IssueRecord[], current: boolean) => IssueChange[];
}): Promise<AppliedIssueChange[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`perch-issues:${employerId}`}))`);
    const existing = await tx.select().from(issues).where(eq(issues.employerId, employerId));
    const [owner] = await tx
      .select({ userId: employerOwners.userId })
      .from(employerOwners)
      .where(eq(employerOwners.employerId, employerId))
      .limit(1);
    const applied: AppliedIssueChange[] = [];
    const byConnection = new Map<string, Issue[]>();
    for (const issue of existing) {
      byConnection.set(issue.connectionId, [
        ...(byConnection.get(issue.connectionId) ?? []),
        issue,
      ]);
    }
    if (connection && !byConnection.has(connection.id)) byConnection.set(connection.id, []);
    for (const [connectionId, rows] of byConnection) {
      const current = connectionId === connection?.id;
      for (const change of plan(rows.map(toRecord), current)) {
        const row = rows.find((r) => r.kind === change.kind);
        const issue = await writeChange(tx, {
          change,
          row,
          employerId,
          connectionId,
          providerId: connection?.providerId ?? row?.providerId ?? null,
          ownerUserId: owner?.userId ?? null,
          now,
        });
        if (issue) applied.push({ change, issue });
      }
    }
    return applied;
  });
}

async function writeChange(
  tx: Database,
  args: {
    change: IssueChange;
    row: Issue | undefined;
    employerId: string;
    connectionId: string;
    providerId: string | null;
    ownerUserId: string | null;
    now: Date;
  },
): Promise<Issue | undefined> {
  const { change, row, now } = args;
  if (change.type === "resolve") {
    const [issue] = await tx
      .update(issues)
      .set({ state: "resolved", resolvedAt: now, updatedAt: now })
      .where(and(eq(issues.id, row!.id), eq(issues.state, "open")))
      .returning();
    return issue;
  }
  const { condition } = change;
  const seen = {
    severity: condition.severity,
    title: condition.title,
    detail: condition.detail,
    conditionSince: condition.since,
    lastSeenAt: now,
    updatedAt: now,
  };
  if (change.type === "open") {
    const [issue] = await tx
      .insert(issues)
      .values({
        ...seen,
        employerId: args.employerId,
        connectionId: args.connectionId,
        providerId: args.providerId,
        kind: change.kind,
        state: "open",
        firstSeenAt: now,
        openedAt: now,
        ownerUserId: args.ownerUserId,
      })
      .onConflictDoNothing()
      .returning();
    return issue;
  }
  if (change.type === "reopen") {
    // A new episode: what staff said about the last one (acknowledged, snoozed) no longer holds.
    const [issue] = await tx
      .update(issues)
      .set({
        ...seen,
        state: "open",
        episode: change.episode,
        openedAt: now,
        resolvedAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        snoozedUntil: null,
        snoozeReason: null,
        incidentId: null,
      })
      .where(and(eq(issues.id, row!.id), eq(issues.state, "resolved")))
      .returning();
    return issue;
  }
  const [issue] = await tx.update(issues).set(seen).where(eq(issues.id, row!.id)).returning();
  return issue;
}

/**
 * Employers whose issues may change: those the attention rules flag, those with a failed or
 * overdue deduction change, and those with an open issue (which may now resolve). Keyset-paged
 * by id so a run covers any number of employers.
 */
export async function listIssueCandidateEmployerIds({
  after,
  limit,
  now,
}: {
  after?: string;
  limit: number;
  /** Attention is true from its stored instant on, so a candidate is one whose instant has come. */
  now: Date;
}): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: employers.id })
    .from(employers)
    .where(
      and(
        or(
          lte(employers.attentionAt, now),
          // Written out: drizzle leaves columns unqualified here, which would bind to the subquery.
          sql`exists (select 1 from issues i where i.employer_id = "employers"."id" and i.state = 'open')`,
          // Failed or overdue deduction write-backs (lib/issues/write-back.ts decides which). Not
          // correlated, so it runs once per page on deduction_changes_status_idx (status, deadline_at).
          sql`"employers"."id" in (select d.employer_id from deduction_changes d where d.status = 'failed' or (d.status in ('pending', 'in_progress') and d.deadline_at < ${now.toISOString()}::timestamptz))`,
        ),
        after ? gt(employers.id, after) : undefined,
      ),
    )
    .orderBy(employers.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

// ── The work queue ──────────────────────────────────────────────────────────────

export interface IssueFilter {
  kind?: string;
  /** A user id, or "none" for unassigned. */
  owner?: string;
  state?: IssueQueueState;
  providerId?: string;
  employerId?: string;
}

function queueStateCondition(state: IssueQueueState, now: Date): SQL | undefined {
  const snoozed = and(sql`${issues.snoozedUntil} is not null`, gt(issues.snoozedUntil, now));
  const notSnoozed = or(isNull(issues.snoozedUntil), lte(issues.snoozedUntil, now));
  switch (state) {
    case "resolved":
      return eq(issues.state, "resolved");
    case "snoozed":
      return and(eq(issues.state, "open"), snoozed);
    case "acknowledged":
      return and(eq(issues.state, "open"), notSnoozed, sql`${issues.acknowledgedAt} is not null`);
    case "open":
      return and(eq(issues.state, "open"), notSnoozed, isNull(issues.acknowledgedAt));
  }
}

function filterConditions(filter: IssueFilter, now: Date, unresolvedOnly = false): SQL | undefined {
  return and(
    unresolvedOnly && !filter.state ? eq(issues.state, "open") : undefined,
    filter.kind ? eq(issues.kind, filter.kind) : undefined,
    filter.owner === "none"
      ? isNull(issues.ownerUserId)
      : filter.owner
        ? eq(issues.ownerUserId, filter.owner)
        : undefined,
    filter.state ? queueStateCondition(filter.state, now) : undefined,
    filter.providerId ? eq(issues.providerId, filter.providerId) : undefined,
    filter.employerId ? eq(issues.employerId, filter.employerId) : undefined,
  );
}

export type IssueListRow = Issue & {
  employerName: string;
  ownerEmail: string | null;
  ownerName: string | null;
};

const owners = aliasedTable(users, "owner");

export async function listIssues({
  filter,
  now,
  page = 1,
  pageSize = 50,
  unresolvedOnly = false,
}: {
  filter: IssueFilter;
  now: Date;
  page?: number;
  pageSize?: number;
  /** Without a state filter: only issues that are not resolved. */
  unresolvedOnly?: boolean;
}): Promise<IssueListRow[]> {
  const db = await getDb();
  const rows = await db
    .select({
      issue: issues,
      employerName: employers.name,
      ownerEmail: owners.email,
      ownerName: owners.name,
    })
    .from(issues)
    .innerJoin(employers, eq(employers.id, issues.employerId))
    .leftJoin(owners, eq(owners.id, issues.ownerUserId))
    .where(filterConditions(filter, now, unresolvedOnly))
    .orderBy(
      sql`case when ${issues.state} = 'open' then 0 else 1 end`,
      sql`case when ${issues.severity} = 'critical' then 0 else 1 end`,
      desc(issues.openedAt),
      asc(issues.id),
    )
    .limit(pageSize)
    .offset((Math.max(1, page) - 1) * pageSize);
  return rows.map((r) => ({
    ...r.issue,
    employerName: r.employerName,
    ownerEmail: r.ownerEmail,
    ownerName: r.ownerName,
  }));
}

/** The exact number of issues matching the filter (never the length of a page). */
export async function countIssues({
  filter,
  now,
  unresolvedOnly = false,
}: {
  filter: IssueFilter;
  now: Date;
  unresolvedOnly?: boolean;
}): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(issues)
    .where(filterConditions(filter, now, unresolvedOnly));
  return row.n;
}

/** Counts for the overview card: unresolved issues by queue state, and critical ones needing someone. */
export async function countIssuesByQueueState({ now }: { now: Date }): Promise<{
  open: number;
  acknowledged: number;
  snoozed: number;
  critical: number;
}> {
  const db = await getDb();
  const snoozed = sql`(${issues.snoozedUntil} is not null and ${gt(issues.snoozedUntil, now)})`;
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where not ${snoozed} and ${issues.acknowledgedAt} is null)`.mapWith(
        Number,
      ),
      acknowledged:
        sql<number>`count(*) filter (where not ${snoozed} and ${issues.acknowledgedAt} is not null)`.mapWith(
          Number,
        ),
      snoozed: sql<number>`count(*) filter (where ${snoozed})`.mapWith(Number),
      critical:
        sql<number>`count(*) filter (where not ${snoozed} and ${issues.severity} = 'critical')`.mapWith(
          Number,
        ),
    })
    .from(issues)
    .where(eq(issues.state, "open"));
  return row;
}

export async function getIssueById({ id }: { id: string }): Promise<IssueListRow | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({
      issue: issues,
      employerName: employers.name,
      ownerEmail: owners.email,
      ownerName: owners.name,
    })
    .from(issues)
    .innerJoin(employers, eq(employers.id, issues.employerId))
    .leftJoin(owners, eq(owners.id, issues.ownerUserId))
    .where(eq(issues.id, id))
    .limit(1);
  return row
    ? {
        ...row.issue,
        employerName: row.employerName,
        ownerEmail: row.ownerEmail,
        ownerName: row.ownerName,
      }
    : undefined;
}

export async function setIssueTriage({
  id,
  values,
  now,
}: {
  id: string;
  values: Partial<
    Pick<
      Issue,
      "acknowledgedAt" | "acknowledgedBy" | "ownerUserId" | "snoozedUntil" | "snoozeReason"
    >
  >;
  now: Date;
}): Promise<Issue | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(issues)
    .set({ ...values, updatedAt: now })
    .where(eq(issues.id, id))
    .returning();
  return row;
}

export async function addIssueNote(values: typeof issueNotes.$inferInsert): Promise<IssueNote> {
  const db = await getDb();
  const [row] = await db.insert(issueNotes).values(values).returning();
  return row;
}

export async function listIssueNotes({ issueId }: { issueId: string }): Promise<IssueNote[]> {
  const db = await getDb();
  return db
    .select()
    .from(issueNotes)
    .where(eq(issueNotes.issueId, issueId))
    .orderBy(asc(issueNotes.createdAt), asc(issueNotes.id))
    .limit(200);
}

/** Providers that have issues, for the queue's filter. */
export async function listIssueProviders(): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ providerId: issues.providerId })
    .from(issues)
    .where(sql`${issues.providerId} is not null`)
    .orderBy(issues.providerId)
    .limit(500);
  return rows.map((r) => r.providerId!);
}

// ── Employer owners ─────────────────────────────────────────────────────────────

export async function getEmployerOwner({ employerId }: { employerId: string }) {
  const db = await getDb();
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(employerOwners)
    .innerJoin(users, eq(users.id, employerOwners.userId))
    .where(eq(employerOwners.employerId, employerId))
    .limit(1);
  return row;
}

/** Sets (or clears, with null) the employer's owner; their unassigned open issues follow. */
export async function setEmployerOwner({
  employerId,
  userId,
  now,
}: {
  employerId: string;
  userId: string | null;
  now: Date;
}): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    if (!userId) {
      await tx.delete(employerOwners).where(eq(employerOwners.employerId, employerId));
      return;
    }
    await tx
      .insert(employerOwners)
      .values({ employerId, userId, updatedAt: now })
      .onConflictDoUpdate({ target: employerOwners.employerId, set: { userId, updatedAt: now } });
    await tx
      .update(issues)
      .set({ ownerUserId: userId, updatedAt: now })
      .where(
        and(
          eq(issues.employerId, employerId),
          eq(issues.state, "open"),
          isNull(issues.ownerUserId),
        ),
      );
  });
}

// ── Provider incidents ──────────────────────────────────────────────────────────

/**
 * Per provider: failure issues opened since `since`, failure issues open now, and the open
 * incident. Only providers with a recent failure or an open incident are returned.
 */
export async function providerFailureCounts({
  since,
  kinds,
}: {
  since: Date;
  kinds: readonly string[];
}): Promise<ProviderFailures[]> {
  const db = await getDb();
  const failing = and(eq(issues.state, "open"), inArray(issues.kind, [...kinds]));
  const counts = await db
    .select({
      providerId: issues.providerId,
      recent:
        sql<number>`count(distinct ${issues.connectionId}) filter (where ${gte(issues.openedAt, since)})`.mapWith(
          Number,
        ),
      open: sql<number>`count(distinct ${issues.connectionId})`.mapWith(Number),
    })
    .from(issues)
    .where(and(failing, sql`${issues.providerId} is not null`))
    .groupBy(issues.providerId)
    .having(sql`count(*) filter (where ${gte(issues.openedAt, since)}) > 0`);
  const open = await db.select().from(providerIncidents).where(eq(providerIncidents.state, "open"));
  const byProvider = new Map<string, ProviderFailures>();
  for (const c of counts) {
    byProvider.set(c.providerId!, {
      providerId: c.providerId!,
      recentFailures: c.recent,
      openFailures: c.open,
      openIncidentId: null,
    });
  }
  for (const incident of open) {
    const entry = byProvider.get(incident.providerId);
    if (entry) {
      entry.openIncidentId = incident.id;
      continue;
    }
    const [row] = await db
      .select({ n: sql<number>`count(distinct ${issues.connectionId})`.mapWith(Number) })
      .from(issues)
      .where(and(failing, eq(issues.providerId, incident.providerId)));
    byProvider.set(incident.providerId, {
      providerId: incident.providerId,
      recentFailures: 0,
      openFailures: row.n,
      openIncidentId: incident.id,
    });
  }
  return [...byProvider.values()];
}

/**
 * Writes one incident change. Opening is idempotent across evaluators (a partial unique index
 * allows one open incident per provider): only the evaluator that inserted gets the row back.
 * Open failure issues of the provider are linked to the incident.
 */
export async function applyIncidentChange({
  change,
  kinds,
  now,
}: {
  change: IncidentChange;
  kinds: readonly string[];
  now: Date;
}): Promise<{ incident: ProviderIncident; created: boolean; resolved: boolean } | undefined> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    let incident: ProviderIncident | undefined;
    let created = false;
    if (change.type === "open") {
      [incident] = await tx
        .insert(providerIncidents)
        .values({
          providerId: change.providerId,
          connections: change.connections,
          openedAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      created = Boolean(incident);
      if (!incident) return undefined;
    } else if (change.type === "update") {
      [incident] = await tx
        .update(providerIncidents)
        .set({ connections: change.connections, updatedAt: now })
        .where(
          and(eq(providerIncidents.id, change.incidentId), eq(providerIncidents.state, "open")),
        )
        .returning();
    } else {
      [incident] = await tx
        .update(providerIncidents)
        .set({ state: "resolved", resolvedAt: now, updatedAt: now })
        .where(
          and(eq(providerIncidents.id, change.incidentId), eq(providerIncidents.state, "open")),
        )
        .returning();
      return incident ? { incident, created: false, resolved: true } : undefined;
    }
    if (!incident) return undefined;
    await tx
      .update(issues)
      .set({ incidentId: incident.id })
      .where(
        and(
          eq(issues.providerId, incident.providerId),
          eq(issues.state, "open"),
          inArray(issues.kind, [...kinds]),
          or(isNull(issues.incidentId), ne(issues.incidentId, incident.id)),
        ),
      );
    return { incident, created, resolved: false };
  });
}

export async function getOpenIncidentProviders(): Promise<Set<string>> {
  const db = await getDb();
  const rows = await db
    .select({ providerId: providerIncidents.providerId })
    .from(providerIncidents)
    .where(eq(providerIncidents.state, "open"));
  return new Set(rows.map((r) => r.providerId));
}

export async function listIncidents({ limit = 20 }: { limit?: number } = {}): Promise<
  ProviderIncident[]
> {
  const db = await getDb();
  return db
    .select()
    .from(providerIncidents)
    .orderBy(
      sql`case when ${providerIncidents.state} = 'open' then 0 else 1 end`,
      desc(providerIncidents.openedAt),
    )
    .limit(limit);
}
