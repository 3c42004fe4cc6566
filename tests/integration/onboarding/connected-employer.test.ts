import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { getConnectionById } from "@/db/queries/connections";
import { getEmployerById } from "@/db/queries/employers";
import { listEvents } from "@/db/queries/events";
import { accessTokenFor } from "@/lib/connections/access-token";
import { installTestEnv } from "@/tests/support/app-env";
import { createConnectedEmployer } from "@/tests/support/connected-employer";
import { databaseTargets } from "@/tests/support/databases";

// One environment per file: the demo emulator is created once per process with its client id.
beforeAll(() => {
  installTestEnv();
});

describe.each(databaseTargets())("createConnectedEmployer on $name", (target) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await target.open();
    setDatabaseForTests(handle);
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  it("stores an automated connection as connected, with its token encrypted", async () => {
    const { employer, connection, accessToken } = await createConnectedEmployer({
      assisted: false,
      name: "Automated Co",
    });
    expect(connection).toMatchObject({
      employerId: employer.id,
      providerId: "adp_run",
      providerName: "ADP Run",
      authMethod: "credential",
      assisted: false,
      status: "connected",
    });
    expect(connection.accessTokenCiphertext).not.toContain(accessToken);
    expect(await accessTokenFor(connection)).toBe(accessToken);
    const summary = await getEmployerById({ id: employer.id });
    expect(summary).toMatchObject({ connectionStatus: "connected", providerId: "adp_run" });
    const types = (await listEvents({ employerId: employer.id })).map((e) => e.type);
    expect(types).toContain("connection.created");
  });

  it("stores an assisted connection as pending, with the products asked for", async () => {
    const { connection } = await createConnectedEmployer({
      assisted: true,
      products: ["company", "directory", "payment"],
    });
    const stored = await getConnectionById({ id: connection.id });
    expect(stored).toMatchObject({
      assisted: true,
      authMethod: "assisted",
      status: "pending",
      providerName: "ADP Workforce Now",
    });
    expect(stored?.products.sort()).toEqual(["company", "directory", "payment"]);
  });
});
