import Finch from "@tryfinch/finch-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWebhookSecret } from "@/lib/emulator/webhooks";
import {
  ALL_PRODUCTS,
  DAY,
  SANDBOX_LOGIN,
  startHarness,
  startWebhookReceiver,
  type Harness,
  type WebhookReceiver,
} from "./harness";

const secret = generateWebhookSecret();
const verifier = new Finch({ accessToken: "unused", webhookSecret: secret });

interface Event {
  connection_id: string;
  entity_id: string | null;
  event_type: string;
  data: Record<string, unknown>;
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Finch.APIError)
      return { status: error.status as number, message: JSON.stringify(error.error) };
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("multi-entity connections (through the real SDK)", () => {
  let h: Harness;
  let receiver: WebhookReceiver;
  const eventsOf = (connectionId: string): Event[] =>
    receiver.received
      .map((r) => verifier.webhooks.unwrap(r.body, r.headers) as unknown as Event)
      .filter((e) => e.connection_id === connectionId);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    h = await startHarness({ webhookUrl: receiver.url, webhookSecret: secret });
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  async function connectEntities(
    providerId: string,
    authMethod: "assisted" | "credential",
    entities: { source_id: string; outcome?: "success" | "wrong_permissions" }[],
  ) {
    const session = await h.client.connect.sessions.new({
      customer_id: `customer-${Math.random().toString(36).slice(2)}`,
      customer_name: "Harbor Foods",
      products: ALL_PRODUCTS as never,
      manual: authMethod === "assisted",
    });
    const completed = await h.completeConnect(session.session_id, {
      provider_id: providerId,
      auth_method: authMethod,
      ...(authMethod === "credential"
        ? { username: SANDBOX_LOGIN.username, password: SANDBOX_LOGIN.password }
        : {}),
      entities,
    });
    const token = await h.client.accessTokens.create({ code: completed.code as string });
    return { token, api: h.withToken(token.access_token) };
  }

  it("gives each entity its own status, scopes data calls to one entity, and sends entity_id", async () => {
    const { token, api } = await connectEntities("isolved", "assisted", [
      { source_id: "1001", outcome: "success" },
      { source_id: "1002", outcome: "wrong_permissions" },
    ]);
    expect(token.entity_ids).toHaveLength(2);
    const [healthy, restricted] = token.entity_ids;
    await h.emulator.advanceClock(15 * DAY);

    const introspection = await api.account.introspect();
    expect(introspection.connection_status.status).toBe("connected");
    expect(introspection.entities).toEqual([
      { id: healthy, name: "Harbor Foods Group", source_id: "1001", status: "connected" },
      {
        id: restricted,
        name: "Harbor Foods Staffing LLC",
        source_id: "1002",
        status: "error_permissions",
      },
    ]);

    const missing = await failure(api.hris.company.retrieve());
    expect(missing.status).toBe(400);
    expect(missing.message).toContain(healthy);
    expect(missing.message).toContain(restricted);
    expect(
      (await failure(api.hris.company.retrieve({ entity_ids: [healthy, restricted] }))).status,
    ).toBe(400);
    expect((await failure(api.hris.company.retrieve({ entity_ids: ["nope"] }))).status).toBe(400);

    const company = await api.hris.company.retrieve({ entity_ids: [healthy] });
    expect(company.legal_name).toMatch(/^Harbor Foods Group/);
    const forbidden = await failure(api.hris.company.retrieve({ entity_ids: [restricted] }));
    expect(forbidden.status).toBe(403);

    await receiver.waitFor(() =>
      eventsOf(token.connection_id).some(
        (e) => e.entity_id === restricted && e.data.status === "error_permissions",
      ),
    );
    const statuses = eventsOf(token.connection_id)
      .filter((e) => e.event_type === "account.updated")
      .map(
        (e) =>
          `${e.entity_id === healthy ? "A" : e.entity_id === restricted ? "B" : "?"}:${e.data.status}`,
      );
    expect(statuses).toEqual(
      expect.arrayContaining([
        "A:pending",
        "B:pending",
        "A:processing",
        "B:error_permissions",
        "A:connected",
      ]),
    );
    expect(statuses).not.toContain("?:pending");
    await h.emulator.resetClock();
  });

  it("keeps each entity's data apart and sends entity_id null for a single-entity connection", async () => {
    const { token, api } = await connectEntities("paylocity", "credential", [
      { source_id: "1001" },
      { source_id: "1003" },
    ]);
    const [first, second] = token.entity_ids;
    const a = await api.hris.directory.list({ entity_ids: [first] });
    const b = await api.hris.directory.list({ entity_ids: [second] });
    const idsA = new Set(a.individuals.map((i) => i.id));
    expect(b.individuals.some((i) => idsA.has(i.id))).toBe(false);
    expect((await api.hris.company.retrieve({ entity_ids: [second] })).legal_name).toMatch(
      /^Harbor Foods Services Inc\./,
    );

    const single = await h.connect({
      providerId: "gusto",
      authMethod: "oauth",
      products: ALL_PRODUCTS,
    });
    await receiver.waitFor(() => eventsOf(single.connectionId).length >= 1);
    expect(eventsOf(single.connectionId).every((e) => e.entity_id === null)).toBe(true);
    expect((await single.api.account.introspect()).entities).toHaveLength(1);
  });

  it("disconnects one entity and keeps the token for the other; the last one disconnects", async () => {
    const { token, api } = await connectEntities("paylocity", "credential", [
      { source_id: "1001" },
      { source_id: "1002" },
    ]);
    const [kept, dropped] = token.entity_ids;
    expect(await api.account.disconnectEntity({ entity_ids: [dropped] })).toEqual({
      status: "success",
    });

    const introspection = await api.account.introspect();
    expect(introspection.entities?.map((e) => e.status)).toEqual(["connected", "disconnected"]);
    // One live entity left: calls need no entity_ids, and the dropped one is refused.
    expect((await api.hris.company.retrieve()).legal_name).toMatch(/^Harbor Foods Holdings/);
    expect((await failure(api.hris.company.retrieve({ entity_ids: [dropped] }))).status).toBe(400);
    await receiver.waitFor(() =>
      eventsOf(token.connection_id).some(
        (e) => e.entity_id === dropped && e.data.status === "disconnected",
      ),
    );

    await api.account.disconnectEntity({ entity_ids: [kept] });
    expect((await failure(api.account.introspect())).status).toBe(401);
  });

  it("re-authentication adds entities but never removes one", async () => {
    const { token, api } = await connectEntities("paylocity", "credential", [
      { source_id: "1001" },
    ]);
    expect(token.entity_ids).toHaveLength(1);
    const session = await h.client.connect.sessions.reauthenticate({
      connection_id: token.connection_id,
    });
    const page = await fetch(`${h.origin}/authorize?session=${session.session_id}`).then((r) =>
      r.text(),
    );
    expect(page).toContain('"connectedEntities":["1001"]');
    // The page leaves already-connected entities out; picking only a new one must not drop 1001.
    const completed = await h.completeConnect(session.session_id, {
      provider_id: "paylocity",
      auth_method: "credential",
      username: SANDBOX_LOGIN.username,
      password: SANDBOX_LOGIN.password,
      entities: [{ source_id: "1002" }],
    });
    const reauthed = await h.client.accessTokens.create({ code: completed.code as string });
    expect(reauthed.entity_ids).toEqual([token.entity_ids[0], expect.any(String)]);
    const entities = (await api.account.introspect()).entities ?? [];
    expect(entities.map((e) => [e.source_id, e.status])).toEqual([
      ["1001", "connected"],
      ["1002", "connected"],
    ]);
  });

  it("asks the employer to pick at least one entity", async () => {
    const session = await h.client.connect.sessions.new({
      customer_id: "customer-none",
      customer_name: "Harbor Foods",
      products: ["company"] as never,
    });
    const completed = await h.completeConnect(session.session_id, {
      provider_id: "paylocity",
      auth_method: "credential",
      username: SANDBOX_LOGIN.username,
      password: SANDBOX_LOGIN.password,
      entities: [],
    });
    expect(completed.status).toBe(400);
    expect(completed.error?.type).toBe("entities_required");
  });
});
