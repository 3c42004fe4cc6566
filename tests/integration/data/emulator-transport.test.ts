import Finch from "@tryfinch/finch-api";
import { beforeAll, describe, expect, it } from "vitest";
import { getDemoEmulator } from "@/lib/demo/emulator";
import { env } from "@/lib/env";
import { finchForConnection } from "@/lib/finch/client";
import { createSandboxConnection } from "@/lib/finch/connect";
import { installTestEnv } from "@/tests/support/app-env";

/**
 * Demo mode hands the SDK's requests to the emulator in-process (lib/finch/client.ts). It must
 * behave as fetch over a socket would, or switching to real Finch would change what Perch sees.
 */
describe("the in-process emulator transport", () => {
  let finch: Finch;

  async function faults(rules: unknown[] | null) {
    const emulator = await getDemoEmulator()!;
    const response = await emulator.handle(
      new Request(`${env().publicUrl}/api/finch-emu/_emulator/faults`, {
        method: rules ? "PUT" : "DELETE",
        headers: rules ? { "content-type": "application/json" } : {},
        body: rules ? JSON.stringify(rules) : undefined,
      }),
    );
    expect(response.status).toBeLessThan(300);
  }

  beforeAll(async () => {
    installTestEnv();
    const { accessToken } = await createSandboxConnection({
      providerId: "adp_run",
      authenticationType: "credential",
      products: ["company", "directory"],
    });
    finch = await finchForConnection(accessToken);
  });

  it("answers through the real SDK", async () => {
    const { data, response } = await finch.hris.company.retrieve().withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("finch-request-id")).toBeTruthy();
    expect(data.id).toBeTruthy();
  });

  it("lets the SDK's timeout abort a slow answer, as a socket would", async () => {
    await faults([{ path: "/employer/company", latency_ms: 5_000 }]);
    try {
      await expect(
        finch.hris.company.retrieve({}, { timeout: 100, maxRetries: 0 }),
      ).rejects.toBeInstanceOf(Finch.APIConnectionTimeoutError);
    } finally {
      await faults(null);
    }
  });
});
