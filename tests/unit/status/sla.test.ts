import { describe, expect, it } from "vitest";
import { ALERT_LABELS, slaAlerts, type SlaInput } from "@/lib/status/sla";

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

function alertsFor(overrides: Partial<SlaInput>) {
  return slaAlerts({
    status: "connected",
    statusChangedAt: at("2026-12-01T10:00:00Z"),
    assisted: true,
    products: ["company", "directory", "payment", "benefits"],
    verifiedAt: null,
    readyAtByGroup: {},
    freshnessByProduct: {},
    now: at("2026-12-01T12:00:00Z"),
    timeZone: "UTC",
    ...overrides,
  });
}

const summarise = (alerts: ReturnType<typeof slaAlerts>) =>
  alerts.map(({ kind, severity, group, product }) => ({ kind, severity, group, product }));

describe("pending too long", () => {
  const friday4pm = at("2026-12-04T16:00:00Z");
  const pendingSinceFriday = (now: string) =>
    alertsFor({ status: "pending", statusChangedAt: friday4pm, now: at(now) });

  it("does not alert within one business day of Friday afternoon", () => {
    expect(pendingSinceFriday("2026-12-07T15:00:00Z")).toEqual([]);
    expect(pendingSinceFriday("2026-12-07T16:00:00Z")).toEqual([]);
  });

  it("warns once more than one business day has passed", () => {
    const [alert, ...rest] = pendingSinceFriday("2026-12-07T16:01:00Z");
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      kind: "pending_too_long",
      severity: "warning",
      title: "Pending for more than 1 business day",
      since: friday4pm,
      ageMs: 72 * HOUR + 60_000,
    });
    expect(alert.detail).toMatch(/^Pending since 4 Dec 2026\. Wait — Finch normally confirms/);
  });

  it("becomes critical after more than 3 business days", () => {
    expect(pendingSinceFriday("2026-12-09T16:00:00Z")[0].severity).toBe("warning");
    expect(pendingSinceFriday("2026-12-09T16:01:00Z")[0].severity).toBe("critical");
  });

  it("starts counting a Saturday start from Monday", () => {
    const since = at("2026-12-05T10:00:00Z");
    const pending = (now: string) =>
      alertsFor({ status: "pending", statusChangedAt: since, now: at(now) });
    expect(pending("2026-12-07T23:59:00Z")).toEqual([]);
    expect(pending("2026-12-08T00:00:00Z")).toEqual([]);
    expect(pending("2026-12-08T00:01:00Z")[0].kind).toBe("pending_too_long");
  });

  it("uses the zone's business days", () => {
    // Friday 20:00 in New York is Saturday 01:00 UTC; Tuesday 00:30 UTC is Monday 19:30 there.
    const since = at("2026-12-05T01:00:00Z");
    const now = at("2026-12-08T00:30:00Z");
    const pending = (timeZone: string) =>
      alertsFor({ status: "pending", statusChangedAt: since, now, timeZone });
    expect(pending("UTC")).toHaveLength(1);
    expect(pending("America/New_York")).toEqual([]);
  });
});

describe("employer action needed", () => {
  it.each(["error_no_account_setup", "error_no_acount_setup", "error_permissions"])(
    "alerts for %s",
    (status) => {
      const [alert] = alertsFor({ status, now: at("2026-12-01T10:05:00Z") });
      expect(alert).toMatchObject({
        kind: "employer_action_needed",
        severity: "warning",
        since: at("2026-12-01T10:00:00Z"),
        ageMs: 5 * 60_000,
      });
      expect(alert.detail).toMatch(/Contact the employer/);
    },
  );

  it("uses the status label as the title", () => {
    expect(alertsFor({ status: "error_permissions" })[0].title).toBe("Improper permissions");
  });

  it("becomes critical after more than 3 business days", () => {
    // Tuesday 10:00 + 3 business days = Friday 10:00.
    const alert = (now: string) => alertsFor({ status: "error_permissions", now: at(now) })[0];
    expect(alert("2026-12-04T10:00:00Z").severity).toBe("warning");
    expect(alert("2026-12-07T00:00:00Z").severity).toBe("critical");
  });
});

describe("re-authentication", () => {
  it.each(["reauth", "error_reauth"])("is critical at once for %s", (status) => {
    expect(alertsFor({ status })).toMatchObject([
      { kind: "reauth_needed", severity: "critical", title: "Needs re-authentication" },
    ]);
  });
});

