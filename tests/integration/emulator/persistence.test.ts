import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Finch from "@tryfinch/finch-api";
import { afterAll, describe, expect, it } from "vitest";
import { DAY, startHarness } from "./harness";

describe("persistence and isolation", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("restores connections, tokens, the clock and faults from the data directory", async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), "finch-emu-")), "nested", "state");
    dirs.push(path.dirname(path.dirname(dataDir)));
    const first = await startHarness({ dataDir });
    const created = await first.client.sandbox.connections.create({
      provider_id: "gusto",
      employee_size: 9,
    });
    const api = first.withToken(created.access_token);
    const company = await api.hris.company.retrieve();
    const directory = (await api.hris.directory.list()).individuals.map((p) => p.id);
    await first.emulator.advanceClock(2 * DAY);
    const clockBefore = first.emulator.now().getTime();
    await first.control("faults", { method: "PUT", body: [{ path: "/providers", latency_ms: 1 }] });
    await first.close();

    const file = await readFile(path.join(dataDir, "state.json"), "utf8");
    expect(file).not.toContain(created.access_token);

    const second = await startHarness({ dataDir });
    try {
      const again = second.withToken(created.access_token);
      expect(await again.hris.company.retrieve()).toEqual(company);
      expect((await again.hris.directory.list()).individuals.map((p) => p.id)).toEqual(directory);
      expect(Math.abs(second.emulator.now().getTime() - clockBefore)).toBeLessThan(5_000);
      expect(
        (await second.control<{ rules: { path: string }[] }>("faults")).body.rules[0].path,
      ).toBe("/providers");
    } finally {
      await second.close();
    }
  });

  it("keeps memory-only instances apart", async () => {
    const a = await startHarness();
    const b = await startHarness();
    try {
      const created = await a.client.sandbox.connections.create({ provider_id: "gusto" });
      const error = await b
        .withToken(created.access_token)
        .hris.company.retrieve()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Finch.AuthenticationError);
      await a.emulator.advanceClock(DAY);
      expect(Math.abs(b.emulator.now().getTime() - Date.now())).toBeLessThan(5_000);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
