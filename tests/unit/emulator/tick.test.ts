import Finch from "@tryfinch/finch-api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createEmulator, type Emulator } from "@/lib/emulator";
import { generateWebhookSecret } from "@/lib/emulator/webhooks";

const START = new Date("2026-11-30T12:00:00Z").getTime();

/** An in-process emulator whose clock is the (faked) system clock, and what it delivers. */
async function emulatorWithInbox() {
  const delivered: { event_type: string; connection_id: string }[] = [];
  const emulator = await createEmulator({
    clientId: "tick-client",
    clientSecret: "tick-secret",
    webhookUrl: "http://hooks.test/finch",
    webhookSecret: generateWebhookSecret(),
    backgroundTimers: false,
    rateLimits: "off",
    fetch: async (_input, init) => {
      delivered.push(JSON.parse(String(init?.body)));
      return new Response("ok");
    },
  });
  const client = (accessToken: string | null) =>
    new Finch({
      clientID: "tick-client",
      clientSecret: "tick-secret",
      accessToken,
      baseURL: "http://finch.test",
      maxRetries: 0,
      fetch: (input, init) => emulator.handle(new Request(input, init)),
    });
  return { emulator, delivered, client };
}

async function deliveredTypes(
  emulator: Emulator,
  delivered: { event_type: string; connection_id: string }[],
  connectionId: string,
): Promise<string[]> {
  await emulator.flushWebhooks();
  return delivered.filter((e) => e.connection_id === connectionId).map((e) => e.event_type);
}

describe("the emulator's tick", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("emits what falls due while time just runs, with no change to the state in between", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: START });
    const { emulator, delivered, client } = await emulatorWithInbox();
    const created = await client(null).sandbox.connections.create({
      provider_id: "gusto",
      authentication_type: "credential",
      products: ["company", "directory"],
    });
    // A sandbox sync finishes 3 s after it starts.
    await client(created.access_token).sandbox.jobs.create({ type: "data_sync_all" });

    vi.setSystemTime(START + 1_000);
    await emulator.tick();
    expect(await deliveredTypes(emulator, delivered, created.connection_id)).not.toContain(
      "job.data_sync_all.completed",
    );

    // Nothing changes; the clock passes the job's end. The next tick must not treat the span it
    // found quiet a second ago as quiet still.
    vi.setSystemTime(START + 5_000);
    await emulator.tick();
    expect(await deliveredTypes(emulator, delivered, created.connection_id)).toContain(
      "job.data_sync_all.completed",
    );
    await emulator.close();
  });

  it("looks again after a change to the state, even inside a span it had found quiet", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: START });
    const { emulator, delivered, client } = await emulatorWithInbox();
    const created = await client(null).sandbox.connections.create({
      provider_id: "gusto",
      authentication_type: "credential",
      products: ["company"],
    });
    vi.setSystemTime(START + 1_000);
    await emulator.tick();

    // Nothing was due for a minute; then a sync starts (a change), finishing 3 s later.
    await client(created.access_token).sandbox.jobs.create({ type: "data_sync_all" });
    vi.setSystemTime(START + 5_000);
    await emulator.tick();
    expect(await deliveredTypes(emulator, delivered, created.connection_id)).toContain(
      "job.data_sync_all.completed",
    );
    await emulator.close();
  });
});
