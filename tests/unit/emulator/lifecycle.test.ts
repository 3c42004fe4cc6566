import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  HOUR_MS,
  dataAccessAt,
  initialStatusEvents,
  lastRefreshAttempt,
  lastSuccessfulRefresh,
  lifecycleAt,
  refreshesBetween,
  transitionsBetween,
  type LifecycleSubject,
} from "@/lib/emulator/lifecycle";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const ALL = [
  "company",
  "directory",
  "individual",
  "employment",
  "payment",
  "pay_statement",
  "benefits",
];

function assisted(
  outcome: "processing" | "error_no_account_setup" | "error_permissions" = "processing",
): LifecycleSubject {
  return {
    authMethod: "assisted",
    createdAt: T0,
    products: ALL,
    statusEvents: initialStatusEvents("assisted", T0, { pendingMs: 4 * HOUR_MS, outcome }),
  };
}

function automated(): LifecycleSubject {
  return {
    authMethod: "oauth",
    createdAt: T0,
    products: ALL,
    statusEvents: initialStatusEvents("oauth", T0, { pendingMs: 0, outcome: "processing" }),
  };
}

describe("assisted lifecycle", () => {
  it("is pending, then processing after the delay, then ready group by group", () => {
    const subject = assisted();
    expect(lifecycleAt(subject, T0 + HOUR_MS).status).toBe("pending");
    expect(dataAccessAt(subject, "organization", T0 + HOUR_MS)).toEqual({ kind: "pending" });
    const verified = T0 + 4 * HOUR_MS;
    expect(lifecycleAt(subject, verified)).toMatchObject({
      status: "processing",
      verifiedAt: verified,
    });
    expect(dataAccessAt(subject, "deductions", verified + 7 * DAY_MS - 1)).toEqual({
      kind: "pending",
    });
    expect(dataAccessAt(subject, "deductions", verified + 7 * DAY_MS)).toEqual({ kind: "ok" });
    expect(dataAccessAt(subject, "organization", verified + 7 * DAY_MS)).toEqual({
      kind: "pending",
    });
    expect(dataAccessAt(subject, "payroll", verified + 14 * DAY_MS)).toEqual({ kind: "ok" });
    expect(lifecycleAt(subject, verified + 14 * DAY_MS - 1).status).toBe("processing");
    expect(lifecycleAt(subject, verified + 14 * DAY_MS).status).toBe("connected");
  });

  it("runs late by its configuration delay: 202 past the usual period, ready after the delay", () => {
    const subject = { ...assisted(), configurationDelayMs: 5 * DAY_MS };
    const verified = T0 + 4 * HOUR_MS;
    expect(dataAccessAt(subject, "organization", verified + 14 * DAY_MS)).toEqual({
      kind: "pending",
    });
    expect(lifecycleAt(subject, verified + 19 * DAY_MS - 1).status).toBe("processing");
    expect(dataAccessAt(subject, "organization", verified + 19 * DAY_MS)).toEqual({ kind: "ok" });
    expect(dataAccessAt(subject, "deductions", verified + 12 * DAY_MS)).toEqual({ kind: "ok" });
    expect(lifecycleAt(subject, verified + 19 * DAY_MS).status).toBe("connected");
  });

  it("lists every transition of a 30-day jump in order", () => {
    const verified = T0 + 4 * HOUR_MS;
    expect(transitionsBetween(assisted(), T0, T0 + 30 * DAY_MS)).toEqual([
      { at: verified, type: "status", status: "processing" },
      { at: verified + 7 * DAY_MS, type: "group_ready", group: "deductions" },
      { at: verified + 14 * DAY_MS, type: "group_ready", group: "organization" },
      { at: verified + 14 * DAY_MS, type: "group_ready", group: "payroll" },
      { at: verified + 14 * DAY_MS, type: "status", status: "connected" },
    ]);
    expect(transitionsBetween(assisted(), verified, verified + DAY_MS)).toEqual([]);
  });

  it("stays in an error scenario until a processing event starts the periods", () => {
    const subject = assisted("error_no_account_setup");
    expect(lifecycleAt(subject, T0 + 60 * DAY_MS).status).toBe("error_no_account_setup");
    expect(dataAccessAt(subject, "organization", T0 + 5 * HOUR_MS)).toEqual({
      kind: "blocked",
      status: "error_no_account_setup",
    });
    const fixedAt = T0 + 3 * DAY_MS;
    subject.statusEvents = [...subject.statusEvents, { at: fixedAt, status: "processing" }];
    expect(lifecycleAt(subject, fixedAt)).toMatchObject({
      status: "processing",
      verifiedAt: fixedAt,
    });
    expect(lifecycleAt(subject, fixedAt + 14 * DAY_MS).status).toBe("connected");
  });

  it("treats a forced connected as every group ready at once", () => {
    const subject = assisted();
    const forcedAt = T0 + HOUR_MS;
    subject.statusEvents = [
      ...subject.statusEvents.filter((e) => !e.scheduled),
      { at: forcedAt, status: "connected" },
    ];
    expect(lifecycleAt(subject, forcedAt)).toMatchObject({
      status: "connected",
      readyAt: { organization: forcedAt, payroll: forcedAt, deductions: forcedAt },
    });
  });

  it("refreshes every 7 days after a group is ready", () => {
    const subject = assisted();
    const ready = T0 + 4 * HOUR_MS + 14 * DAY_MS;
    expect(lastSuccessfulRefresh(subject, [], "organization", ready - 1)).toBeNull();
    expect(lastSuccessfulRefresh(subject, [], "organization", ready + 6 * DAY_MS)).toEqual({
      at: ready,
      source: "initial",
      success: true,
    });
    expect(lastSuccessfulRefresh(subject, [], "organization", ready + 7 * DAY_MS)).toEqual({
      at: ready + 7 * DAY_MS,
      source: "scheduled",
      success: true,
    });
  });
});

