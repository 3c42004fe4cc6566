import { describe, expect, it } from "vitest";
import { employerListRow, type EmployerListRowInput } from "@/lib/employers/list-rows";

const now = new Date("2026-11-30T12:00:00Z");
const noAttention = {
  attentionAt: null,
  pendingTooLongAt: null,
  configurationOverdueAt: null,
  employerActionNeededAt: null,
  reauthNeededAt: null,
  staleDataAt: null,
};
const base: EmployerListRowInput["employer"] = {
  id: "7d9f3a52-0000-4000-8000-000000000001",
  name: "Harbor Bakery",
  customerId: "cus_harbor",
  connectionStatus: null,
  statusChangedAt: null,
  providerId: null,
  assisted: null,
  expectedReadyAt: null,
  lastRetrievedAt: null,
  ...noAttention,
};
const providerLabel = (id: string) => ({ gusto: "Gusto" })[id] ?? id;

describe("employerListRow", () => {
  it("says what an employer with no connection shows: dashes, no badges", () => {
    expect(employerListRow({ employer: base, providerLabel, now, timeZone: "UTC" })).toEqual({
      id: base.id,
      name: "Harbor Bakery",
      customerId: "cus_harbor",
      status: null,
      entities: null,
      statusChanged: null,
      provider: null,
      kind: null,
      expectedReady: null,
      configurationDay: null,
      lastRetrieved: null,
      owner: null,
      alerts: [],
    });
  });

  it("words an assisted connection mid-configuration, in the operator's time zone", () => {
    const row = employerListRow({
      employer: {
        ...base,
        connectionStatus: "connected",
        statusChangedAt: new Date("2026-11-27T09:25:00Z"),
        providerId: "gusto",
        assisted: true,
        expectedReadyAt: new Date("2026-12-08T15:00:00Z"),
        lastRetrievedAt: new Date("2026-11-30T08:45:00Z"),
        staleDataAt: new Date("2026-11-30T11:00:00Z"),
        attentionAt: new Date("2026-11-30T11:00:00Z"),
      },
      details: {
        owner: { name: null, email: "ops@example.com" },
        connection: {
          assisted: true,
          products: ["company", "directory"],
          verifiedAt: new Date("2026-11-24T15:00:00Z"),
          readyAtByGroup: {},
        },
        entities: { total: 2, needsAttention: 1 },
      },
      providerLabel,
      now,
      timeZone: "America/New_York",
    });
    expect(row).toMatchObject({
      status: { status: "connected", label: "Connected", tone: "success" },
      entities: "2 entities, 1 needs attention",
      statusChanged: {
        iso: "2026-11-27T09:25:00.000Z",
        text: "3 days ago",
        title: "27 Nov 2026, 04:25 EST",
      },
      provider: "Gusto",
      kind: "Assisted",
      expectedReady: { text: "8 Dec 2026", title: "8 Dec 2026, 10:00 EST" },
      configurationDay: "day 6 of 14",
      lastRetrieved: { text: "3 hours ago", title: "30 Nov 2026, 03:45 EST" },
      owner: "ops@example.com",
      alerts: ["Stale data"],
    });
  });

  it("counts no configuration day for an automated connection", () => {
    const row = employerListRow({
      employer: { ...base, connectionStatus: "connected", providerId: "adp", assisted: false },
      details: {
        owner: null,
        connection: {
          assisted: false,
          products: ["company"],
          verifiedAt: new Date("2026-11-01T00:00:00Z"),
          readyAtByGroup: {},
        },
        entities: null,
      },
      providerLabel,
      now,
      timeZone: "UTC",
    });
    expect(row).toMatchObject({ provider: "adp", kind: "Automated", configurationDay: null });
  });
});
