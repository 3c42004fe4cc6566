import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock(
  "next/headers",
  async () => (await import("@/tests/integration/security/support")).nextEdge,
);

import { GET } from "@/app/api/employers/[id]/data/[product]/route";
import { setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { createEmployer } from "@/db/queries/employers";
import { listConnectionEntities } from "@/db/queries/entities";
import { createApiKey } from "@/lib/api-keys";
import { appNow } from "@/lib/clock";
import { getDemoEmulator } from "@/lib/demo/emulator";
import type { Emulator } from "@/lib/emulator";
import { env } from "@/lib/env";
import { createConnectSession, exchangeAuthorizationCode } from "@/lib/finch/connect";
import { storeConnectionFromToken } from "@/lib/onboarding/store";
import { installTestEnv } from "@/tests/support/app-env";
import { databaseTargets } from "@/tests/support/databases";
import { seedUser } from "@/tests/integration/data/seed";

const DAY = 86_400_000;

describe.each(databaseTargets())("multi-entity employers on $name", (target) => {
  let handle: DatabaseHandle;
  let emulator: Emulator;
  let apiKey: string;
  let employerId: string;
  let connectionId: string;

  async function call(product: string, query = "") {
    const url = `http://localhost:3000/api/employers/${employerId}/data/${product}${query ? `?${query}` : ""}`;
    const response = await GET(
      new Request(url, { headers: { authorization: `Bearer ${apiKey}` } }),
      { params: Promise.resolve({ id: employerId, product }) },
    );
    return {
      status: response.status,
      body: (await response.json()) as {
        data?: { legal_name?: string };
        error?: { code: string; message: string; entity_ids?: string[] };
      },
    };
  }

  async function emulatorFetch(path: string, body: unknown) {
    const response = await emulator.handle(
      new Request(`${env().publicUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
    return (await response.json()) as { code: string };
  }

  beforeAll(async () => {
    installTestEnv();
    handle = await target.open();
    setDatabaseForTests(handle);
    emulator = await getDemoEmulator()!;
    const admin = await seedUser("admin");
    apiKey = (await createApiKey({ name: "warehouse", createdBy: admin.id })).key;
    const employer = await createEmployer({
      name: "Harbor Foods",
      customerId: "harbor-foods",
      contactEmail: null,
      createdBy: null,
    });
    employerId = employer!.id;
    // Through Connect, as an employer would: two entities, one with limited permissions.
    const session = await createConnectSession({
      customerId: "harbor-foods",
      customerName: "Harbor Foods",
      customerEmail: null,
      products: ["company", "directory", "individual", "employment"],
      manual: true,
      integration: { provider: "isolved", authMethod: "assisted" },
      minutesToExpire: 60,
      sandbox: null,
      redirectUri: null,
    });
    const { code } = await emulatorFetch("/authorize/complete", {
      session_id: session.sessionId,
      provider_id: "isolved",
      auth_method: "assisted",
      entities: [
        { source_id: "1001", outcome: "success" },
        { source_id: "1002", outcome: "wrong_permissions" },
      ],
    });
    const token = await exchangeAuthorizationCode({ code, redirectUri: null });
    // Past Finch's checks and the configuration period; then store as the code exchange does.
    await emulator.advanceClock(15 * DAY);
    const { connection } = await storeConnectionFromToken({
      employerId,
      accessToken: token.accessToken,
      at: await appNow(),
      actor: { userId: null, label: "Test setup" },
    });
    connectionId = connection.id;
  });

  afterAll(async () => {
    await emulator.close();
    (globalThis as { perchEmulator?: unknown }).perchEmulator = undefined;
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  it("records one row per entity from introspection, each with its own status", async () => {
    const entities = await listConnectionEntities({ connectionId });
    expect(entities.map((e) => [e.sourceId, e.status])).toEqual([
      ["1001", "connected"],
      ["1002", "error_permissions"],
    ]);
    expect(entities[0].permissionsVerifiedAt).not.toBeNull();
    expect(entities[1].permissionsVerifiedAt).toBeNull();
  });

  it("answers 400 listing the entity ids when a read names no entity", async () => {
    const entities = await listConnectionEntities({ connectionId });
    const res = await call("company");
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("invalid_input");
    for (const entity of entities) expect(res.body.error?.message).toContain(entity.finchEntityId);
    expect(res.body.error?.entity_ids).toEqual(entities.map((e) => e.finchEntityId));
    expect((await call("company", "entity_id=nope")).status).toBe(400);
  });

  it("scopes a read to the named entity and records that entity's freshness", async () => {
    const [healthy, restricted] = await listConnectionEntities({ connectionId });
    const ok = await call("company", `entity_id=${healthy.finchEntityId}`);
    expect(ok.status).toBe(200);
    expect(ok.body.data?.legal_name).toMatch(/^Harbor Foods Group/);
    const [after] = await listConnectionEntities({ connectionId });
    expect(after.dataRetrievedAt).not.toBeNull();

    const refused = await call("company", `entity_id=${restricted.finchEntityId}`);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    // The refusal is the entity's, not the whole connection's.
    const { getConnectionById } = await import("@/db/queries/connections");
    expect((await getConnectionById({ id: connectionId }))?.status).toBe("connected");
  });
});
