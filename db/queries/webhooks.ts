import { and, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { events, employers, type Event } from "@/db/schema";

export const WEBHOOK_EVENT_TYPES = ["webhook.received", "webhook.rejected", "webhook.duplicate"];

export type WebhookOutcome =
  "applying" | "applied" | "ignored" | "unknown_connection" | "failed" | "duplicate" | "rejected";

export async function getWebhookDelivery({
  finchEventId,
}: {
  finchEventId: string;
}): Promise<Event | undefined> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(events)
    .where(eq(events.finchEventId, finchEventId))
    .limit(1);
  return row;
}

/** Merges outcome fields into a stored delivery's data. */
export async function setWebhookOutcome({
  id,
  outcome,
  detail,
}: {
  id: number;
  outcome: WebhookOutcome;
  detail?: string | null;
}): Promise<void> {
  const db = await getDb();
  const patch = { outcome, ...(detail !== undefined ? { detail } : {}) };
  await db
    .update(events)
    .set({ data: sql`${events.data} || ${JSON.stringify(patch)}::jsonb` })
    .where(eq(events.id, id));
}

export interface WebhookInboxFilter {
  /** verified = stored deliveries, rejected = failed verification, duplicate = replays. */
  kind?: "verified" | "rejected" | "duplicate";
  eventType?: string;
  before?: number;
  limit?: number;
}

export type WebhookDelivery = Event & { employerName: string | null };

export async function listWebhookDeliveries(
  filter: WebhookInboxFilter = {},
): Promise<WebhookDelivery[]> {
  const db = await getDb();
  const types =
    filter.kind === "verified"
      ? ["webhook.received"]
      : filter.kind === "rejected"
        ? ["webhook.rejected"]
        : filter.kind === "duplicate"
          ? ["webhook.duplicate"]
          : WEBHOOK_EVENT_TYPES;
  const conditions: SQL[] = [eq(events.source, "webhook"), inArray(events.type, types)];
  if (filter.eventType) conditions.push(sql`${events.data}->>'eventType' = ${filter.eventType}`);
  if (filter.before) conditions.push(lt(events.id, filter.before));
  const rows = await db
    .select({ event: events, employerName: employers.name })
    .from(events)
    .leftJoin(employers, eq(employers.id, events.employerId))
    .where(and(...conditions))
    .orderBy(desc(events.id))
    .limit(Math.min(filter.limit ?? 50, 200));
  return rows.map((r) => ({ ...r.event, employerName: r.employerName }));
}

/** Distinct event types seen, for the inbox's filter. */
export async function listWebhookEventTypes(): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ type: sql<string>`${events.data}->>'eventType'` })
    .from(events)
    .where(and(eq(events.source, "webhook"), eq(events.type, "webhook.received")))
    .limit(100);
  return rows
    .map((r) => r.type)
    .filter(Boolean)
    .sort();
}

/**
 * Takes the deliveries stored for a Finch connection before Perch knew it ("unknown_connection")
 * and attaches them to the connection now stored. The single UPDATE is the claim: two callers
 * racing (the exchange and a late webhook) never both get the same row, so each is applied once.
 * Returned oldest first by Finch's delivery timestamp, then arrival.
 */
export async function claimEarlyWebhooks({
  finchConnectionId,
  connectionId,
  employerId,
}: {
  finchConnectionId: string;
  connectionId: string;
  employerId: string;
}): Promise<Event[]> {
  const db = await getDb();
  const rows = await db
    .update(events)
    .set({
      connectionId,
      employerId,
      data: sql`${events.data} || '{"outcome":"applying","early":true}'::jsonb`,
    })
    .where(
      and(
        eq(events.type, "webhook.received"),
        sql`${events.data}->>'outcome' = 'unknown_connection'`,
        sql`${events.data}->>'finchConnectionId' = ${finchConnectionId}`,
      ),
    )
    .returning();
  const sentAt = (row: Event) => Number(row.data.finchTimestamp ?? 0);
  return rows.sort((a, b) => sentAt(a) - sentAt(b) || a.id - b.id);
}
