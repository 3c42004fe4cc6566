import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { getDb } from "@/db";
import {
  employers,
  events,
  notificationDeliveries,
  type DeliveryStatus,
  type NewNotificationDelivery,
  type NotificationChannel,
  type NotificationDelivery,
} from "@/db/schema";

/**
 * Adds messages to the outbox. A message whose delivery key exists is skipped, so evaluators
 * racing on several instances, or a retried run, enqueue each message once. Returns the new rows.
 */
export async function enqueueDeliveries(
  rows: NewNotificationDelivery[],
): Promise<NotificationDelivery[]> {
  if (!rows.length) return [];
  const db = await getDb();
  // Due from the same (JavaScript, millisecond) clock leaseDueDeliveries compares with: the
  // database's now() has microseconds and would put a message sent at once just out of reach.
  const enqueuedAt = new Date();
  return db
    .insert(notificationDeliveries)
    .values(rows.map((row) => ({ ...row, nextAttemptAt: row.nextAttemptAt ?? enqueuedAt })))
    .onConflictDoNothing()
    .returning();
}

/**
 * Leases pending deliveries that are due. `FOR UPDATE SKIP LOCKED` and the lease keep two
 * senders (instances, overlapping runs) from sending the same message.
 */
export async function leaseDueDeliveries({
  owner,
  now,
  leaseMs,
  limit,
  ids,
}: {
  owner: string;
  /** Wall-clock time: retries and leases are about real processes and real endpoints. */
  now: Date;
  leaseMs: number;
  limit: number;
  ids?: number[];
}): Promise<NotificationDelivery[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: notificationDeliveries.id })
      .from(notificationDeliveries)
      .where(
        and(
          eq(notificationDeliveries.status, "pending"),
          lte(notificationDeliveries.nextAttemptAt, now),
          or(isNull(notificationDeliveries.leaseUntil), lt(notificationDeliveries.leaseUntil, now)),
          ids ? inArray(notificationDeliveries.id, ids) : undefined,
        ),
      )
      .orderBy(asc(notificationDeliveries.nextAttemptAt), asc(notificationDeliveries.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (!due.length) return [];
    return tx
      .update(notificationDeliveries)
      .set({ leaseUntil: new Date(now.getTime() + leaseMs), leaseOwner: owner })
      .where(
        inArray(
          notificationDeliveries.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

/** Records one attempt's outcome; only the lease holder may. */
export async function finishDelivery({
  id,
  owner,
  status,
  error,
  nextAttemptAt,
  sentAt,
}: {
  id: number;
  owner: string;
  status: DeliveryStatus;
  error: string | null;
  nextAttemptAt?: Date;
  sentAt?: Date;
}): Promise<void> {
  const db = await getDb();
  await db
    .update(notificationDeliveries)
    .set({
      status,
      lastError: error,
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      leaseUntil: null,
      leaseOwner: null,
      ...(nextAttemptAt ? { nextAttemptAt } : {}),
      ...(sentAt ? { sentAt } : {}),
    })
    .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.leaseOwner, owner)));
}

/** Replay from the delivery log: the same message (same id and key) goes out again. */
export async function requeueDelivery({
  id,
  now,
}: {
  id: number;
  now: Date;
}): Promise<NotificationDelivery | undefined> {
  const db = await getDb();
  const [row] = await db
    .update(notificationDeliveries)
    .set({ status: "pending", nextAttemptAt: now, leaseUntil: null, leaseOwner: null })
    .where(
      and(eq(notificationDeliveries.id, id), sql`${notificationDeliveries.status} <> 'pending'`),
    )
    .returning();
  return row;
}

export interface OutboxFilter {
  channel?: NotificationChannel;
  status?: DeliveryStatus;
  employerId?: string;
  issueId?: string;
  topic?: string;
}

function outboxConditions(filter: OutboxFilter): SQL | undefined {
  return and(
    filter.channel ? eq(notificationDeliveries.channel, filter.channel) : undefined,
    filter.status ? eq(notificationDeliveries.status, filter.status) : undefined,
    filter.employerId ? eq(notificationDeliveries.employerId, filter.employerId) : undefined,
    filter.topic ? eq(notificationDeliveries.topic, filter.topic) : undefined,
    filter.issueId ? eq(notificationDeliveries.issueId, filter.issueId) : undefined,
  );
}

export type OutboxRow = NotificationDelivery & { employerName: string | null };

export async function listOutbox({
  filter = {},
  before,
  limit = 50,
}: {
  filter?: OutboxFilter;
  before?: number;
  limit?: number;
}): Promise<OutboxRow[]> {
  const db = await getDb();
  const rows = await db
    .select({ delivery: notificationDeliveries, employerName: employers.name })
    .from(notificationDeliveries)
    .leftJoin(employers, eq(employers.id, notificationDeliveries.employerId))
    .where(
      and(outboxConditions(filter), before ? lt(notificationDeliveries.id, before) : undefined),
    )
    .orderBy(desc(notificationDeliveries.id))
    .limit(Math.min(limit, 200));
  return rows.map((r) => ({ ...r.delivery, employerName: r.employerName }));
}

export async function countOutbox({ filter = {} }: { filter?: OutboxFilter }): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(notificationDeliveries)
    .where(outboxConditions(filter));
  return row.n;
}

