import "server-only";
import {
  applyConnectionStatus,
  getConnectionByFinchId,
  markGroupReady,
  touchConnection,
} from "@/db/queries/connections";
import { applyEntityStatus } from "@/db/queries/entities";
import { recordEvent } from "@/db/queries/events";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { noteSuccessfulSync } from "@/db/queries/monitoring";
import {
  claimEarlyWebhooks,
  getWebhookDelivery,
  setWebhookOutcome,
  type WebhookOutcome,
} from "@/db/queries/webhooks";
import type { Connection, Event } from "@/db/schema";
import { appNow } from "@/lib/clock";
import { applyBenefitJobWebhook } from "@/lib/deductions/changes";
import { env } from "@/lib/env";
import { unwrapFinchWebhook, WebhookRejected, type FinchWebhook } from "@/lib/finch/webhooks";
import { noteIssuesFor } from "@/lib/issues/run";
import { refreshEmployerAttention } from "@/lib/monitoring/attention";
import { ignoredDetail, webhookHandling } from "@/lib/monitoring/webhook-events";
import { describeStatus } from "@/lib/status/catalogue";
import { webhookInstant } from "@/lib/status/countdown";
import { PRODUCT_GROUPS, type ProductGroup } from "@/lib/status/products";

/** Rejected deliveries logged per minute, so a flood of junk cannot fill the events table. */
const REJECTED_LOG_PER_MINUTE = 30;

const INITIAL_SYNC_GROUPS: Record<string, ProductGroup> = {
  "job.initial_data_sync_org.succeeded": "organization",
  "job.initial_data_sync_payroll.succeeded": "payroll",
};

export interface WebhookResult {
  status: number;
  outcome: WebhookOutcome;
  detail: string;
}

function summaryFor(webhook: FinchWebhook): string {
  if (webhook.eventType === "account.updated" && typeof webhook.data?.status === "string") {
    return `Finch: account updated — ${describeStatus(webhook.data.status).label}`;
  }
  return `Finch: ${webhook.eventType}`;
}

/** Applies a stored delivery to its connection. Returns what happened, in words for the inbox. */
async function applyWebhook(
  webhook: FinchWebhook,
  connection: Connection,
  at: Date,
): Promise<{ outcome: WebhookOutcome; detail: string }> {
  const { eventType, data } = webhook;
  if (eventType === "account.updated") {
    const status = typeof data?.status === "string" ? data.status : null;
    if (!status) return { outcome: "ignored", detail: "No status in the event." };
    // On a multi-entity connection the status is the entity's, not the whole connection's.
    if (webhook.entityId) {
      const entity = await applyEntityStatus({
        connectionId: connection.id,
        finchEntityId: webhook.entityId,
        status,
        at: webhookInstant(webhook.sentAt, at),
      });
      if (entity) {
        await touchConnection({ id: connection.id }, { nextCheckAt: at });
        return {
          outcome: "applied",
          detail: entity.changed
            ? `Entity ${webhook.entityId}: ${describeStatus(entity.previous).label} → ${describeStatus(status).label}.`
            : `Entity ${webhook.entityId} unchanged (${describeStatus(status).label}).`,
        };
      }
      // An entity not on file yet (e.g. added at re-auth): the next sweep introspects it.
      await touchConnection({ id: connection.id }, { nextCheckAt: at });
      return { outcome: "applied", detail: `New entity ${webhook.entityId}; checking it next.` };
    }
    const result = await applyConnectionStatus({
      connectionId: connection.id,
      status,
      message: typeof data?.message === "string" ? data.message : null,
      // Finch's signed send time: permissions were verified by then, whenever we got it.
      at: webhookInstant(webhook.sentAt, at),
      noticedAt: at,
      source: "webhook",
      timeZone: env().timeZone,
    });
    // Finch does not guarantee delivery order and the payload carries no event time, so a late
    // older status could win here; the next sweep confirms the change by introspection.
    if (result.changed) await touchConnection({ id: connection.id }, { nextCheckAt: at });
    return {
      outcome: "applied",
      detail: result.changed
        ? `Status ${describeStatus(result.previous).label} → ${describeStatus(status).label}.`
        : `Status unchanged (${describeStatus(status).label}).`,
    };
  }
  const group = INITIAL_SYNC_GROUPS[eventType];
  if (group) {
    const label = PRODUCT_GROUPS[group].label;
    const first = await markGroupReady({
      connectionId: connection.id,
      group,
      at: webhookInstant(webhook.sentAt, at),
      noticedAt: at,
      source: "webhook",
    });
    if (first) {
      await recordEvent({
        occurredAt: at,
        source: "webhook",
        type: "data.ready",
        employerId: connection.employerId,
        connectionId: connection.id,
        summary: `${label} data is ready (Finch finished the initial sync)`,
        data: { group, eventType },
      });
    }
    return {
      outcome: "applied",
      detail: first ? `${label} marked ready.` : `${label} was already ready.`,
    };
  }
  const handling = webhookHandling(eventType);
  if (handling === "benefit_job") {
    const result = await applyBenefitJobWebhook(data?.job_id, at);
    return { outcome: result.applied ? "applied" : "ignored", detail: result.detail };
  }
  if (handling === "data_sync") {
    await noteSuccessfulSync({ connectionId: connection.id, at });
    return { outcome: "applied", detail: "Noted the finished sync." };
  }
  return { outcome: "ignored", detail: ignoredDetail(eventType) };
}

