import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { createElement, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock(
  "next/headers",
  async () => (await import("@/tests/integration/security/support")).nextEdge,
);

import { GET } from "@/app/api/employers/[id]/data/[product]/route";
import { EmployerData } from "@/components/data/employer-data";
import { setDatabaseForTests } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import type { Connection, Employer } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { getDemoEmulator } from "@/lib/demo/emulator";
import type { Emulator } from "@/lib/emulator";
import { env } from "@/lib/env";
import { seedUser } from "@/tests/integration/data/seed";
import { installTestEnv } from "@/tests/support/app-env";
import { createConnectedEmployer } from "@/tests/support/connected-employer";
import { databaseTargets } from "@/tests/support/databases";

async function html(node: ReactNode): Promise<string> {
  const stream = await renderToReadableStream(node);
  await stream.allReady;
  return new Response(stream).text();
}

/** The proxy with the emulator's documented rate limits on (its default in demo mode). */
describe.each(databaseTargets())("data proxy under Finch's rate limits on $name", (target) => {
  let handle: DatabaseHandle;
  let emulator: Emulator;
  let apiKey: string;
  let employer: Employer;
  let connection: Connection;

  async function call(product: string) {
    const url = `http://localhost:3000/api/employers/${employer.id}/data/${product}`;
    const response = await GET(
      new Request(url, { headers: { authorization: `Bearer ${apiKey}` } }),
      { params: Promise.resolve({ id: employer.id, product }) },
    );
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as { error?: Record<string, unknown> },
    };
  }

  async function rateLimits(body?: unknown) {
    const response = await emulator.handle(
      new Request(`${env().publicUrl}/api/finch-emu/_emulator/rate-limits`, {
        method: body === undefined ? "GET" : "PUT",
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return (await response.json()) as {
      mode: string;
      products: Record<string, { limit: number; used: number }>;
    };
  }

  /** Twenty company reads; returns how long they took, in milliseconds. */
  async function useUpCompanyAllowance(): Promise<number> {
    const started = Date.now();
    for (let i = 0; i < 20; i++) expect((await call("company")).status).toBe(200);
    return Date.now() - started;
  }

  beforeAll(async () => {
    installTestEnv();
    handle = await target.open();
    setDatabaseForTests(handle);
    emulator = await getDemoEmulator()!;
    const admin = await seedUser("admin");
    apiKey = (await createApiKey({ name: "warehouse", createdBy: admin.id })).key;
    ({ employer, connection } = await createConnectedEmployer({
      assisted: false,
      products: ["company", "directory", "payment"],
    }));
  });

  afterAll(async () => {
    await emulator.close();
    (globalThis as { perchEmulator?: unknown }).perchEmulator = undefined;
    setDatabaseForTests(undefined);
    await handle?.close();
  });

  beforeEach(async () => {
    expect((await rateLimits({ reset: true })).mode).toBe("documented");
  });

  it("waits out a short limit server-side and answers 200", async () => {
    const took = await useUpCompanyAllowance();
    // 58 s after the first call, it leaves Finch's window in about 2 s: Finch says retry-after 2.
    await emulator.advanceClock(58_000 - took);
    // The window is full, so Finch refuses the proxy's first attempt ...
    expect((await rateLimits()).products.company.used).toBe(20);
    // ... and the proxy waits the two seconds out instead of passing the 429 on.
    const res = await call("company");
    expect(res.status).toBe(200);
  });

  it("answers a long limit with 429, Retry-After and the rate-limited code", async () => {
    await useUpCompanyAllowance();
    const res = await call("company");
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(3);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.body.error).toMatchObject({
      code: "rate_limited",
      retryable: true,
      reason: "rate_limited",
      finch_code: "finch_application_rl",
      retry_after_seconds: retryAfter,
    });
    expect(res.body.error?.message).toContain(`try again in ${retryAfter} s`);
    // Another product has its own allowance.
    expect((await call("directory")).status).toBe(200);
  });

  it("shows the data tab's rate-limited state with a countdown, not an error", async () => {
    await useUpCompanyAllowance();
    const user = { id: "u1", email: "ops@example.com", name: null, role: "viewer" as const };
    // The countdown is a client component that refreshes the page through the app router.
    const router = { refresh: vi.fn(), push: vi.fn(), replace: vi.fn(), back: vi.fn() };
    const page = await html(
      createElement(
        AppRouterContext.Provider,
        { value: router as never },
        createElement(EmployerData, {
          employer,
          connection,
          user,
          searchParams: { tab: "company" },
          now: new Date(),
        }),
      ),
    );
    expect(page).toContain('data-testid="rate-limited-panel"');
    expect(page).toMatch(/Finch is rate-limiting; retrying in \d+ s\./);
    expect(page).not.toContain("Finch refused");
    expect(page).not.toContain("Finch did not answer");
  });
});
