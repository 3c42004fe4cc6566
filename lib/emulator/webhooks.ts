import { createHmac, randomBytes } from "node:crypto";
import type { ConnectionRecord, DeliveryLogEntry, QueuedWebhook } from "./records";
import type { StateStore } from "./state";

/** Finch's (2024) retry schedule after a failed attempt: 5 s, 5 min, 30 min, 2 h — then it gives up. */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000];
const DELIVERY_TIMEOUT_MS = 10_000;
const LOG_LIMIT = 200;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function newEventId(): string {
  const bytes = randomBytes(27);
  let id = "msg_";
  for (const byte of bytes) id += BASE62[byte % 62];
  return id;
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the base64-decoded secret. */
export function signWebhook(
  secret: string,
  eventId: string,
  timestampSeconds: number,
  body: string,
): string {
  const key = Buffer.from(secret, "base64");
  const signature = createHmac("sha256", key)
    .update(`${eventId}.${timestampSeconds}.${body}`)
    .digest("base64");
  return `v1,${signature}`;
}

export function generateWebhookSecret(): string {
  return randomBytes(32).toString("base64");
}

export interface WebhookEventInput {
  connection: ConnectionRecord;
  /** Omitted: the connection's first entity when it has several, else null (as Finch documents). */
  entityId?: string | null;
  eventType: string;
  data: unknown;
}

export interface WebhookDispatcherOptions {
  url: string | null;
  secret: string | null;
  fetch: typeof fetch;
}

/**
 * A persisted delivery queue. Enqueueing never waits on the network: one background pump
 * delivers due entries in order, retrying on non-2xx or network failure per Finch's schedule
 * (real time, since receivers check timestamps against their own clock).
 */
export class WebhookDispatcher {
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private closed = false;

  constructor(
    private readonly store: StateStore,
    private readonly options: WebhookDispatcherOptions,
  ) {}

  get enabled(): boolean {
    return Boolean(this.options.url && this.options.secret);
  }

  enqueue(event: WebhookEventInput): void {
    if (!this.enabled) return;
    const { connection } = event;
    const body = JSON.stringify({
      connection_id: connection.id,
      company_id: connection.companyId,
      account_id: connection.accountId,
      entity_id:
        event.entityId !== undefined
          ? event.entityId
          : (connection.entities?.length ?? 0) > 1
            ? connection.entityId
            : null,
      event_type: event.eventType,
      data: event.data,
    });
    this.store.state.webhookQueue.push({
      eventId: newEventId(),
      eventType: event.eventType,
      connectionId: connection.id,
      body,
      enqueuedAt: Date.now(),
      attempts: 0,
      nextAttemptAt: Date.now(),
    });
    this.store.changed();
    this.kick();
  }

  /** Starts delivering whatever is due, without waiting for it. */
  kick(): void {
    if (!this.enabled || this.closed) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.runPump();
  }

  /** Attempts every queued delivery now, including those waiting for a retry. */
  async flush(): Promise<void> {
    if (this.pumping) await this.pumping;
    for (const entry of this.store.state.webhookQueue) entry.nextAttemptAt = Date.now();
    this.kick();
    if (this.pumping) await this.pumping;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pumping) await this.pumping;
  }

  private async runPump(): Promise<void> {
    do {
      this.pumpAgain = false;
      await this.pump();
    } while (this.pumpAgain && !this.closed);
    this.pumping = null;
  }

  private async pump(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const due = this.store.state.webhookQueue.find((entry) => entry.nextAttemptAt <= now);
      if (!due || this.closed) return;
      await this.deliver(due);
    }
  }

  private async deliver(entry: QueuedWebhook): Promise<void> {
    entry.attempts += 1;
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await this.options.fetch(this.options.url as string, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "finch-event-id": entry.eventId,
          "finch-timestamp": String(timestamp),
          "finch-signature": signWebhook(
            this.options.secret as string,
            entry.eventId,
            timestamp,
            entry.body,
          ),
        },
        body: entry.body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }

    const queue = this.store.state.webhookQueue;
    let outcome: DeliveryLogEntry["outcome"] = "delivered";
    if (error === null || entry.attempts > RETRY_DELAYS_MS.length) {
      queue.splice(queue.indexOf(entry), 1);
      if (error !== null) outcome = "gave_up";
    } else {
      outcome = "failed";
      entry.nextAttemptAt = Date.now() + RETRY_DELAYS_MS[entry.attempts - 1];
    }
    this.log({
      eventId: entry.eventId,
      eventType: entry.eventType,
      connectionId: entry.connectionId,
      attempt: entry.attempts,
      at: new Date().toISOString(),
      outcome,
      status,
      error,
    });
    this.store.changed();
  }

  private log(entry: DeliveryLogEntry): void {
    const log = this.store.state.webhookLog;
    log.push(entry);
    if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
  }
}