describe("automated lifecycle", () => {
  it("is connected and ready at once, refreshed every 24 h", () => {
    const subject = automated();
    expect(lifecycleAt(subject, T0).status).toBe("connected");
    expect(dataAccessAt(subject, "payroll", T0)).toEqual({ kind: "ok" });
    expect(lastSuccessfulRefresh(subject, [], "organization", T0 + 25 * HOUR_MS)?.at).toBe(
      T0 + DAY_MS,
    );
    expect(
      refreshesBetween(subject, [], "organization", T0, T0 + 3 * DAY_MS).map((r) => r.at),
    ).toEqual([T0 + DAY_MS, T0 + 2 * DAY_MS, T0 + 3 * DAY_MS]);
  });

  it("records failed syncs while re-authentication is needed and keeps the last good data", () => {
    const subject = automated();
    subject.statusEvents = [
      ...subject.statusEvents,
      { at: T0 + 30 * HOUR_MS, status: "reauth" },
      { at: T0 + 80 * HOUR_MS, status: "resume" },
    ];
    expect(dataAccessAt(subject, "organization", T0 + 31 * HOUR_MS)).toEqual({
      kind: "blocked",
      status: "reauth",
    });
    const t = T0 + 81 * HOUR_MS;
    expect(lastSuccessfulRefresh(subject, [], "organization", t)?.at).toBe(T0 + DAY_MS);
    expect(lastRefreshAttempt(subject, [], "organization", t)).toEqual({
      at: T0 + 3 * DAY_MS,
      source: "scheduled",
      success: false,
    });
  });

  it("counts completed data_sync_all jobs as syncs and failed ones as failed attempts", () => {
    const subject = automated();
    const jobs = [
      { completedAt: T0 + 2 * HOUR_MS, completion: "complete" as const },
      { completedAt: T0 + 5 * HOUR_MS, completion: "error" as const },
    ];
    expect(lastSuccessfulRefresh(subject, jobs, "organization", T0 + 6 * HOUR_MS)).toEqual({
      at: T0 + 2 * HOUR_MS,
      source: "job",
      success: true,
    });
    expect(lastRefreshAttempt(subject, jobs, "organization", T0 + 6 * HOUR_MS)).toEqual({
      at: T0 + 5 * HOUR_MS,
      source: "job",
      success: false,
    });
  });
});