async function logRejection(reason: string, eventType: string | null, at: Date): Promise<void> {
  const { count } = await hitRateLimit({ key: "webhooks:rejected", windowMs: 60_000 });
  if (count > REJECTED_LOG_PER_MINUTE) return;
  // No payload and no Finch event id: an unverified body is not ours to keep or to dedupe on.
  await recordEvent({
    occurredAt: at,
    source: "webhook",
    type: "webhook.rejected",
    summary: `Rejected a webhook delivery: ${reason}`,
    data: { reason, outcome: "rejected", claimedEventType: eventType },
  });
}

function claimedEventType(body: string): string | null {
  const match = /"event_type"\s*:\s*"([a-z0-9_.]{1,80})"/i.exec(body.slice(0, 4096));
  return match?.[1] ?? null;
}

/**
 * Finch webhook delivery: verify the raw body, store the event once (the Finch event id is
 * unique), apply it, answer. Only database work happens here, so Finch gets its answer fast.
 */
export async function receiveFinchWebhook(request: Request): Promise<WebhookResult> {
  const body = await request.text();
  const at = await appNow();
  let webhook: FinchWebhook;
  try {
    webhook = await unwrapFinchWebhook(body, request.headers);
  } catch (error) {
    const reason = error instanceof WebhookRejected ? error.reason : "Could not verify.";
    await logRejection(reason, claimedEventType(body), at);
    return { status: 400, outcome: "rejected", detail: reason };
  }

  const connection = webhook.finchConnectionId
    ? await getConnectionByFinchId({ finchConnectionId: webhook.finchConnectionId })
    : undefined;
  const stored = await recordEvent({
    occurredAt: at,
    source: "webhook",
    type: "webhook.received",
    employerId: connection?.employerId ?? null,
    connectionId: connection?.id ?? null,
    finchEventId: webhook.eventId,
    summary: summaryFor(webhook),
    data: {
      eventType: webhook.eventType,
      finchConnectionId: webhook.finchConnectionId,
      outcome: "applying",
      // Finch's send time orders deliveries that are applied later (see applyEarlyWebhooks).
      finchTimestamp: finchTimestampOf(request.headers),
      payload: webhook.payload,
    },
  });

  let delivery = stored;
  if (!stored) {
    const existing = await getWebhookDelivery({ finchEventId: webhook.eventId });
    // A delivery whose first application failed is applied again; anything else is a replay.
    if (existing && existing.data.outcome !== "failed") {
      await recordEvent({
        occurredAt: at,
        source: "webhook",
        type: "webhook.duplicate",
        employerId: existing.employerId,
        connectionId: existing.connectionId,
        summary: `Duplicate delivery of ${webhook.eventType} ignored`,
        data: { eventType: webhook.eventType, duplicateOf: existing.id, outcome: "duplicate" },
      });
      return { status: 200, outcome: "duplicate", detail: "Already received." };
    }
    delivery = existing;
  }
  if (!delivery) return { status: 500, outcome: "failed", detail: "Could not store the event." };

  if (!connection) {
    await setWebhookOutcome({
      id: delivery.id,
      outcome: "unknown_connection",
      detail: "No connection in Perch has this Finch connection id yet; kept until one is stored.",
    });
    // The exchange may have stored the connection between the lookup above and now; if so it
    // could have missed this row, so apply the early deliveries from here (the claim is atomic).
    const late = webhook.finchConnectionId
      ? await getConnectionByFinchId({ finchConnectionId: webhook.finchConnectionId })
      : undefined;
    if (late) await applyEarlyWebhooks({ connection: late, storedAt: late.createdAt });
    return { status: 200, outcome: "unknown_connection", detail: "Stored." };
  }
  try {
    // Webhooks flowing for a connection let its sweeps back off (see nextCheckAt).
    await touchConnection({ id: connection.id }, { lastWebhookAt: at });
    const result = await applyWebhook(webhook, connection, at);
    await setWebhookOutcome({ id: delivery.id, ...result });
    if (result.outcome === "applied") {
      await refreshEmployerAttention({ employerId: connection.employerId, now: at });
      await noteIssuesFor({ employerId: connection.employerId, now: at });
    }
    return { status: 200, ...result };
  } catch (error) {
    console.error(`[perch] applying webhook ${webhook.eventId} failed:`, error);
    await setWebhookOutcome({ id: delivery.id, outcome: "failed", detail: "Could not apply." });
    // Finch retries non-2xx deliveries; the stored row is applied again then.
    return { status: 500, outcome: "failed", detail: "Could not apply." };
  }
}

