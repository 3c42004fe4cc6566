import { readFileSync } from "node:fs";
import path from "node:path";
import { appNow } from "@/lib/clock";
import { FINCH_WEBHOOK_EVENTS } from "@/lib/monitoring/webhook-events";
import { and, eq } from "drizzle-orm";
import { kindsDueFromInstants } from "@/lib/status/attention";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/finch/route";
import { getDb } from "@/db";
import { getConnectionById, listConnectionGroups } from "@/db/queries/connections";
import { listWebhookDeliveries } from "@/db/queries/webhooks";
import { employers, events } from "@/db/schema";
import { databaseTargets } from "@/tests/support/databases";
import { HOUR, openWorld, seedConnection, signedWebhook, type MonitoringWorld } from "./support";

describe.each(databaseTargets())("Finch webhooks on $name", (target) => {
  let world: MonitoringWorld;

  beforeAll(async () => {
    world = await openWorld(target);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function countEvents(conditions: { type?: string; connectionId?: string }) {
    const db = await getDb();
    const rows = await db
      .select()
      .from(events)
      .where(
        and(
          conditions.type ? eq(events.type, conditions.type) : undefined,
          conditions.connectionId ? eq(events.connectionId, conditions.connectionId) : undefined,
        ),
      );
    return rows.length;
  }

  function accountUpdated(finchConnectionId: string, status: string) {
    return {
      connection_id: finchConnectionId,
      company_id: "c",
      account_id: "a",
      event_type: "account.updated",
      data: { status, authentication_method: { type: "assisted" } },
    };
  }

  it("applies a verified account.updated once, however often it is delivered", async () => {
    const { connection, employer } = await seedConnection({
      assisted: true,
      emulator: world.emulator,
    });
    const delivery = signedWebhook({
      body: accountUpdated(connection.finchConnectionId, "error_permissions"),
    });
    const first = await POST(delivery.request());
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: "applied" });
    const row = (await getConnectionById({ id: connection.id }))!;
    expect(row.status).toBe("error_permissions");
    // Deliveries can arrive out of order, so a status change makes the connection due for a
    // confirming introspection at once.
    expect(row.nextCheckAt.getTime()).toBeLessThanOrEqual((await appNow()).getTime());
    const db = await getDb();
    const [summary] = await db.select().from(employers).where(eq(employers.id, employer.id));
    expect(kindsDueFromInstants(summary, await appNow())).toEqual(["employer_action_needed"]);

    const changes = await countEvents({
      type: "connection.status_changed",
      connectionId: connection.id,
    });
    const replay = await POST(delivery.request());
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ outcome: "duplicate" });
    expect(
      await countEvents({ type: "connection.status_changed", connectionId: connection.id }),
    ).toBe(changes);
    const received = await countEvents({ type: "webhook.received", connectionId: connection.id });
    expect((await POST(delivery.request())).status).toBe(200);
    expect(await countEvents({ type: "webhook.received", connectionId: connection.id })).toBe(
      received,
    );
    expect(
      await db.select().from(events).where(eq(events.finchEventId, delivery.eventId)),
    ).toHaveLength(1);
    const inbox = await listWebhookDeliveries({ kind: "duplicate" });
    expect(inbox[0]).toMatchObject({ connectionId: connection.id, finchEventId: null });
  });

  it("rejects a tampered body with 400 and stores nothing of it", async () => {
    const { connection } = await seedConnection({ assisted: true, emulator: world.emulator });
    const delivery = signedWebhook({
      body: accountUpdated(connection.finchConnectionId, "processing"),
    });
    const tampered = new Request(delivery.request(), {
      body: delivery.raw.replace("processing", "connected"),
    });
    const response = await POST(tampered);
    expect(response.status).toBe(400);
    expect((await getConnectionById({ id: connection.id }))!.status).toBe("pending");
    const db = await getDb();
    const stored = await db.select().from(events).where(eq(events.finchEventId, delivery.eventId));
    expect(stored).toHaveLength(0);
    const [rejected] = await listWebhookDeliveries({ kind: "rejected" });
    expect(rejected.data.reason).toMatch(/signature/i);
    expect(rejected.data).not.toHaveProperty("payload");
    expect(rejected.finchEventId).toBeNull();
  });

  it("rejects stale and future timestamps, a wrong secret and missing headers", async () => {
    const { connection } = await seedConnection({ assisted: true, emulator: world.emulator });
    const body = accountUpdated(connection.finchConnectionId, "processing");
    const now = Math.floor(Date.now() / 1000);
    const stale = signedWebhook({ body, timestampSeconds: now - 6 * 60 });
    const future = signedWebhook({ body, timestampSeconds: now + 6 * 60 });
    const wrongSecret = signedWebhook({
      body,
      secret: Buffer.from("x".repeat(24)).toString("base64"),
    });
    for (const delivery of [stale, future, wrongSecret]) {
      expect((await POST(delivery.request())).status).toBe(400);
    }
    const unsigned = new Request("http://127.0.0.1/api/webhooks/finch", {
      method: "POST",
      body: JSON.stringify(body),
    });
    expect((await POST(unsigned)).status).toBe(400);
    expect((await getConnectionById({ id: connection.id }))!.status).toBe("pending");
    const rejected = await listWebhookDeliveries({ kind: "rejected", limit: 4 });
    expect(rejected.map((r) => r.data.reason)).toEqual([
      expect.stringMatching(/header/i),
      expect.stringMatching(/signature/i),
      expect.stringMatching(/stale/i),
      expect.stringMatching(/stale/i),
    ]);
  });

  it("marks groups ready from initial-sync jobs and stores unknown types without applying them", async () => {
    const { connection } = await seedConnection({ assisted: true, emulator: world.emulator });
    const org = signedWebhook({
      body: {
        connection_id: connection.finchConnectionId,
        event_type: "job.initial_data_sync_org.succeeded",
        data: { job_id: "j1" },
      },
    });
    expect(await (await POST(org.request())).json()).toMatchObject({ outcome: "applied" });
    const groups = await listConnectionGroups({ connectionId: connection.id });
    expect(groups.find((g) => g.group === "organization")).toMatchObject({
      readySource: "webhook",
    });
    expect(await countEvents({ type: "data.ready", connectionId: connection.id })).toBe(1);

    const unknown = signedWebhook({
      body: { connection_id: connection.finchConnectionId, event_type: "pay_statement.created" },
    });
    const response = await POST(unknown.request());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: "ignored" });
    const [stored] = await listWebhookDeliveries({ eventType: "pay_statement.created" });
    expect(stored.data.outcome).toBe("ignored");
  });

  it("accepts every event type Finch documents: applies what matters, stores the rest as ignored", async () => {
    const { connection } = await seedConnection({ assisted: false, emulator: world.emulator });
    const sdkTypes = [
      ...readFileSync(
        path.join(process.cwd(), "node_modules/@tryfinch/finch-api/resources/webhooks.d.ts"),
        "utf8",
      ).matchAll(/'([a-z0-9_]+\.[a-z0-9_.]+)'/g),
    ]
      .map((m) => m[1])
      .filter((type) => !type.startsWith("api."));
    const eventTypes = [...new Set([...sdkTypes, ...Object.keys(FINCH_WEBHOOK_EVENTS)])];
    expect(eventTypes.length).toBeGreaterThanOrEqual(25);
    for (const eventType of eventTypes) {
      const delivery = signedWebhook({
        body: {
          connection_id: connection.finchConnectionId,
          company_id: "c",
          account_id: "a",
          entity_id: null,
          event_type: eventType,
          data:
            eventType === "account.updated"
              ? { status: "connected", authentication_method: { type: "credential" } }
              : {
                  job_id: "j-1",
                  job_url: "https://example.test/jobs/j-1",
                  individual_id: "i-1",
                  payment_id: "p-1",
                  pay_date: "2026-01-02",
                },
        },
      });
      const response = await POST(delivery.request());
      expect(response.status, eventType).toBe(200);
      const { outcome } = (await response.json()) as { outcome: string };
      expect(["applied", "ignored"], eventType).toContain(outcome);
      const [stored] = await listWebhookDeliveries({ eventType });
      expect(stored?.data.outcome, eventType).toBe(outcome);
    }
    const [dataChange] = await listWebhookDeliveries({ eventType: "pay_statement.deleted" });
    expect(dataChange.data.detail).toMatch(/reads employer data live/);
    const [document] = await listWebhookDeliveries({
      eventType: "job.w4_form_employee_sync.completed",
    });
    expect(document.data.detail).toMatch(/does not read documents/);
  });

  it("receives the emulator's own signed deliveries through the route", async () => {
    const { connection } = await seedConnection({ assisted: true, emulator: world.emulator });
    await world.emulator.advanceClock(5 * HOUR);
    await world.emulator.flushWebhooks();
    const row = (await getConnectionById({ id: connection.id }))!;
    expect(row.status).toBe("processing");
    expect(row.permissionsVerifiedAt).not.toBeNull();
    const db = await getDb();
    const [change] = await db
      .select()
      .from(events)
      .where(
        and(eq(events.connectionId, connection.id), eq(events.type, "connection.status_changed")),
      );
    expect(change.source).toBe("webhook");
  });
});
