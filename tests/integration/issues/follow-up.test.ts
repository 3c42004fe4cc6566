import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { applyConnectionStatus } from "@/db/queries/connections";
import { setEmployerOwner } from "@/db/queries/issues";
import { refreshEmployerAttention } from "@/lib/monitoring/attention";
import {
  connections,
  employers,
  issues,
  notificationDeliveries,
  providerIncidents,
  users,
} from "@/db/schema";
import { env } from "@/lib/env";
import { emailInvite } from "@/lib/notifications/invite-mail";
import { defaultNotificationSettings } from "@/lib/notifications/settings";
import { saveNotificationSettings } from "@/lib/notifications/store";
import { createInviteLink, inviteUrl, resolveInvite } from "@/lib/onboarding/invites";
import { runFollowUp } from "@/lib/issues/run";
import { evaluateIssues } from "@/lib/issues/evaluate";
import { deliverDue } from "@/lib/notifications/deliver";
import { requeueDelivery } from "@/db/queries/notifications";
import { appNow } from "@/lib/clock";
import { runSweep } from "@/lib/monitoring/sweep";
import { createConnectedEmployer } from "@/tests/support/connected-employer";
import { databaseTargets } from "@/tests/support/databases";
import {
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from "@/tests/support/receivers";
import { DAY, HOUR, openWorld, seedConnection, type MonitoringWorld } from "../monitoring/support";

const WEBHOOK_SECRET = `whsec_${randomBytes(32).toString("base64")}`;

describe.each(databaseTargets())("issues and notifications on $name", (target) => {
  let world: MonitoringWorld;
  let smtp: SmtpReceiver;
  let slack: HttpReceiver;
  let hooks: HttpReceiver;

  beforeAll(async () => {
    smtp = await startSmtpReceiver({ user: "perch@example.com", password: "p@ss word" });
    slack = await startHttpReceiver();
    hooks = await startHttpReceiver();
    world = await openWorld(target, {
      SMTP_URL: smtp.url,
      MAIL_FROM: "Perch Ops <ops@example.com>",
      SLACK_WEBHOOK_URL: `${slack.url}/services/T1/B1/x`,
      PERCH_WEBHOOK_URL: `${hooks.url}/hooks/perch`,
      PERCH_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
  });
  afterAll(async () => {
    await world?.close();
    await Promise.all([smtp?.close(), slack?.close(), hooks?.close()]);
  });
  beforeEach(() => {
    slack.reset();
    hooks.reset();
    smtp.messages.length = 0;
  });

  async function setStatus(finchConnectionId: string, status: string) {
    await world.control(`connections/${finchConnectionId}/status`, "POST", { status });
    await world.emulator.flushWebhooks();
  }

  /** Each test on its own provider, so earlier tests' failures never add up to an incident. */
  async function seedAutomated(name: string, providerId: string) {
    const seeded = await createConnectedEmployer({ assisted: false, name, providerId });
    await world.emulator.flushWebhooks();
    return seeded;
  }

  async function issuesOf(connectionId: string) {
    const db = await getDb();
    return db.select().from(issues).where(eq(issues.connectionId, connectionId));
  }

  async function deliveriesOf(issueId: string) {
    const db = await getDb();
    return db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.issueId, issueId));
  }

  it("opens an issue on re-authentication, notifies Slack and a signed webhook once, then resolves", async () => {
    const { connection, employer } = await seedConnection({ assisted: false, name: "Acme Foods" });
    await setStatus(connection.finchConnectionId, "reauth");

    // The webhook already opened the issue; the follow-up run delivers its notices.
    const [issue] = await issuesOf(connection.id);
    expect(issue).toMatchObject({ kind: "reauth_needed", state: "open", severity: "critical" });
    const report = await runFollowUp();
    expect(report.deliveries?.sent).toBeGreaterThanOrEqual(2);

    // Slack: one message, with the next step and a link to the employer.
    const slackPosts = slack.requests.filter((r) => r.body.includes("Acme Foods"));
    expect(slackPosts).toHaveLength(1);
    const text = JSON.parse(slackPosts[0].body).text as string;
    expect(text).toContain("Re-authentication needed opened");
    expect(text).toContain(`/employers/${employer.id}|Open in Perch>`);

    // The outbound webhook verifies with the reference Standard Webhooks library.
    const post = hooks.requests.find((r) => r.body.includes(issue.id))!;
    const verified = new Webhook(WEBHOOK_SECRET).verify(post.body, post.headers) as {
      type: string;
      data: { employer: { url: string } };
    };
    expect(verified.type).toBe("issue.opened");
    expect(verified.data.employer.url).toMatch(new RegExp(`/employers/${employer.id}$`));
    expect(() =>
      new Webhook(`whsec_${randomBytes(32).toString("base64")}`).verify(post.body, post.headers),
    ).toThrow();

    // Later runs while the condition lasts say nothing new.
    await runFollowUp();
    expect(slack.requests.filter((r) => r.body.includes("Acme Foods"))).toHaveLength(1);

    // The employer signs in again: the issue resolves and a "resolved" notice goes out once.
    await setStatus(connection.finchConnectionId, "connected");
    await runFollowUp();
    const [resolved] = await issuesOf(connection.id);
    expect(resolved).toMatchObject({ state: "resolved", episode: 1 });
    const resolvedHooks = hooks.requests.filter(
      (r) => JSON.parse(r.body).type === "issue.resolved",
    );
    expect(resolvedHooks).toHaveLength(1);

    // It breaks again: the same issue reopens as a new episode and is announced again.
    await setStatus(connection.finchConnectionId, "reauth");
    await runFollowUp();
    const [reopened] = await issuesOf(connection.id);
    expect(reopened).toMatchObject({ id: issue.id, state: "open", episode: 2 });
    expect((await deliveriesOf(issue.id)).filter((d) => d.channel === "slack")).toHaveLength(3);
  });

  it("enqueues and sends each message exactly once under two concurrent evaluators", async () => {
    const { connection } = await seedAutomated("Twin Runs Ltd", "justworks");
    await world.control(`connections/${connection.finchConnectionId}/status`, "POST", {
      status: "reauth",
    });
    // No webhook this time: the sweep sees it, then two instances evaluate and deliver at once.
    await world.emulator.flushWebhooks();
    await runSweep({ connectionIds: [connection.id] });
    await Promise.all([runFollowUp(), runFollowUp(), runFollowUp()]);
    const [issue] = await issuesOf(connection.id);
    const deliveries = await deliveriesOf(issue.id);
    expect(deliveries.map((d) => d.channel).sort()).toEqual(["slack", "webhook"]);
    expect(deliveries.every((d) => d.status === "sent" && d.attempts === 1)).toBe(true);
    expect(slack.requests.filter((r) => r.body.includes("Twin Runs Ltd"))).toHaveLength(1);
    expect(hooks.requests.filter((r) => r.body.includes(issue.id))).toHaveLength(1);
  });

  it("retries a failing webhook with backoff, keeps one webhook-id, and replays from the log", async () => {
    const { connection } = await seedAutomated("Flaky Hooks Inc", "paychex_flex");
    // The endpoint is down for this run (the issue notice and the forwarded status change).
    hooks.failNext(...Array<number>(10).fill(503));
    await setStatus(connection.finchConnectionId, "reauth");
    await runFollowUp();
    hooks.reset();
    const [issue] = await issuesOf(connection.id);
    let [hook] = (await deliveriesOf(issue.id)).filter((d) => d.channel === "webhook");
    expect(hook).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 503" });
    // Backoff: the retry waits a minute of real time.
    expect(hook.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(50_000);
    expect((await deliverDue({ ids: [hook.id] })).sent).toBe(0);

    const db = await getDb();
    await db
      .update(notificationDeliveries)
      .set({ nextAttemptAt: new Date() })
      .where(eq(notificationDeliveries.id, hook.id));
    expect((await deliverDue({ ids: [hook.id] })).sent).toBe(1);
    [hook] = (await deliveriesOf(issue.id)).filter((d) => d.channel === "webhook");
    expect(hook).toMatchObject({ status: "sent", attempts: 2 });

    // Replay: the same message again, with the same webhook-id so receivers can deduplicate.
    expect(await requeueDelivery({ id: hook.id, now: new Date() })).toBeTruthy();
    await deliverDue({ ids: [hook.id] });
    const ids = hooks.requests
      .filter((r) => r.body.includes(issue.id))
      .map((r) => r.headers["webhook-id"]);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
  });

  it("groups many failing connections of one provider into one incident", async () => {
    const seeded = [];
    for (const n of [1, 2, 3, 4]) {
      seeded.push(
        await createConnectedEmployer({
          assisted: false,
          name: `Outage Co ${n}`,
          providerId: "gusto",
        }),
      );
    }
    for (const s of seeded) {
      await world.control(`connections/${s.connection.finchConnectionId}/status`, "POST", {
        status: "reauth",
      });
    }
    await world.emulator.flushWebhooks();
    await runSweep({ connectionIds: seeded.map((s) => s.connection.id) });
    await runFollowUp();
    const db = await getDb();
    const incidents = await db
      .select()
      .from(providerIncidents)
      .where(eq(providerIncidents.providerId, "gusto"));
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ state: "open", connections: 4 });
    const incidentSlack = slack.requests.filter((r) => r.body.includes("Provider incident"));
    expect(incidentSlack).toHaveLength(1);
    // The connections after the threshold are told as the incident, not one by one.
    const perIssue = slack.requests.filter((r) => r.body.includes("Outage Co"));
    expect(perIssue.length).toBeLessThanOrEqual(2);

    for (const s of seeded) {
      await world.control(`connections/${s.connection.finchConnectionId}/status`, "POST", {
        status: "connected",
      });
    }
    await world.emulator.flushWebhooks();
    await runSweep({ connectionIds: seeded.map((s) => s.connection.id) });
    await runFollowUp();
    const [after] = await db
      .select()
      .from(providerIncidents)
      .where(eq(providerIncidents.id, incidents[0].id));
    expect(after.state).toBe("resolved");
  });

  it("reminds an employer stuck in no account set up after 2 and 5 days, and stops once fixed", async () => {
    const { connection, employer } = await seedConnection({
      assisted: true,
      name: "Slow Payroll Co",
    });
    const db = await getDb();
    await db
      .update(employers)
      .set({ contactEmail: "hr@slowpayroll.example" })
      .where(eq(employers.id, employer.id));
    await setStatus(connection.finchConnectionId, "error_no_account_setup");

    const remindersTo = () =>
      smtp.messages.filter((m) => m.envelopeTo.includes("hr@slowpayroll.example"));
    await world.emulator.advanceClock(DAY);
    await runFollowUp();
    expect(remindersTo()).toHaveLength(0);

    await world.emulator.advanceClock(DAY + HOUR);
    await runFollowUp();
    expect(remindersTo()).toHaveLength(1);
    const first = remindersTo()[0];
    expect(first.auth).toBe("perch@example.com");
    expect(first.mail.from?.text).toContain("ops@example.com");
    expect(first.mail.text).toContain("Add Finch as a third-party administrator");
    expect(first.mail.text).toMatch(/\/connect\/[A-Za-z0-9_-]{20,}/);

    // The link is bound to the connection, so the employer's page shows its status.
    const token = first.mail.text!.match(/\/connect\/([A-Za-z0-9_-]+)/)![1];
    const opened = await resolveInvite(token);
    expect(opened.valid && opened.connection?.id).toBe(connection.id);

    // The same day again: nothing more.
    await runFollowUp();
    expect(remindersTo()).toHaveLength(1);

    await world.emulator.advanceClock(3 * DAY);
    await runFollowUp();
    expect(remindersTo()).toHaveLength(2);
    // The second reminder carries a fresh link, and replies in the first one's thread.
    const second = remindersTo()[1];
    expect(second.mail.inReplyTo).toBe(first.mail.messageId);

    // The employer fixes it: no reminder on day 9.
    await setStatus(connection.finchConnectionId, "processing");
    await world.emulator.advanceClock(5 * DAY);
    await runFollowUp();
    expect(remindersTo()).toHaveLength(2);
    const [row] = await db
      .select()
      .from(notificationDeliveries)
      .where(
        and(
          eq(notificationDeliveries.employerId, employer.id),
          eq(notificationDeliveries.topic, "reminder"),
        ),
      );
    expect(row.recipient).toBe("hr@slowpayroll.example");
    expect(await appNow()).toBeInstanceOf(Date);
  });

  it("e-mails the employer's owner when routed, and sends the daily digest once a day", async () => {
    const db = await getDb();
    const [owner] = await db
      .insert(users)
      .values({ email: `owner-${randomBytes(3).toString("hex")}@example.com`, role: "operator" })
      .returning();
    const { connection, employer } = await seedAutomated("Owned Co", "bamboo_hr");
    await setEmployerOwner({ employerId: employer.id, userId: owner.id, now: await appNow() });
    const settings = defaultNotificationSettings();
    settings.routes.reauth_needed = ["email"];
    settings.dailyDigest = true;
    settings.ownerEmail = "lead@example.com";
    await saveNotificationSettings(settings);
    try {
      await setStatus(connection.finchConnectionId, "reauth");
      await runFollowUp();
      const [issue] = await issuesOf(connection.id);
      expect(issue.ownerUserId).toBe(owner.id);
      const toOwner = smtp.messages.filter((m) => m.envelopeTo.includes(owner.email));
      expect(toOwner).toHaveLength(1);
      expect(toOwner[0].mail.subject).toBe("Re-authentication needed opened: Owned Co");
      expect(toOwner[0].mail.text).toContain(`/employers/${employer.id}`);
      expect(slack.requests.filter((r) => r.body.includes("Owned Co"))).toHaveLength(0);

      const digests = () => smtp.messages.filter((m) => m.envelopeTo.includes("lead@example.com"));
      expect(digests()).toHaveLength(1);
      expect(digests()[0].mail.subject).toMatch(
        /^Perch daily digest \d{4}-\d{2}-\d{2}: \d+ unresolved/,
      );
      expect(digests()[0].mail.text).toContain("Owned Co");
      await runFollowUp();
      expect(digests()).toHaveLength(1);
      await world.emulator.advanceClock(DAY);
      await runFollowUp();
      expect(digests()).toHaveLength(2);
    } finally {
      await saveNotificationSettings(defaultNotificationSettings());
    }
  });

  it("e-mails an invite link and a re-authentication link bound to the connection", async () => {
    const { connection, employer } = await seedAutomated("Invited By Mail", "namely");
    const db = await getDb();
    const [withContact] = await db
      .update(employers)
      .set({ contactEmail: "payroll@invited.example" })
      .where(eq(employers.id, employer.id))
      .returning();
    const { invite, token } = await createInviteLink({
      employer: withContact,
      products: ["company"],
      manual: false,
      days: 7,
      actor: { userId: null, label: "Test" },
      connectionId: connection.id,
    });
    const url = inviteUrl(env().publicUrl, token);
    expect(
      await emailInvite({ employer: withContact, invite, url, reauth: true, now: await appNow() }),
    ).toBe("sent");
    const [mail] = smtp.messages.filter((m) => m.envelopeTo.includes("payroll@invited.example"));
    expect(mail.mail.subject).toContain("please sign in to your payroll system again");
    expect(mail.mail.text).toContain(url);
    const resolved = await resolveInvite(token);
    expect(resolved.valid && resolved.connection?.id).toBe(connection.id);
  });

  it("resolves an issue in the sweep's follow-up once the attention flag has cleared", async () => {
    const { connection, employer } = await seedAutomated("Quiet Recovery", "deel");
    await setStatus(connection.finchConnectionId, "reauth");
    expect((await issuesOf(connection.id))[0].state).toBe("open");
    // The status clears the way the sweep records it (no webhook, so nothing else re-decides
    // the issue), and the attention flag goes with it.
    const now = await appNow();
    await applyConnectionStatus({
      connectionId: connection.id,
      status: "connected",
      message: null,
      at: now,
      source: "introspect",
      lastSuccessfulSync: null,
      timeZone: "UTC",
    });
    await refreshEmployerAttention({ employerId: employer.id, now });
    const db = await getDb();
    const [row] = await db.select().from(employers).where(eq(employers.id, employer.id));
    expect(row.attentionAt === null || row.attentionAt > now).toBe(true);
    // The employer is still a candidate because its issue is open, so it resolves now.
    await runFollowUp();
    expect((await issuesOf(connection.id))[0].state).toBe("resolved");
  });

  it("reminds about an unused invite from the first link staff sent, with fresh links", async () => {
    const db = await getDb();
    const [staff] = await db
      .insert(users)
      .values({ email: `staff-${randomBytes(3).toString("hex")}@example.com`, role: "operator" })
      .returning();
    const [employer] = await db
      .insert(employers)
      .values({
        name: "Never Connected",
        customerId: `never-${randomBytes(3).toString("hex")}`,
        contactEmail: "boss@never.example",
      })
      .returning();
    await createInviteLink({
      employer,
      products: ["company"],
      manual: true,
      days: 3,
      actor: { userId: staff.id, label: staff.email },
    });
    const toBoss = () => smtp.messages.filter((m) => m.envelopeTo.includes("boss@never.example"));
    await world.emulator.advanceClock(2 * DAY + HOUR);
    await runFollowUp();
    expect(toBoss()).toHaveLength(1);
    // The staff link has expired by day 5; the reminder still goes, with a fresh working link,
    // and Perch's own links do not restart the schedule.
    await world.emulator.advanceClock(3 * DAY);
    await runFollowUp();
    expect(toBoss()).toHaveLength(2);
    const token = toBoss()[1].mail.text!.match(/\/connect\/([A-Za-z0-9_-]+)/)![1];
    expect((await resolveInvite(token)).valid).toBe(true);
    await world.emulator.advanceClock(DAY);
    await runFollowUp();
    expect(toBoss()).toHaveLength(2);
  });

  it("forwards status changes to the outbound webhook once each", async () => {
    await runFollowUp();
    const { connection } = await seedAutomated("Event Forwarding Co", "quickbooks");
    await setStatus(connection.finchConnectionId, "reauth");
    await runFollowUp();
    await runFollowUp();
    const changes = hooks.requests
      .map((r) => ({ r, body: JSON.parse(r.body) }))
      .filter(
        ({ body }) =>
          body.type === "connection.status_changed" && body.data.connectionId === connection.id,
      );
    expect(changes.map(({ body }) => body.data.to)).toEqual(["reauth"]);
    const verified = new Webhook(WEBHOOK_SECRET).verify(changes[0].r.body, changes[0].r.headers);
    expect(verified).toMatchObject({ data: { employer: { name: "Event Forwarding Co" } } });
  });

  it("covers a large fleet round-robin when a run's time budget runs out", async () => {
    const db = await getDb();
    const since = new Date((await appNow()).getTime() - 2 * DAY);
    const rows = await db
      .insert(employers)
      .values(
        [1, 2, 3, 4, 5].map((n) => ({
          name: `Fleet ${n}`,
          customerId: `fleet-${randomBytes(4).toString("hex")}`,
          connectionStatus: "reauth",
          statusChangedAt: since,
          attentionAt: since,
          reauthNeededAt: since,
        })),
      )
      .returning();
    await db.insert(connections).values(
      rows.map((e, n) => ({
        employerId: e.id,
        finchConnectionId: `fleet_${randomBytes(6).toString("hex")}_${n}`,
        providerId: `fleet_provider_${n}`,
        status: "reauth",
        statusChangedAt: since,
      })),
    );
    // A zero budget stops every pass after one page; each run picks up where the last stopped.
    const visited: number[] = [];
    for (let run = 0; run < 50; run += 1) {
      const report = await evaluateIssues({ now: await appNow(), pageSize: 2, budgetMs: 0 });
      visited.push(report.employers);
      if (report.employers < 2) break;
    }
    expect(visited[0]).toBe(2);
    expect(visited.at(-1)).toBeLessThan(2);
    const opened = await db
      .select()
      .from(issues)
      .where(
        inArray(
          issues.employerId,
          rows.map((r) => r.id),
        ),
      );
    expect(opened.map((i) => i.state)).toEqual(["open", "open", "open", "open", "open"]);
  });

  it("keeps tracking issues when every channel is down, and records why", async () => {
    const { connection } = await seedAutomated("Dark Channels", "trinet");
    // Both endpoints fail for the whole run (issue notices and forwarded events alike).
    slack.failNext(...Array<number>(20).fill(500));
    hooks.failNext(...Array<number>(20).fill(500));
    await setStatus(connection.finchConnectionId, "reauth");
    const report = await runFollowUp();
    expect(report.issues).not.toBeNull();
    const [issue] = await issuesOf(connection.id);
    expect(issue.state).toBe("open");
    const deliveries = await deliveriesOf(issue.id);
    expect(deliveries.every((d) => d.status === "pending" && d.lastError === "HTTP 500")).toBe(
      true,
    );
    expect(await evaluateIssues({ now: await appNow() })).toMatchObject({ opened: 0 });
  });
});