export async function getDelivery({
  id,
}: {
  id: number;
}): Promise<NotificationDelivery | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.id, id))
    .limit(1);
  return row;
}

/** The latest message id of a thread on one channel, so e-mail can reply to it (one thread per issue). */
export async function firstInThread({
  thread,
  channel,
}: {
  thread: string;
  channel: NotificationChannel;
}): Promise<NotificationDelivery | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(notificationDeliveries)
    .where(
      and(eq(notificationDeliveries.thread, thread), eq(notificationDeliveries.channel, channel)),
    )
    .orderBy(asc(notificationDeliveries.id))
    .limit(1);
  return row;
}

/** How many reminders of one wait were already enqueued, by their number in the payload. */
export async function lastReminderNumber({ thread }: { thread: string }): Promise<number | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      n: sql<number | null>`max((${notificationDeliveries.payload}->>'reminder')::int)`,
    })
    .from(notificationDeliveries)
    .where(
      and(eq(notificationDeliveries.thread, thread), eq(notificationDeliveries.topic, "reminder")),
    );
  return row?.n === null || row?.n === undefined ? null : Number(row.n);
}

/** Reminder schedules end within 60 days (see parseReminderDays). */
const MAX_WAIT_DAYS = 60;

export interface ReminderCandidate {
  employerId: string;
  name: string;
  contactEmail: string;
  status: string | null;
  statusChangedAt: Date | null;
  providerId: string | null;
  /** The employer's newest live connection, if any. */
  connectionId: string | null;
  openInviteCreatedAt: Date | null;
}

/**
 * Employers with a contact e-mail who may be waited on: a connection in a status only they can
 * fix, or no connection and a live invite. Keyset-paged by id.
 */
export async function listReminderCandidates({
  now,
  statuses,
  after,
  limit,
}: {
  now: Date;
  statuses: readonly string[];
  after?: string;
  limit: number;
}): Promise<ReminderCandidate[]> {
  const db = await getDb();
  // The wait began with the first unused link staff sent (within the longest schedule); links
  // Perch itself sent with reminders (created_by null) do not restart it.
  const since = new Date(now.getTime() - MAX_WAIT_DAYS * 86_400_000);
  // Subqueries are written out: drizzle leaves columns unqualified in a one-table select, and
  // an unqualified "id" would bind to the subquery's own table.
  const openInvite = sql<Date | null>`(select min(i.created_at) from invites i
    where i.employer_id = "employers"."id" and i.revoked_at is null
      and i.connection_id is null and i.created_by is not null
      and i.created_at > ${since.toISOString()}::timestamptz)`;
  const rows = await db
    .select({
      employerId: employers.id,
      name: employers.name,
      contactEmail: employers.contactEmail,
      status: employers.connectionStatus,
      statusChangedAt: employers.statusChangedAt,
      providerId: employers.providerId,
      openInviteCreatedAt: openInvite,
      connectionId: sql<string | null>`(select c.id from connections c
        where c.employer_id = "employers"."id" and c.disconnected_at is null
        order by c.created_at desc limit 1)`,
    })
    .from(employers)
    .where(
      and(
        sql`${employers.contactEmail} is not null and ${employers.contactEmail} <> ''`,
        isNull(employers.archivedAt),
        or(
          inArray(employers.connectionStatus, [...statuses]),
          and(isNull(employers.connectionStatus), sql`${openInvite} is not null`),
        ),
        after ? sql`${employers.id} > ${after}` : undefined,
      ),
    )
    .orderBy(employers.id)
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    contactEmail: r.contactEmail!,
    openInviteCreatedAt: r.openInviteCreatedAt ? new Date(r.openInviteCreatedAt) : null,
  }));
}

/** Events after `afterId` of the given types, oldest first, with the employer's name. */
export async function listEventsAfter({
  afterId,
  types,
  limit,
}: {
  afterId: number;
  types: string[];
  limit: number;
}) {
  const db = await getDb();
  return db
    .select({ event: events, employerName: employers.name })
    .from(events)
    .leftJoin(employers, eq(employers.id, events.employerId))
    .where(and(gt(events.id, afterId), inArray(events.type, types)))
    .orderBy(asc(events.id))
    .limit(limit);
}

export async function latestEventId(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ id: sql<number | null>`max(${events.id})` }).from(events);
  return Number(row?.id ?? 0);
}
