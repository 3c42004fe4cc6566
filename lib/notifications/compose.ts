import type { NewNotificationDelivery, NotificationChannel } from "@/db/schema";
import { ISSUE_KIND_LABELS, isIssueKind, issueEmployerPath } from "@/lib/issues/kinds";
import type { IssueNotice } from "@/lib/issues/lifecycle";
import type { WaitReason } from "@/lib/issues/reminders";

/**
 * What each message says, decided without I/O: issue notices, provider incidents, employer
 * reminders and invites. Each row carries its delivery key (unique, so a message is enqueued
 * once) and its thread (the messages of one issue, or of one employer's wait).
 */

export interface IssueForMessage {
  id: string;
  kind: string;
  severity: "warning" | "critical";
  title: string;
  detail: string;
  episode: number;
  providerId: string | null;
  employerId: string;
  employerName: string;
  openedAt: Date;
}

const NOTICE_WORDS: Record<IssueNotice, string> = {
  opened: "opened",
  escalated: "is now critical",
  resolved: "resolved",
};

export function employerLink(publicUrl: string, employerId: string): string {
  return `${publicUrl}/employers/${employerId}`;
}

export function issueMessages({
  issue,
  notice,
  channels,
  emailTo,
  publicUrl,
  now,
}: {
  issue: IssueForMessage;
  notice: IssueNotice;
  channels: readonly NotificationChannel[];
  emailTo: string | null;
  publicUrl: string;
  now: Date;
}): NewNotificationDelivery[] {
  const label = isIssueKind(issue.kind) ? ISSUE_KIND_LABELS[issue.kind] : issue.kind;
  const link = `${publicUrl}${issueEmployerPath(issue.employerId, issue.kind)}`;
  const subject = `${label} ${NOTICE_WORDS[notice]}: ${issue.employerName}`;
  const next =
    notice === "resolved"
      ? "Nothing to do: the condition has cleared."
      : `What to do next: ${issue.detail}`;
  const body = [
    `${issue.title} (${issue.severity}) — ${issue.employerName}${issue.providerId ? `, ${issue.providerId}` : ""}.`,
    next,
    `Open the employer in Perch: ${link}`,
  ].join("\n\n");
  const event = `issue.${notice}`;
  const payload = {
    type: event,
    timestamp: now.toISOString(),
    data: {
      issue: {
        id: issue.id,
        kind: issue.kind,
        severity: issue.severity,
        title: issue.title,
        detail: issue.detail,
        episode: issue.episode,
        openedAt: issue.openedAt.toISOString(),
        provider: issue.providerId,
      },
      employer: { id: issue.employerId, name: issue.employerName, url: link },
    },
  };
  return channels
    .filter((channel) => channel !== "email" || emailTo)
    .map((channel) => ({
      deliveryKey: `issue:${issue.id}:${issue.episode}:${notice}:${channel}`,
      thread: `issue:${issue.id}`,
      channel,
      topic: event,
      employerId: issue.employerId,
      issueId: issue.id,
      recipient: channel === "email" ? emailTo : null,
      subject,
      body,
      link,
      payload,
      createdAt: now,
    }));
}

export function incidentMessages({
  incidentId,
  providerId,
  connections,
  opened,
  channels,
  emailTo,
  publicUrl,
  now,
}: {
  incidentId: string;
  providerId: string;
  connections: number;
  opened: boolean;
  channels: readonly NotificationChannel[];
  emailTo: string | null;
  publicUrl: string;
  now: Date;
}): NewNotificationDelivery[] {
  const link = `${publicUrl}/issues?provider=${encodeURIComponent(providerId)}&state=open`;
  const subject = opened
    ? `Provider incident: ${connections} ${providerId} connections are failing`
    : `Provider incident resolved: ${providerId}`;
  const body = opened
    ? `${connections} connections of ${providerId} started failing within a short time. This is usually the provider (or Finch's integration with it), not each employer: check Finch's status page before contacting employers.\n\nSee the affected employers: ${link}`
    : `No ${providerId} connection is failing any more.\n\n${link}`;
  const event = opened ? "incident.opened" : "incident.resolved";
  return channels
    .filter((channel) => channel !== "email" || emailTo)
    .map((channel) => ({
      deliveryKey: `incident:${incidentId}:${event}:${channel}`,
      thread: `incident:${incidentId}`,
      channel,
      topic: event,
      recipient: channel === "email" ? emailTo : null,
      subject,
      body,
      link,
      payload: {
        type: event,
        timestamp: now.toISOString(),
        data: { incident: { id: incidentId, provider: providerId, connections }, url: link },
      },
      createdAt: now,
    }));
}

