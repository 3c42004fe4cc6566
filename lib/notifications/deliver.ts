import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { finishDelivery, firstInThread, leaseDueDeliveries } from "@/db/queries/notifications";
import type { NotificationDelivery } from "@/db/schema";
import { retryDelayMs } from "@/lib/notifications/backoff";
import {
  ChannelNotConfigured,
  openMailTransport,
  sendEmail,
  sendSlack,
  sendWebhook,
  type MailTransport,
} from "@/lib/notifications/channels";

export interface DeliveryReport {
  sent: number;
  failed: number;
  retrying: number;
  notConfigured: number;
}

const LEASE_MS = 2 * 60_000;

async function attempt(delivery: NotificationDelivery, mail: MailTransport | null, now: Date) {
  if (delivery.channel === "email") {
    const first = await firstInThread({ thread: delivery.thread, channel: "email" });
    await sendEmail(mail, delivery, first?.id ?? null);
  } else if (delivery.channel === "slack") {
    await sendSlack(delivery);
  } else {
    await sendWebhook(delivery, now);
  }
}

/**
 * Sends what is due in the outbox. Each message is leased first (SKIP LOCKED), so two
 * instances never send the same one; a failure is retried with backoff and then marked failed,
 * and a channel that is not configured leaves the message in the Outbox as "not configured".
 */
export async function deliverDue({
  limit = 100,
  ids,
}: { limit?: number; ids?: number[] } = {}): Promise<DeliveryReport> {
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0, notConfigured: 0 };
  const leased = await leaseDueDeliveries({
    owner,
    now: new Date(),
    leaseMs: LEASE_MS,
    limit,
    ids,
  });
  if (!leased.length) return report;
  const mail = leased.some((d) => d.channel === "email") ? openMailTransport() : null;
  try {
    for (const delivery of leased) {
      const now = new Date();
      try {
        await attempt(delivery, mail, now);
        await finishDelivery({ id: delivery.id, owner, status: "sent", error: null, sentAt: now });
        report.sent += 1;
      } catch (error) {
        if (error instanceof ChannelNotConfigured) {
          await finishDelivery({
            id: delivery.id,
            owner,
            status: "not_configured",
            error: error.message,
          });
          report.notConfigured += 1;
          continue;
        }
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 300);
        const delay = retryDelayMs(delivery.attempts + 1);
        if (delay === null) {
          await finishDelivery({ id: delivery.id, owner, status: "failed", error: message });
          report.failed += 1;
        } else {
          await finishDelivery({
            id: delivery.id,
            owner,
            status: "pending",
            error: message,
            nextAttemptAt: new Date(now.getTime() + delay),
          });
          report.retrying += 1;
        }
      }
    }
  } finally {
    mail?.close();
  }
  return report;
}
