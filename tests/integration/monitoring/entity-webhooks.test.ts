import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/finch/route";
import { getConnectionById } from "@/db/queries/connections";
import { getEmployerRowDetails } from "@/db/queries/employer-list";
import {
  countEntityTotals,
  listConnectionEntities,
  saveEntityReports,
} from "@/db/queries/entities";
import { appNow } from "@/lib/clock";
import { databaseTargets } from "@/tests/support/databases";
import { openWorld, seedConnection, signedWebhook, type MonitoringWorld } from "./support";

describe.each(databaseTargets())("entity webhooks on $name", (target) => {
  let world: MonitoringWorld;

  beforeAll(async () => {
    world = await openWorld(target);
  });
  afterAll(async () => {
    await world?.close();
  });

  it("applies an account.updated with an entity_id to that entity only", async () => {
    const { connection } = await seedConnection({ assisted: false, emulator: world.emulator });
    await saveEntityReports({
      connectionId: connection.id,
      employerId: connection.employerId,
      entities: [
        { finchEntityId: "entity-a", name: "A", sourceId: "1001", status: "connected" },
        { finchEntityId: "entity-b", name: "B", sourceId: "1002", status: "connected" },
      ],
      at: await appNow(),
    });
    const before = (await getConnectionById({ id: connection.id }))!.status;

    const delivery = signedWebhook({
      body: {
        connection_id: connection.finchConnectionId,
        company_id: "c",
        account_id: "a",
        entity_id: "entity-b",
        event_type: "account.updated",
        data: { status: "error_permissions", authentication_method: { type: "credential" } },
      },
    });
    const response = await POST(delivery.request());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: "applied" });

    const entities = await listConnectionEntities({ connectionId: connection.id });
    expect(entities.map((e) => [e.finchEntityId, e.status])).toEqual([
      ["entity-a", "connected"],
      ["entity-b", "error_permissions"],
    ]);
    expect((await getConnectionById({ id: connection.id }))!.status).toBe(before);

    // The list and the overview count it exactly: 2 entities, 1 needs attention.
    const details = await getEmployerRowDetails({ employerIds: [connection.employerId] });
    expect(details.get(connection.employerId)?.entities).toEqual({ total: 2, needsAttention: 1 });
    const totals = await countEntityTotals();
    expect(totals.needsAttention).toBeGreaterThanOrEqual(1);
    expect(totals.entities).toBeGreaterThanOrEqual(2);
  });
});
