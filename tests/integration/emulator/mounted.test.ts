import { describe, expect, it } from "vitest";
import { defineApiSuite } from "./api-suite";
import { MOUNT_PATH, startHarness } from "./harness";

defineApiSuite("mounted");

describe("mounted under a path prefix", () => {
  it("keeps the Connect page at the origin root and the API under the prefix", async () => {
    const h = await startHarness({ variant: "mounted" });
    try {
      const session = await h.client.connect.sessions.new({
        customer_id: "m",
        customer_name: "Mounted",
        products: ["company"],
      });
      expect(session.connect_url.startsWith(`${h.origin}/authorize?session=`)).toBe(true);
      expect(h.baseURL).toBe(`${h.origin}${MOUNT_PATH}`);
      const { api } = await h.connect({
        providerId: "gusto",
        authMethod: "oauth",
        products: ["company"],
      });
      const job = await api.jobs.automated.create({ type: "data_sync_all" });
      expect(job.job_url).toBe(`${h.origin}${MOUNT_PATH}/jobs/automated/${job.job_id}`);
      const clock = await fetch(`${h.origin}${MOUNT_PATH}/_emulator/clock`);
      expect(clock.status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
