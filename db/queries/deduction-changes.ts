import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  isNotNull,
  lt,
  ne,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { getDb } from "@/db";
import {
  deductionChanges,
  employers,
  type DeductionChange,
  type NewDeductionChange,
} from "@/db/schema";
import type { DeductionChangeFilter, DeductionChangeStatus } from "@/lib/deductions/rules";

const OPEN: DeductionChangeStatus[] = ["pending", "in_progress"];

/**
 * Inserts a change, or, when its idempotency scope and key were used before, returns the
 * earlier one instead (`created: false`). The unique index makes this hold across instances.
 */
export async function insertDeductionChange(
  values: NewDeductionChange,
): Promise<{ change: DeductionChange; created: boolean }> {
  const db = await getDb();
  const [row] = await db.insert(deductionChanges).values(values).onConflictDoNothing().returning();
  if (row) return { change: row, created: true };
  if (!values.idempotencyScope || !values.idempotencyKey) {
    throw new Error("deduction change insert conflicted without an idempotency key");
  }
  const [existing] = await db
    .select()
    .from(deductionChanges)
    .where(
      and(
        eq(deductionChanges.idempotencyScope, values.idempotencyScope),
        eq(deductionChanges.idempotencyKey, values.idempotencyKey),
      ),
    );
  return { change: existing, created: false };
}

export async function getDeductionChange({
  id,
  employerId,
}: {
  id: string;
  employerId?: string;
}): Promise<DeductionChange | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(deductionChanges)
    .where(
      and(
        eq(deductionChanges.id, id),
        employerId ? eq(deductionChanges.employerId, employerId) : undefined,
      ),
    );
  return row;
}

export async function getDeductionChangeByJobId({
  finchJobId,
}: {
  finchJobId: string;
}): Promise<DeductionChange | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(deductionChanges)
    .where(eq(deductionChanges.finchJobId, finchJobId));
  return row;
}

/** Finch accepted the write: remember its job (and, for a new benefit, the benefit id). */
export async function recordChangeSent({
  id,
  finchJobId,
  benefitId,
  at,
}: {
  id: string;
  finchJobId: string;
  benefitId: string | null;
  at: Date;
}): Promise<DeductionChange> {
  const db = await getDb();
  const [row] = await db
    .update(deductionChanges)
    .set({
      finchJobId,
      ...(benefitId ? { benefitId } : {}),
      updatedAt: at,
    })
    .where(eq(deductionChanges.id, id))
    .returning();
  return row;
}

/**
 * Moves an open change to `status`. Ended changes are left alone (the guard in SQL keeps two
 * confirmations racing, e.g. a webhook and a sweep, from undoing each other). Returns the row
 * when this call changed it.
 */
export async function updateOpenChange({
  id,
  status,
  at,
  jobBody,
  confirmedBy,
  error,
}: {
  id: string;
  status: DeductionChangeStatus;
  at: Date;
  jobBody?: unknown[] | null;
  confirmedBy?: string | null;
  error?: string | null;
}): Promise<DeductionChange | undefined> {
  const db = await getDb();
  const ended = status === "complete" || status === "failed";
  const [row] = await db
    .update(deductionChanges)
    .set({
      status,
      lastCheckedAt: at,
      updatedAt: at,
      ...(jobBody !== undefined ? { jobBody } : {}),
      ...(ended ? { completedAt: at, confirmedBy: confirmedBy ?? null } : {}),
      ...(error !== undefined ? { error } : {}),
    })
    .where(
      and(
        eq(deductionChanges.id, id),
        inArray(deductionChanges.status, OPEN),
        // Only a real move counts as a change; a repeated answer just records the check below.
        ne(deductionChanges.status, status),
      ),
    )
    .returning();
  if (!row) {
    await db
      .update(deductionChanges)
      .set({ lastCheckedAt: at })
      .where(and(eq(deductionChanges.id, id), inArray(deductionChanges.status, OPEN)));
  }
  return row;
}

export async function recordVerification({
  id,
  verification,
  detail,
  at,
}: {
  id: string;
  verification: "matched" | "mismatch" | "not_readable";
  detail: string[];
  at: Date;
}): Promise<DeductionChange | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(deductionChanges)
    .set({ verification, verificationDetail: detail, verifiedAt: at, updatedAt: at })
    .where(eq(deductionChanges.id, id))
    .returning();
  return row;
}

/** Open changes Finch has a job for, least recently checked first (the sweep filters by cadence). */
export async function listOpenChangesWithJobs({
  limit,
}: {
  limit: number;
}): Promise<DeductionChange[]> {
  const db = await getDb();
  return db
    .select()
    .from(deductionChanges)
    .where(and(inArray(deductionChanges.status, OPEN), isNotNull(deductionChanges.finchJobId)))
    .orderBy(sql`${deductionChanges.lastCheckedAt} asc nulls first`, asc(deductionChanges.id))
    .limit(limit);
}

/** Completed changes whose read-back has not run yet. */
export async function listChangesAwaitingReadBack({
  limit,
}: {
  limit: number;
}): Promise<DeductionChange[]> {
  const db = await getDb();
  return db
    .select()
    .from(deductionChanges)
    .where(
      and(
        eq(deductionChanges.status, "complete"),
        isNull(deductionChanges.verification),
        inArray(deductionChanges.kind, ["enroll", "unenroll"]),
      ),
    )
    .orderBy(asc(deductionChanges.completedAt), asc(deductionChanges.id))
    .limit(limit);
}

