import Finch from "@tryfinch/finch-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWebhookSecret } from "@/lib/emulator/webhooks";
import {
  ALL_PRODUCTS,
  DAY,
  HOUR,
  startHarness,
  startWebhookReceiver,
  type Harness,
  type ReceivedWebhook,
  type WebhookReceiver,
} from "./harness";

const secret = generateWebhookSecret();
const verifier = new Finch({ accessToken: "unused", webhookSecret: secret });

function events(received: ReceivedWebhook[], connectionId: string) {
  return received
    .map(
      (r) =>
        verifier.webhooks.unwrap(r.body, r.headers) as {
          connection_id: string;
          event_type: string;
          data: Record<string, unknown>;
        },
    )
    .filter((e) => e.connection_id === connectionId);
}

describe("webhooks", () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    h = await startHarness({ webhookUrl: receiver.url, webhookSecret: secret });
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  it("signs every delivery so the SDK's unwrap accepts it, with real-time timestamps", async () => {
    const { connectionId } = await h.connect({
      providerId: "gusto",
      authMethod: "oauth",
      products: ALL_PRODUCTS,
    });
    await receiver.waitFor(() => events(receiver.received, connectionId).length >= 3);
    const received = events(receiver.received, connectionId);
    expect(received.map((e) => e.event_type)).toEqual([
      "account.updated",
      "job.initial_data_sync_org.succeeded",
      "job.initial_data_sync_payroll.succeeded",
    ]);
    expect(received[0].data).toEqual({
      status: "connected",
      authentication_method: { type: "oauth" },
    });
    expect(received[1].data.job_url).toBe(`${h.baseURL}/jobs/automated/${received[1].data.job_id}`);
    const delivery = receiver.received.at(-1)!;
    expect(delivery.headers["finch-event-id"]).toMatch(/^msg_[0-9A-Za-z]{27}$/);
    expect(Math.abs(Number(delivery.headers["finch-timestamp"]) - Date.now() / 1000)).toBeLessThan(
      10,
    );
    expect(delivery.headers["finch-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const body = JSON.parse(delivery.body);
    expect(Object.keys(body)).toEqual([
      "connection_id",
      "company_id",
      "account_id",
      "entity_id",
      "event_type",
      "data",
    ]);
    expect(() =>
      verifier.webhooks.unwrap(delivery.body, delivery.headers, generateWebhookSecret()),
    ).toThrow();
  });

  it("retries a failed delivery with the same event id", async () => {
    const { connectionId } = await h.connect({
      providerId: "gusto",
      authMethod: "oauth",
      products: ["company"],
    });
    await receiver.waitFor(() => events(receiver.received, connectionId).length >= 2);
    receiver.failNext(500);
    await h.control(`connections/${connectionId}/status`, { body: { status: "reauth" } });
    let queued: { event_id: string; attempts: number }[] = [];
    for (let i = 0; i < 100 && queued[0]?.attempts !== 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      queued = (await h.control<{ queued: typeof queued }>("webhooks")).body.queued;
    }
    expect(queued).toHaveLength(1);
    expect(queued[0].attempts).toBe(1);
    const queuedAfterFailure = queued;

    const flushed = await h.control<{
      queued: number;
      deliveries: { event_id: string; outcome: string }[];
    }>("webhooks/flush", { body: {} });
    expect(flushed.body.queued).toBe(0);
    const outcomes = flushed.body.deliveries
      .filter((d) => d.event_id === queuedAfterFailure[0].event_id)
      .map((d) => d.outcome);
    expect(outcomes).toEqual(["delivered", "failed"]);
    const statusEvents = events(receiver.received, connectionId).filter(
      (e) => e.event_type === "account.updated",
    );
    expect(statusEvents.at(-1)!.data).toEqual({
      status: "reauth",
      authentication_method: { type: "oauth" },
    });
    const ids = receiver.received.map((r) => r.headers["finch-event-id"]);
    expect(ids).toContain(queuedAfterFailure[0].event_id);
  });

  it("sends job.data_sync_all.completed when a job finishes", async () => {
    const { api, connectionId } = await h.connect({
      providerId: "gusto",
      authMethod: "oauth",
      products: ["company"],
    });
    const job = await api.jobs.automated.create({ type: "data_sync_all" });
    await h.emulator.advanceClock(5 * 60_000);
    await receiver.waitFor(() =>
      events(receiver.received, connectionId).some(
        (e) => e.event_type === "job.data_sync_all.completed",
      ),
    );
    const completed = events(receiver.received, connectionId).find(
      (e) => e.event_type === "job.data_sync_all.completed",
    )!;
    expect(completed.data).toEqual({ job_id: job.job_id, job_url: job.job_url });
  });

  it("walks an assisted connection through its lifecycle in chronological order", async () => {
    const { connectionId } = await h.connect({
      providerId: "dayforce",
      authMethod: "assisted",
      products: ALL_PRODUCTS,
    });
    await h.emulator.advanceClock(30 * DAY);
    await receiver.waitFor(() =>
      events(receiver.received, connectionId).some((e) => e.data.status === "connected"),
    );
    const lifecycle = events(receiver.received, connectionId).map((e) =>
      e.event_type === "account.updated" ? `status:${e.data.status}` : e.event_type,
    );
    expect(lifecycle.slice(0, 5)).toEqual([
      "status:pending",
      "status:processing",
      "job.initial_data_sync_org.succeeded",
      "job.initial_data_sync_payroll.succeeded",
      "status:connected",
    ]);
    expect(events(receiver.received, connectionId)[0].data.authentication_method).toEqual({
      type: "assisted",
    });
    await h.emulator.resetClock();
  });

  it("reports data found by scheduled syncs: new pay runs, hires and leavers", async () => {
    const { connectionId } = await h.connect({
      providerId: "rippling",
      authMethod: "oauth",
      products: ALL_PRODUCTS,
    });
    await h.emulator.advanceClock(60 * DAY + HOUR);
    await receiver.waitFor(
      () =>
        events(receiver.received, connectionId).filter((e) => e.event_type === "payment.created")
          .length >= 4,
    );
    const received = events(receiver.received, connectionId);
    const payDates = received
      .filter((e) => e.event_type === "payment.created")
      .map((e) => e.data.pay_date as string);
    expect(payDates).toEqual([...payDates].sort());
    expect(
      received.some(
        (e) => e.event_type === "directory.created" || e.event_type === "employment.updated",
      ),
    ).toBe(true);
    await h.emulator.resetClock();
  });
});
