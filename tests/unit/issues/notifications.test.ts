import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { retryDelayMs } from "@/lib/notifications/backoff";
import { incidentMessages, issueMessages, reminderMessage } from "@/lib/notifications/compose";
import {
  defaultNotificationSettings,
  resolveNotificationSettings,
} from "@/lib/notifications/settings";
import { signStandardWebhook, verifyStandardWebhook } from "@/lib/notifications/signing";

const now = new Date("2026-12-01T10:00:00Z");
const issue = {
  id: "8c1f7f0e-2f7a-4d5c-9a53-4d2a5d1c0001",
  kind: "reauth_needed",
  severity: "critical" as const,
  title: "Needs re-authentication",
  detail: "Send the employer a re-authentication link.",
  episode: 2,
  providerId: "gusto",
  employerId: "emp-1",
  employerName: "Acme Foods",
  openedAt: now,
};

describe("default routing", () => {
  it("sends must-act kinds to Slack and the webhook, the rest to the webhook only", () => {
    const { routes, remindersEnabled, reminderDays } = defaultNotificationSettings();
    expect(routes.employer_action_needed).toEqual(["slack", "webhook"]);
    expect(routes.reauth_needed).toEqual(["slack", "webhook"]);
    expect(routes.stale_data).toEqual(["webhook"]);
    expect(remindersEnabled).toBe(true);
    expect(reminderDays).toEqual([2, 5, 9]);
  });

  it("merges stored settings over the defaults and ignores unreadable ones", () => {
    const merged = resolveNotificationSettings({ routes: { stale_data: ["email"] } });
    expect(merged.routes.stale_data).toEqual(["email"]);
    expect(merged.routes.reauth_needed).toEqual(["slack", "webhook"]);
    expect(resolveNotificationSettings({ routes: { stale_data: ["fax"] } })).toEqual(
      defaultNotificationSettings(),
    );
  });
});

describe("messages", () => {
  it("keys each issue notice once per episode and channel, threaded by issue", () => {
    const rows = issueMessages({
      issue,
      notice: "opened",
      channels: ["email", "slack", "webhook"],
      emailTo: "ops@example.com",
      publicUrl: "https://perch.example.com",
      now,
    });
    expect(rows.map((r) => r.deliveryKey)).toEqual([
      `issue:${issue.id}:2:opened:email`,
      `issue:${issue.id}:2:opened:slack`,
      `issue:${issue.id}:2:opened:webhook`,
    ]);
    expect(new Set(rows.map((r) => r.thread))).toEqual(new Set([`issue:${issue.id}`]));
    expect(rows[0].body).toContain("What to do next: Send the employer a re-authentication link.");
    expect(rows[0].body).toContain("https://perch.example.com/employers/emp-1");
  });

  it("drops e-mail when nobody is there to receive it", () => {
    const rows = issueMessages({
      issue,
      notice: "resolved",
      channels: ["email", "webhook"],
      emailTo: null,
      publicUrl: "https://p",
      now,
    });
    expect(rows.map((r) => r.channel)).toEqual(["webhook"]);
    expect(rows[0].payload).toMatchObject({ type: "issue.resolved" });
  });

  it("keys reminders on the wait and their number, and incidents on the incident", () => {
    const since = new Date("2026-11-28T09:00:00Z");
    const reminder = reminderMessage({
      employerId: "emp-1",
      employerName: "Acme Foods",
      companyName: "Benefy",
      contactEmail: "hr@acme.example",
      reason: "no_account_setup",
      since,
      reminder: 1,
      instructions: "Add Finch as a third-party administrator in Gusto.",
      inviteUrl: "https://perch.example.com/connect/tok",
      now,
    });
    expect(reminder.deliveryKey).toBe(`reminder:emp-1:${since.toISOString()}:1`);
    expect(reminder.subject).toContain("Benefy");
    expect(reminder.body).toContain("https://perch.example.com/connect/tok");
    const [incident] = incidentMessages({
      incidentId: "inc-1",
      providerId: "gusto",
      connections: 4,
      opened: true,
      channels: ["slack"],
      emailTo: null,
      publicUrl: "https://p",
      now,
    });
    expect(incident.deliveryKey).toBe("incident:inc-1:incident.opened:slack");
  });
});

describe("Standard Webhooks signing", () => {
  const secret = `whsec_${Buffer.alloc(32, 5).toString("base64")}`;
  it("produces signatures the reference library accepts", () => {
    const body = JSON.stringify({ type: "issue.opened" });
    const timestampSeconds = Math.floor(Date.now() / 1000);
    const signature = signStandardWebhook({ secret, id: "msg_1", timestampSeconds, body });
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const headers = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(timestampSeconds),
      "webhook-signature": signature,
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: "issue.opened" });
    expect(
      verifyStandardWebhook({
        secret,
        id: "msg_1",
        timestampSeconds,
        body,
        header: `v1,bad ${signature}`,
      }),
    ).toBe(true);
    expect(
      verifyStandardWebhook({ secret, id: "msg_2", timestampSeconds, body, header: signature }),
    ).toBe(false);
  });
});

describe("retry backoff", () => {
  it("waits 1, 5, 30 minutes, 2 and 6 hours, then gives up", () => {
    expect([1, 2, 3, 4, 5, 6].map(retryDelayMs)).toEqual([
      60_000,
      300_000,
      1_800_000,
      7_200_000,
      21_600_000,
      null,
    ]);
  });
});