function finchTimestampOf(headers: Headers): number | null {
  const value = Number(headers.get("finch-timestamp"));
  return Number.isFinite(value) && value > 0 ? value : null;
}

function storedWebhook(row: Event): FinchWebhook {
  const payload = (row.data.payload ?? {}) as Record<string, unknown>;
  const finchTimestamp = Number(row.data.finchTimestamp ?? 0);
  return {
    sentAt: finchTimestamp > 0 ? new Date(finchTimestamp * 1000) : null,
    eventId: row.finchEventId ?? "",
    eventType: String(row.data.eventType ?? payload.event_type ?? "unknown"),
    finchConnectionId: (row.data.finchConnectionId as string | null) ?? null,
    companyId: typeof payload.company_id === "string" ? payload.company_id : null,
    entityId: typeof payload.entity_id === "string" ? payload.entity_id : null,
    data:
      payload.data && typeof payload.data === "object"
        ? (payload.data as Record<string, unknown>)
        : null,
    payload,
  };
}

/**
 * Applies, once each and in Finch's send order, the webhooks that arrived before this
 * connection was stored (Finch announces a new connection while the code exchange is still
 * running). A status sent before `storedAt` is older than the status the exchange just read by
 * introspection, so it is recorded but not applied.
 */
export async function applyEarlyWebhooks({
  connection,
  storedAt,
}: {
  connection: Connection;
  storedAt: Date;
}): Promise<number> {
  const early = await claimEarlyWebhooks({
    finchConnectionId: connection.finchConnectionId,
    connectionId: connection.id,
    employerId: connection.employerId,
  });
  if (!early.length) return 0;
  const at = await appNow();
  let applied = 0;
  for (const row of early) {
    const webhook = storedWebhook(row);
    const sentAt = Number(row.data.finchTimestamp ?? 0) * 1000;
    try {
      if (webhook.eventType === "account.updated" && sentAt < storedAt.getTime()) {
        await setWebhookOutcome({
          id: row.id,
          outcome: "ignored",
          detail: "Arrived before the connection was stored; the status read then is newer.",
        });
        continue;
      }
      const result = await applyWebhook(webhook, connection, at);
      await setWebhookOutcome({
        id: row.id,
        outcome: result.outcome,
        detail: `${result.detail} (arrived before the connection was stored)`,
      });
      if (result.outcome === "applied") applied += 1;
    } catch (error) {
      console.error(`[perch] applying early webhook ${webhook.eventId} failed:`, error);
      await setWebhookOutcome({ id: row.id, outcome: "failed", detail: "Could not apply." });
    }
  }
  if (applied) await refreshEmployerAttention({ employerId: connection.employerId, now: at });
  return applied;
}
