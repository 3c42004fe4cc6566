import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  FINCH_WEBHOOK_EVENTS,
  ignoredDetail,
  webhookHandling,
} from "@/lib/monitoring/webhook-events";

/** Every event type the official SDK declares, read from its type definitions. */
function sdkEventTypes(): string[] {
  const types = readFileSync(
    path.join(process.cwd(), "node_modules/@tryfinch/finch-api/resources/webhooks.d.ts"),
    "utf8",
  );
  return [
    ...new Set(
      [...types.matchAll(/event_type\?: ([^;]+);/g)].flatMap((m) =>
        [...m[1].matchAll(/'([a-z0-9_.]+)'/g)].map((n) => n[1]),
      ),
    ),
  ];
}

describe("Finch webhook event catalogue", () => {
  it("knows every event type the SDK declares", () => {
    const declared = sdkEventTypes();
    expect(declared.length).toBeGreaterThanOrEqual(25);
    expect(declared.filter((type) => webhookHandling(type) === null)).toEqual([]);
  });

  it("applies status, initial syncs, data syncs and benefit jobs; stores data changes and documents", () => {
    expect(webhookHandling("account.updated")).toBe("status");
    expect(webhookHandling("job.initial_data_sync_payroll.succeeded")).toBe("initial_sync");
    expect(webhookHandling("job.data_sync_all.completed")).toBe("data_sync");
    expect(webhookHandling("job.benefit_unenroll.completed")).toBe("benefit_job");
    expect(webhookHandling("job.w4_form_employee_sync.completed")).toBe("document_job");
    for (const kind of ["directory", "individual", "employment", "payment", "pay_statement"]) {
      for (const change of ["created", "updated", "deleted"]) {
        expect(webhookHandling(`${kind}.${change}`)).toBe("data_change");
      }
    }
    expect(webhookHandling("company.updated")).toBe("data_change");
  });

  it("does not mistake unknown or inherited names for documented events", () => {
    expect(webhookHandling("toString")).toBeNull();
    expect(webhookHandling("job.benefit_delete.completed")).toBeNull();
    expect(ignoredDetail("something.new")).toMatch(/not an event type Finch documents/);
    expect(Object.keys(FINCH_WEBHOOK_EVENTS)).toContain("pay_statement.deleted");
  });
});
