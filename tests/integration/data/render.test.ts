import { createElement, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock(
  "next/headers",
  async () => (await import("@/tests/integration/security/support")).nextEdge,
);

import { EmployerData } from "@/components/data/employer-data";
import { setDatabaseForTests } from "@/db";
import { openPglite, type DatabaseHandle } from "@/db/client";
import { installTestEnv } from "@/tests/support/app-env";
import { createConnectedEmployer } from "@/tests/support/connected-employer";

async function html(node: ReactNode): Promise<string> {
  const stream = await renderToReadableStream(node);
  await stream.allReady;
  return new Response(stream).text();
}

describe("rendered data tabs", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    installTestEnv();
    handle = await openPglite(null);
    setDatabaseForTests(handle);
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await handle.close();
  });

  it("shows each tab's data and never the Finch token", async () => {
    const { employer, connection, accessToken } = await createConnectedEmployer({
      assisted: false,
      products: [
        "company",
        "directory",
        "individual",
        "employment",
        "payment",
        "pay_statement",
        "benefits",
      ],
    });
    const user = { id: "u1", email: "ops@example.com", name: null, role: "viewer" as const };
    const expected: Record<string, string> = {
      company: "Legal name",
      directory: "Export CSV",
      payroll: "Total for",
      deductions: "enrollments in total",
    };
    for (const [tab, text] of Object.entries(expected)) {
      const page = await html(
        createElement(EmployerData, {
          employer,
          connection,
          user,
          searchParams: { tab },
          now: new Date(),
        }),
      );
      expect(page, tab).toContain('aria-selected="true"');
      expect(page, tab).not.toContain(accessToken);
      expect(page, tab).toContain(text);
      expect(page, tab).not.toContain("Finch refused");
    }
  });
});
