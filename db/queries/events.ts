import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { events, users, type Event, type NewEvent } from "@/db/schema";

/** Appends one event. Returns undefined when an event with the same Finch event id exists. */
export async function recordEvent(event: NewEvent, db?: Database): Promise<Event | undefined> {
  const database = db ?? (await getDb());
  const [row] = await database.insert(events).values(event).onConflictDoNothing().returning();
  return row;
}

export interface EventFilter {
  employerId?: string;
  actorUserId?: string;
  source?: Event["source"];
  type?: string;
  before?: number;
  limit?: number;
}

export async function listEvents(
  filter: EventFilter = {},
): Promise<(Event & { actorEmail: string | null })[]> {
  const db = await getDb();
  const conditions: SQL[] = [];
  if (filter.employerId) conditions.push(eq(events.employerId, filter.employerId));
  if (filter.actorUserId) conditions.push(eq(events.actorUserId, filter.actorUserId));
  if (filter.source) conditions.push(eq(events.source, filter.source));
  if (filter.type) conditions.push(sql`${events.type} like ${filter.type.replace(/\*$/, "%")}`);
  if (filter.before) conditions.push(lt(events.id, filter.before));
  const rows = await db
    .select({ event: events, actorEmail: users.email })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorUserId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(events.occurredAt), desc(events.id))
    .limit(Math.min(filter.limit ?? 50, 500));
  return rows.map((r) => ({ ...r.event, actorEmail: r.actorEmail }));
}
