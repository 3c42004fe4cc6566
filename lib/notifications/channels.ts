import "server-only";
import { createHash } from "node:crypto";
import nodemailer from "nodemailer";
import type { NotificationDelivery } from "@/db/schema";
import { env } from "@/lib/env";
import { signStandardWebhook } from "@/lib/notifications/signing";

/** How long one HTTP or SMTP attempt may take before it counts as failed. */
const TIMEOUT_MS = 10_000;

export class ChannelNotConfigured extends Error {}

export interface MailTransport {
  sendMail(message: nodemailer.SendMailOptions): Promise<unknown>;
  close(): void;
}

/** One SMTP transport for a run of deliveries; null when SMTP_URL is not set. */
export function openMailTransport(): MailTransport | null {
  const { smtpUrl } = env().notifications;
  if (!smtpUrl) return null;
  // nodemailer reads smtp:// (STARTTLS when offered) and smtps:// (TLS), credentials included.
  return nodemailer.createTransport(smtpUrl, {
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
}

function messageId(id: number): string {
  return `<perch-delivery-${id}@${new URL(env().publicUrl).hostname}>`;
}

export async function sendEmail(
  transport: MailTransport | null,
  delivery: NotificationDelivery,
  threadStartId: number | null,
): Promise<void> {
  if (!transport) throw new ChannelNotConfigured("SMTP_URL is not set");
  if (!delivery.recipient) throw new Error("no recipient");
  const replyTo = threadStartId && threadStartId !== delivery.id ? messageId(threadStartId) : null;
  await transport.sendMail({
    from: env().notifications.mailFrom,
    to: delivery.recipient,
    subject: delivery.subject,
    text: delivery.body,
    messageId: messageId(delivery.id),
    // Later messages about the same issue reply to the first, so mail clients show one thread.
    ...(replyTo ? { inReplyTo: replyTo, references: [replyTo] } : {}),
  });
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: "manual",
  });
  await response.body?.cancel();
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`HTTP ${response.status}`);
  }
}

export async function sendSlack(delivery: NotificationDelivery): Promise<void> {
  const url = env().notifications.slackWebhookUrl;
  if (!url) throw new ChannelNotConfigured("SLACK_WEBHOOK_URL is not set");
  const link = delivery.link ? `\n<${delivery.link}|Open in Perch>` : "";
  const text = `*${delivery.subject}*\n${delivery.body.split("\n\n").slice(0, 2).join("\n")}${link}`;
  await post(url, JSON.stringify({ text }), {});
}

/** The webhook-id stays the same across retries and replays, so receivers can deduplicate. */
export function webhookMessageId(deliveryKey: string): string {
  return `msg_${createHash("sha256").update(deliveryKey).digest("hex").slice(0, 32)}`;
}

export async function sendWebhook(delivery: NotificationDelivery, now: Date): Promise<void> {
  const { webhookUrl, webhookSecret } = env().notifications;
  if (!webhookUrl || !webhookSecret) throw new ChannelNotConfigured("PERCH_WEBHOOK_URL is not set");
  const body = JSON.stringify(delivery.payload);
  const id = webhookMessageId(delivery.deliveryKey);
  const timestampSeconds = Math.floor(now.getTime() / 1000);
  await post(webhookUrl, body, {
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": signStandardWebhook({ secret: webhookSecret, id, timestampSeconds, body }),
  });
}
