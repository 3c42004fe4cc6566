import { describe, expect, it } from "vitest";
import type { MonitoringState } from "@/db/queries/monitoring";
import type { Connection } from "@/db/schema";
import { alertsForState } from "@/lib/monitoring/attention";

const DAY = 86_400_000;

function state(
  overrides: Partial<Connection>,
  extra: Partial<MonitoringState> = {},
): MonitoringState {
  const connection = {
    id: "c1",
    employerId: "e1",
    status: "processing",
    statusChangedAt: new Date("2026-12-01T10:00:00Z"),
    assisted: true,
    products: ["company", "directory", "payment", "benefits"],
    permissionsVerifiedAt: new Date("2026-12-01T10:00:00Z"),
    ...overrides,
  } as Connection;
  return { connection, groups: [], products: [], ...extra };
}

describe("alertsForState", () => {
  it("raises nothing while an assisted connection is inside its periods", () => {
    expect(alertsForState(state({}), new Date("2026-12-05T10:00:00Z"), "UTC")).toEqual([]);
  });

  it("flags each group whose period has passed without a ready record", () => {
    const now = new Date("2026-12-16T12:00:00Z");
    const alerts = alertsForState(
      state(
        {},
        {
          groups: [
            {
              connectionId: "c1",
              group: "deductions",
              readyAt: new Date("2026-12-08T10:00:00Z"),
              readySource: "probe",
              expectedReadyAt: null,
              readyNoticedAt: new Date("2026-12-08T10:00:00Z"),
              employerId: "e1",
              live: true,
            },
          ],
        },
      ),
      now,
      "UTC",
    );
    expect(alerts.map((a) => [a.kind, a.group])).toEqual([
      ["configuration_overdue", "organization"],
      ["configuration_overdue", "payroll"],
    ]);
  });

  it("reads freshness from the product records", () => {
    const retrieved = new Date("2026-12-01T00:00:00Z");
    const alerts = alertsForState(
      state(
        { status: "connected", assisted: false, products: ["company"] },
        {
          products: [
            {
              connectionId: "c1",
              product: "company",
              lastHttpStatus: 200,
              firstReadyAt: retrieved,
              dataRetrievedAt: retrieved,
              lastAttemptedAt: retrieved,
              lastAttemptResult: "success",
              lastRequestId: null,
              lastCalledAt: retrieved,
            },
          ],
        },
      ),
      new Date(retrieved.getTime() + 2 * DAY),
      "UTC",
    );
    expect(alerts.map((a) => a.kind)).toEqual(["stale_data"]);
  });
});
