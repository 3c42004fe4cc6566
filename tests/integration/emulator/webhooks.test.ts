import { readFileSync } from "node:fs";
import path from "node:path";
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

/** Every event type the official SDK declares, read from its own type definitions. */
function sdkEventTypes(): string[] {
  const types = readFileSync(
    path.join(process.cwd(), "node_modules/@tryfinch/finch-api/resources/webhooks.d.ts"),
    "utf8",
  );
  const declared = [...types.matchAll(/event_type\?: ([^;]+);/g)].flatMap((m) =>
    [...m[1].matchAll(/'([a-z0-9_.]+)'/g)].map((n) => n[1]),
  );
  return [...new Set(declared)].sort();
}
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

  it("sends every event type the SDK declares, each when its cause happens", async () => {
    const created = await h.client.sandbox.connections.create({
      provider_id: "gusto",
      authentication_type: "credential",
      products: [...ALL_PRODUCTS, "documents"],
    });
    const connectionId = created.connection_id;
    const api = h.withToken(created.access_token);
    const sync = async () => {
      await api.sandbox.jobs.create({ type: "data_sync_all" });
      await h.emulator.advanceClock(5_000);
    };
    const typesSent = () =>
      new Set(
        receiver.received
          .map(
            (r) =>
              verifier.webhooks.unwrap(r.body, r.headers) as {
                connection_id: string;
                event_type: string;
              },
          )
          .filter((e) => e.connection_id === connectionId || e.connection_id === assistedId)
          .map((e) => e.event_type),
      );
    let assistedId = "";
    const [first, second, third, fourth] = (await api.hris.directory.list()).individuals;
    const departments = (await api.hris.company.retrieve()).departments ?? [];

    // Hires, edits, a new pay run and a company change, found by one sync.
    const company = await api.hris.company.retrieve();
    const { id: _id, ...companyFields } = company;
    await api.sandbox.company.update({ ...companyFields, legal_name: "Every Event Inc." });
    await api.sandbox.directory.create({ body: [{ first_name: "Newt", last_name: "Hire" }] });
    await api.sandbox.individual.update(first.id, { first_name: "Renamed" });
    await api.sandbox.employment.update(second.id, {
      department: { name: departments.at(-1)?.name ?? "Elsewhere" },
    });
    const payment = await api.sandbox.payment.create({
      pay_statements: [{ individual_id: third.id, gross_pay: 1_000 }],
    });
    await sync();
    // A changed income re-prices past statements; a deleted person and a deleted pay run
    // leave the provider (an emulator control: Finch's sandbox cannot delete).
    await api.sandbox.employment.update(fourth.id, {
      income: { unit: "yearly", amount: 12_345_600, currency: "usd", effective_date: null },
    });
    expect(
      (await h.control(`connections/${connectionId}/individuals/${third.id}`, { method: "DELETE" }))
        .status,
    ).toBe(200);
    expect(
      (
        await h.control(`connections/${connectionId}/payments/${payment.payment_id}`, {
          method: "DELETE",
        })
      ).status,
    ).toBe(200);
    await sync();
    // Jobs: a W-4 sync and a benefit write.
    await api.jobs.automated.create({
      type: "w4_form_employee_sync",
      params: { individual_id: first.id },
    });
    const benefit = await api.hris.benefits.create({
      type: "401k",
      description: "Every event 401(k)",
      frequency: "every_paycheck",
    });
    await h.emulator.advanceClock(5 * HOUR);
    await api.hris.benefits.update(benefit.benefit_id, { description: "Renamed 401(k)" });
    await api.hris.benefits.individuals.enrollMany(benefit.benefit_id, {
      individuals: [
        {
          individual_id: first.id,
          configuration: { employee_deduction: { type: "percent", amount: 100 } },
        },
      ],
    });
    await h.emulator.advanceClock(5 * HOUR);
    await api.hris.benefits.individuals.unenrollMany(benefit.benefit_id, {
      individual_ids: [first.id],
    });
    // Registering a benefit is for assisted connections, once deductions are configured.
    const assisted = await h.client.sandbox.connections.create({
      provider_id: "paycom",
      authentication_type: "assisted",
      products: ["company", "directory", "benefits"],
    });
    const assistedApi = h.withToken(assisted.access_token);
    assistedId = assisted.connection_id;
    await assistedApi.sandbox.connections.accounts.update({ connection_status: "connected" });
    await h.emulator.advanceClock(8 * DAY);
    await assistedApi.hris.benefits.register({
      type: "s125_dental",
      description: "Dental (registered)",
      frequency: "every_paycheck",
    });
    await h.emulator.advanceClock(5 * DAY);

    const expected = sdkEventTypes();
    expect(expected.length).toBeGreaterThanOrEqual(25);
    await h.emulator.flushWebhooks();
    expect(expected.filter((type) => !typesSent().has(type))).toEqual([]);
    const sent = events(receiver.received, connectionId);
    expect(sent.find((e) => e.event_type === "individual.deleted")?.data).toEqual({
      individual_id: third.id,
    });
    expect(sent.find((e) => e.event_type === "payment.deleted")?.data).toMatchObject({
      payment_id: payment.payment_id,
    });
    expect(
      sent.find(
        (e) => e.event_type === "pay_statement.created" && e.data.payment_id === payment.payment_id,
      )?.data,
    ).toEqual({ payment_id: payment.payment_id, individual_id: third.id });
    await h.emulator.resetClock();
  });

  it("reports data found by scheduled syncs: new pay runs, hires and leavers", async () => {
    const { connectionId } = await h.connect({
      providerId: "rippling",
      authMethod: "oauth",
      products: ALL_PRODUCTS,
    });
    await h.emulator.advanceClock(60 * DAY + HOUR);
    // Sixty days of syncs on every connection queue many events; deliver them all first.
    await h.emulator.flushWebhooks();
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