function filterCondition(filter: DeductionChangeFilter, now: Date): SQL {
  switch (filter) {
    case "pending":
      return and(
        inArray(deductionChanges.status, OPEN),
        gte(deductionChanges.deadlineAt, now),
      ) as SQL;
    case "overdue":
      return and(
        inArray(deductionChanges.status, OPEN),
        lt(deductionChanges.deadlineAt, now),
      ) as SQL;
    case "failed":
      return eq(deductionChanges.status, "failed");
    case "complete":
      return eq(deductionChanges.status, "complete");
  }
}

export interface DeductionChangeRow extends DeductionChange {
  employerName: string;
}

/**
 * One page of changes, newest first, for one employer or all of them. `before` is the last
 * row of the previous page (keyset on requested_at, id), so pages stay exact at any size.
 */
export async function listDeductionChanges({
  employerId,
  filter,
  now,
  before,
  limit = 50,
}: {
  employerId?: string;
  filter?: DeductionChangeFilter;
  now: Date;
  before?: { requestedAt: Date; id: string };
  limit?: number;
}): Promise<DeductionChangeRow[]> {
  const db = await getDb();
  const rows = await db
    .select({ change: deductionChanges, employerName: employers.name })
    .from(deductionChanges)
    .innerJoin(employers, eq(employers.id, deductionChanges.employerId))
    .where(
      and(
        employerId ? eq(deductionChanges.employerId, employerId) : undefined,
        filter ? filterCondition(filter, now) : undefined,
        before
          ? or(
              lt(deductionChanges.requestedAt, before.requestedAt),
              and(
                eq(deductionChanges.requestedAt, before.requestedAt),
                lt(deductionChanges.id, before.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(deductionChanges.requestedAt), desc(deductionChanges.id))
    .limit(Math.min(limit, 200));
  return rows.map((r) => ({ ...r.change, employerName: r.employerName }));
}

function countWhere(condition: SQL) {
  return sql<number>`count(*) filter (where ${condition})`;
}

export type DeductionChangeCounts = Record<DeductionChangeFilter | "all", number>;

/** Exact counts per filter at `now`, bucketed in SQL. */
export async function countDeductionChanges({
  employerId,
  now,
}: {
  employerId?: string;
  now: Date;
}): Promise<DeductionChangeCounts> {
  const db = await getDb();
  const [row] = await db
    .select({
      all: count(),
      pending: countWhere(filterCondition("pending", now)),
      overdue: countWhere(filterCondition("overdue", now)),
      failed: countWhere(filterCondition("failed", now)),
      complete: countWhere(filterCondition("complete", now)),
    })
    .from(deductionChanges)
    .where(employerId ? eq(deductionChanges.employerId, employerId) : undefined);
  return {
    all: Number(row.all),
    pending: Number(row.pending),
    overdue: Number(row.overdue),
    failed: Number(row.failed),
    complete: Number(row.complete),
  };
}

/**
 * Changes that need someone at `now`: failed, or open past their deadline — oldest deadline
 * first. For the overview's alerts and for anything that raises issues from write-backs.
 */
export async function listFailedOrOverdueChanges({
  now,
  limit = 50,
  after,
}: {
  now: Date;
  limit?: number;
  after?: { deadlineAt: Date; id: string };
}): Promise<DeductionChangeRow[]> {
  const db = await getDb();
  const rows = await db
    .select({ change: deductionChanges, employerName: employers.name })
    .from(deductionChanges)
    .innerJoin(employers, eq(employers.id, deductionChanges.employerId))
    .where(
      and(
        or(filterCondition("failed", now), filterCondition("overdue", now)),
        after
          ? or(
              gt(deductionChanges.deadlineAt, after.deadlineAt),
              and(
                eq(deductionChanges.deadlineAt, after.deadlineAt),
                gt(deductionChanges.id, after.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(deductionChanges.deadlineAt), asc(deductionChanges.id))
    .limit(Math.min(limit, 500));
  return rows.map((r) => ({ ...r.change, employerName: r.employerName }));
}

/** What the write-back issue rules read about a change (lib/issues/write-back.ts). */
export type WriteBackChange = Pick<
  DeductionChange,
  "id" | "status" | "summary" | "requestedAt" | "deadlineAt" | "completedAt" | "error"
>;

/**
 * A connection's open and failed changes, every one (no limit: the issue says how many), oldest
 * deadline first. Whether an open one is overdue is decided in lib at the caller's `now`.
 */
export async function listOpenOrFailedChanges({
  employerId,
  connectionId,
}: {
  /** The employer too, so the lookup runs on deduction_changes_employer_idx. */
  employerId: string;
  connectionId: string;
}): Promise<WriteBackChange[]> {
  const db = await getDb();
  return db
    .select({
      id: deductionChanges.id,
      status: deductionChanges.status,
      summary: deductionChanges.summary,
      requestedAt: deductionChanges.requestedAt,
      deadlineAt: deductionChanges.deadlineAt,
      completedAt: deductionChanges.completedAt,
      error: deductionChanges.error,
    })
    .from(deductionChanges)
    .where(
      and(
        eq(deductionChanges.employerId, employerId),
        eq(deductionChanges.connectionId, connectionId),
        inArray(deductionChanges.status, [...OPEN, "failed"]),
      ),
    )
    .orderBy(asc(deductionChanges.deadlineAt), asc(deductionChanges.id));
}