const WAIT_WORDS: Record<WaitReason, string> = {
  invite_unused: "You have not connected your HR or payroll system yet.",
  no_account_setup: "Finch has not received an invitation to your HR or payroll system yet.",
  permissions: "Finch was added to your HR or payroll system without all the permissions it needs.",
  reauth: "Finch can no longer sign in to your HR or payroll system.",
};

/** A reminder to the employer's contact: what is waiting, the provider's steps, and the link. */
export function reminderMessage({
  employerId,
  employerName,
  companyName,
  contactEmail,
  reason,
  since,
  reminder,
  instructions,
  inviteUrl,
  now,
}: {
  employerId: string;
  employerName: string;
  companyName: string;
  contactEmail: string;
  reason: WaitReason;
  since: Date;
  reminder: number;
  instructions: string;
  inviteUrl: string;
  now: Date;
}): NewNotificationDelivery {
  const thread = `reminder:${employerId}:${since.toISOString()}`;
  return {
    deliveryKey: `${thread}:${reminder}`,
    thread,
    channel: "email",
    topic: "reminder",
    employerId,
    recipient: contactEmail,
    subject: `Reminder from ${companyName}: finish connecting ${employerName}`,
    body: [
      `Hello,`,
      WAIT_WORDS[reason],
      `What to do: ${instructions}`,
      `Continue here: ${inviteUrl}`,
      `— ${companyName}`,
    ].join("\n\n"),
    link: inviteUrl,
    payload: { reminder, reason, since: since.toISOString() },
    createdAt: now,
  };
}

export function inviteMessage({
  inviteId,
  employerId,
  employerName,
  companyName,
  contactEmail,
  inviteUrl,
  expiresAt,
  reauth,
  now,
}: {
  inviteId: string;
  employerId: string;
  employerName: string;
  companyName: string;
  contactEmail: string;
  inviteUrl: string;
  expiresAt: Date;
  reauth: boolean;
  now: Date;
}): NewNotificationDelivery {
  return {
    deliveryKey: `invite:${inviteId}`,
    thread: `invite:${inviteId}`,
    channel: "email",
    topic: "invite",
    employerId,
    recipient: contactEmail,
    subject: reauth
      ? `${companyName}: please sign in to your payroll system again`
      : `${companyName} invites ${employerName} to connect your HR and payroll system`,
    body: [
      `Hello,`,
      reauth
        ? `Finch can no longer sign in to your HR or payroll system for ${companyName}. Please sign in again through Finch Connect:`
        : `${companyName} uses Finch to read the HR and payroll data it needs. Please connect your system through Finch Connect:`,
      inviteUrl,
      `This link works until ${expiresAt.toISOString().slice(0, 10)}.`,
      `— ${companyName}`,
    ].join("\n\n"),
    link: inviteUrl,
    payload: { inviteId, reauth },
    createdAt: now,
  };
}

/** Events the outbound webhook forwards, by Perch event type, with the type sent out. */
export const FORWARDED_EVENTS: Record<string, string> = {
  "connection.status_changed": "connection.status_changed",
  "data.ready": "product_group.ready",
};

export function eventWebhookMessage({
  event,
  employerName,
  publicUrl,
}: {
  event: {
    id: number;
    type: string;
    occurredAt: Date;
    employerId: string | null;
    connectionId: string | null;
    summary: string;
    data: Record<string, unknown>;
  };
  employerName: string | null;
  publicUrl: string;
}): NewNotificationDelivery {
  const type = FORWARDED_EVENTS[event.type] ?? event.type;
  const link = event.employerId ? employerLink(publicUrl, event.employerId) : null;
  return {
    deliveryKey: `event:${event.id}:webhook`,
    thread: `event:${event.id}`,
    channel: "webhook",
    topic: type,
    employerId: event.employerId,
    subject: `${event.summary}${employerName ? `: ${employerName}` : ""}`,
    body: `${event.summary}${employerName ? ` (${employerName})` : ""}.${link ? `\n\n${link}` : ""}`,
    link,
    payload: {
      type,
      timestamp: event.occurredAt.toISOString(),
      data: {
        ...event.data,
        connectionId: event.connectionId,
        employer: event.employerId ? { id: event.employerId, name: employerName, url: link } : null,
      },
    },
    createdAt: event.occurredAt,
  };
}