describe("configuration overdue", () => {
  const base = {
    status: "processing",
    verifiedAt: at("2026-12-01T10:00:00Z"),
    products: ["company", "payment", "benefits"],
    readyAtByGroup: { organization: at("2026-12-10T09:00:00Z") },
  };

  it("alerts per overdue group", () => {
    const alerts = alertsFor({ ...base, now: at("2026-12-09T09:00:00Z") });
    expect(summarise(alerts)).toEqual([
      {
        kind: "configuration_overdue",
        severity: "warning",
        group: "deductions",
        product: undefined,
      },
    ]);
    expect(alerts[0]).toMatchObject({
      title: "Deductions configuration overdue",
      detail:
        "Overdue by 1 day (expected 8 Dec). Ask Finch support for an update on this connection.",
      since: at("2026-12-08T10:00:00Z"),
      ageMs: 23 * HOUR,
    });
  });

  it("does not alert before the period ends", () => {
    expect(alertsFor({ ...base, now: at("2026-12-08T10:00:00Z") })).toEqual([]);
  });

  it("is critical when overdue by more than 3 days, listed first", () => {
    // Overdue by 3 days until 11 Dec 10:00 (the expected time of day), by 4 from then.
    expect(summarise(alertsFor({ ...base, now: at("2026-12-11T09:00:00Z") }))).toEqual([
      {
        kind: "configuration_overdue",
        severity: "warning",
        group: "deductions",
        product: undefined,
      },
    ]);
    expect(summarise(alertsFor({ ...base, now: at("2026-12-11T10:00:01Z") }))).toEqual([
      {
        kind: "configuration_overdue",
        severity: "critical",
        group: "deductions",
        product: undefined,
      },
    ]);
    expect(summarise(alertsFor({ ...base, now: at("2026-12-16T09:00:00Z") }))).toEqual([
      {
        kind: "configuration_overdue",
        severity: "critical",
        group: "deductions",
        product: undefined,
      },
      { kind: "configuration_overdue", severity: "warning", group: "payroll", product: undefined },
    ]);
  });

  it("never applies to automated connections", () => {
    expect(alertsFor({ ...base, assisted: false, now: at("2026-12-31T00:00:00Z") })).toEqual([]);
  });
});

describe("stale data", () => {
  const now = at("2026-12-03T12:00:00Z");
  const record = (retrievedAt: string | null, lastAttemptResult: string | null = null) => ({
    retrievedAt: retrievedAt ? at(retrievedAt) : null,
    lastAttemptAt: null,
    lastAttemptResult,
  });

  it("alerts per stale product, in product order, critical after a second missed refresh", () => {
    const alerts = alertsFor({
      assisted: false,
      now,
      freshnessByProduct: {
        company: record("2026-12-02T00:00:00Z"), // 36 h: exactly at the boundary
        directory: record("2026-12-01T23:59:00Z", "error"), // 36 h 1 min
        payment: record("2026-12-01T00:00:00Z"), // 60 h: warning
        benefits: record("2026-11-30T23:00:00Z"), // 61 h: critical
        ssn: record("2026-11-01T00:00:00Z"), // not a product of this connection
      },
    });
    expect(summarise(alerts)).toEqual([
      { kind: "stale_data", severity: "critical", group: undefined, product: "benefits" },
      { kind: "stale_data", severity: "warning", group: undefined, product: "directory" },
      { kind: "stale_data", severity: "warning", group: undefined, product: "payment" },
    ]);
    expect(alerts[1]).toMatchObject({
      title: "Directory data is stale",
      detail: "Stale — retrieved 1 day ago (expected every 24 hours) · last update attempt failed",
      since: at("2026-12-01T23:59:00Z"),
    });
  });

  it("uses the assisted cadence for assisted connections", () => {
    const freshnessByProduct = { company: record("2026-11-25T00:00:00Z") };
    expect(alertsFor({ freshnessByProduct, now: at("2026-12-04T00:00:00Z") })).toEqual([]);
    expect(summarise(alertsFor({ freshnessByProduct, now: at("2026-12-04T00:00:01Z") }))).toEqual([
      { kind: "stale_data", severity: "warning", group: undefined, product: "company" },
    ]);
  });

  it("ignores products never retrieved", () => {
    expect(alertsFor({ now, freshnessByProduct: { company: record(null, "error") } })).toEqual([]);
  });
});

describe("combinations", () => {
  it("raises nothing for a healthy connection", () => {
    expect(
      alertsFor({
        verifiedAt: at("2026-11-01T00:00:00Z"),
        readyAtByGroup: {
          organization: at("2026-11-10T00:00:00Z"),
          payroll: at("2026-11-12T00:00:00Z"),
          deductions: at("2026-11-05T00:00:00Z"),
        },
        freshnessByProduct: {
          company: {
            retrievedAt: at("2026-11-30T00:00:00Z"),
            lastAttemptAt: null,
            lastAttemptResult: "success",
          },
        },
      }),
    ).toEqual([]);
  });

  it("raises nothing at all for a disconnected connection", () => {
    expect(
      alertsFor({
        status: "disconnected",
        verifiedAt: at("2026-10-01T00:00:00Z"),
        freshnessByProduct: {
          company: {
            retrievedAt: at("2026-10-20T00:00:00Z"),
            lastAttemptAt: null,
            lastAttemptResult: null,
          },
        },
      }),
    ).toEqual([]);
  });

  it("orders critical alerts before warnings", () => {
    const alerts = alertsFor({
      status: "reauth",
      verifiedAt: at("2026-11-20T10:00:00Z"),
      products: ["benefits"],
      now: at("2026-11-28T12:00:00Z"),
    });
    expect(alerts.map(({ kind, severity }) => `${severity}:${kind}`)).toEqual([
      "critical:reauth_needed",
      "warning:configuration_overdue",
    ]);
  });
});

describe("ALERT_LABELS", () => {
  it("labels every kind", () => {
    expect(ALERT_LABELS).toEqual({
      pending_too_long: "Pending too long",
      configuration_overdue: "Configuration overdue",
      employer_action_needed: "Employer action needed",
      reauth_needed: "Re-authentication needed",
      stale_data: "Stale data",
    });
  });
});
