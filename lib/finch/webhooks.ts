import "server-only";
import { finchForApp } from "@/lib/finch/client";
import { env } from "@/lib/env";

/** A verified Finch webhook, reshaped to what Perch reads from it. */
export interface FinchWebhook {
  eventId: string;
  eventType: string;
  finchConnectionId: string | null;
  companyId: string | null;
  /** The entity of a multi-entity connection the event is about; null otherwise. */
  entityId: string | null;
  data: Record<string, unknown> | null;
  payload: Record<string, unknown>;
  /** Finch's signed send time (`Finch-Timestamp`, Unix seconds), the event's own instant. */
  sentAt: Date | null;
}

export class WebhookRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "WebhookRejected";
  }
}

/**
 * Verifies the signature and timestamp (the SDK allows 5 minutes either way) on the raw body and
 * parses it. Anything wrong throws WebhookRejected with a reason safe to store and show.
 */
export async function unwrapFinchWebhook(body: string, headers: Headers): Promise<FinchWebhook> {
  const secret = env().finch.webhookSecret;
  if (!secret) throw new WebhookRejected("No webhook secret is configured (FINCH_WEBHOOK_SECRET).");
  const finch = await finchForApp();
  let event: Record<string, unknown>;
  try {
    event = finch.webhooks.unwrap(body, headers, secret) as unknown as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/too old|too new/i.test(message)) throw new WebhookRejected(`Stale timestamp: ${message}.`);
    if (/header/i.test(message))
      throw new WebhookRejected(`Missing or invalid header: ${message}.`);
    if (error instanceof SyntaxError) throw new WebhookRejected("The body is not JSON.");
    throw new WebhookRejected("The signature does not match.");
  }
  if (!event || typeof event !== "object") throw new WebhookRejected("The body is not an object.");
  const text = (value: unknown) => (typeof value === "string" && value ? value : null);
  return {
    eventId: headers.get("finch-event-id") ?? "",
    eventType: text(event.event_type) ?? "unknown",
    finchConnectionId: text(event.connection_id),
    companyId: text(event.company_id),
    entityId: text(event.entity_id),
    data:
      event.data && typeof event.data === "object" ? (event.data as Record<string, unknown>) : null,
    payload: event,
    sentAt: /^\d{1,12}$/.test(headers.get("finch-timestamp") ?? "")
      ? new Date(Number(headers.get("finch-timestamp")) * 1000)
      : null,
  };
}
