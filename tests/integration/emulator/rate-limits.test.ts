import Finch from "@tryfinch/finch-api";
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness";

const DOCUMENTED_BODY = {
  statusCode: 429,
  status: 429,
  code: 429,
  message: "Too many requests for token",
  name: "rate_limit_exceeded_error",
  finch_code: "finch_application_rl",
};

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof Finch.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Finch.APIError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

async function times(n: number, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < n; i++) await call();
}

/** Finch's documented rate limits, met through the real SDK against the standalone emulator. */
describe("emulator rate limits", () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  async function connected(customerId = "rl-customer") {
    return h.connect({
      providerId: "gusto",
      authMethod: "oauth",
      products: ["company", "directory", "payment", "individual"],
      customerId,
    });
  }

  it("are on by default: the 21st directory call in 60 s answers 429 with Finch's documented body", async () => {
    h = await startHarness();
    const { api } = await connected();
    await times(20, () => api.hris.directory.list());
    const error = await apiError(api.hris.directory.list());
    expect(error).toBeInstanceOf(Finch.RateLimitError);
    expect(error.status).toBe(429);
    expect(error.error).toEqual(DOCUMENTED_BODY);
    const retryAfter = Number(error.headers?.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error.headers?.get("finch-request-id")).toBeTruthy();
    // Another product has its own bucket.
    await expect(api.hris.company.retrieve()).resolves.toBeTruthy();
  });

  it("counts per application, not per access token: a second employer's token shares the bucket", async () => {
    h = await startHarness();
    const first = await connected("first");
    const second = await connected("second");
    await times(10, () => first.api.hris.directory.list());
    await times(10, () => second.api.hris.directory.list());
    const error = await apiError(second.api.hris.directory.list());
    expect(error.status).toBe(429);
    expect((error.error as { finch_code: string }).finch_code).toBe("finch_application_rl");
  });

  it("allows payment 12 times a minute", async () => {
    h = await startHarness();
    const { api } = await connected();
    const range = { start_date: "2024-01-01", end_date: "2024-12-31" };
    await times(12, () => api.hris.payments.list(range));
    const error = await apiError(api.hris.payments.list(range));
    expect(error.status).toBe(429);
    expect(error.error).toEqual(DOCUMENTED_BODY);
  });

  it("rolls the window: a call leaves it 60 s after it was made, on the emulator's clock", async () => {
    h = await startHarness();
    const { api } = await connected();
    await times(10, () => api.hris.directory.list());
    await h.emulator.advanceClock(30_000);
    await times(10, () => api.hris.directory.list());
    const full = await apiError(api.hris.directory.list());
    // The oldest calls leave the window in 30 s (less the real time the calls took).
    expect(Number(full.headers?.get("retry-after"))).toBeGreaterThanOrEqual(25);
    expect(Number(full.headers?.get("retry-after"))).toBeLessThanOrEqual(30);
    await h.emulator.advanceClock(30_000);
    // The first ten left; the ten made 30 s later still count, so ten more fit, not twenty.
    await times(10, () => api.hris.directory.list());
    const again = await apiError(api.hris.directory.list());
    expect(again.status).toBe(429);
    expect(Number(again.headers?.get("retry-after"))).toBeGreaterThanOrEqual(25);
    expect(Number(again.headers?.get("retry-after"))).toBeLessThanOrEqual(30);
  });

  it("refuses every request from an IP for 60 minutes after 1000 in 5 minutes", async () => {
    h = await startHarness();
    const { api } = await connected();
    // The connect flow already sent a few API requests from this address (control calls do not count).
    const usage = await h.control<{ ip: { addresses: Record<string, { used: number }> } }>(
      "rate-limits",
    );
    const [used] = Object.values(usage.body.ip.addresses).map((a) => a.used);
    expect(used).toBeGreaterThan(0);
    await times(1000 - used, () => api.account.introspect());
    const refused = await apiError(api.account.introspect());
    expect(refused.status).toBe(429);
    expect(refused.error).toMatchObject({
      code: 429,
      name: "rate_limit_exceeded_error",
      finch_code: "finch_api_ip_rl",
    });
    expect(refused.headers?.get("retry-after")).toBe("3600");
    // The penalty covers every endpoint, data products included.
    const company = await apiError(api.hris.company.retrieve());
    expect((company.error as { finch_code: string }).finch_code).toBe("finch_api_ip_rl");
    await h.emulator.advanceClock(59 * 60_000);
    const stillRefused = await apiError(api.account.introspect());
    expect(Number(stillRefused.headers?.get("retry-after"))).toBeLessThanOrEqual(60);
    await h.emulator.advanceClock(60_000);
    await expect(api.account.introspect()).resolves.toMatchObject({
      connection_status: expect.anything(),
    });
  });

  it("relaxes or turns off the limits with the switch, and refuses an unknown mode", async () => {
    h = await startHarness({ rateLimits: "relaxed" });
    const { api } = await connected();
    await times(21, () => api.hris.directory.list());
    const usage = await h.control<{ mode: string; products: { directory: { limit: number } } }>(
      "rate-limits",
    );
    expect(usage.body.mode).toBe("relaxed");
    expect(usage.body.products.directory.limit).toBe(200);

    const off = await h.control("rate-limits", { method: "PUT", body: { mode: "off" } });
    expect(off.status).toBe(200);
    await times(250, () => api.hris.directory.list());

    const documented = await h.control("rate-limits", {
      method: "PUT",
      body: { mode: "documented" },
    });
    expect(documented.status).toBe(200);
    await times(20, () => api.hris.directory.list());
    expect((await apiError(api.hris.directory.list())).status).toBe(429);

    const bad = await h.control<{ code: number; message: string }>("rate-limits", {
      method: "PUT",
      body: { mode: "fast" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("mode");
  });

  it("lets the SDK's own retries wait out a short limit (it honours retry-after)", async () => {
    h = await startHarness();
    const { token } = await connected();
    const patient = new Finch({
      accessToken: token,
      baseURL: h.baseURL,
      maxRetries: 2,
    });
    const started = Date.now();
    await times(20, () => patient.hris.directory.list());
    await h.emulator.advanceClock(59_000 - (Date.now() - started));
    // Refused with retry-after 1; the SDK waits a second and the window has rolled.
    await expect(patient.hris.directory.list()).resolves.toBeTruthy();
  });
});
