import { describe, expect, it } from "vitest";
import {
  DEFAULT_GRACE,
  REFRESH_CADENCE_MS,
  freshness,
  parseFinchTimestamp,
  type FreshnessInput,
} from "@/lib/status/freshness";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);
const retrievedAt = at("2026-12-01T06:00:00Z");

function check(overrides: Partial<FreshnessInput>) {
  return freshness({
    assisted: false,
    retrievedAt,
    lastAttemptAt: null,
    lastAttemptResult: null,
    now: retrievedAt,
    ...overrides,
  });
}

describe("cadences and grace", () => {
  it("follow Finch: 24 hours automated, 7 days assisted", () => {
    expect(REFRESH_CADENCE_MS).toEqual({ automated: DAY, assisted: 7 * DAY });
    expect(DEFAULT_GRACE).toEqual({ automated: 12 * HOUR, assisted: 2 * DAY });
  });
});

describe("freshness — automated", () => {
  it("is fresh up to and including cadence + grace", () => {
    const boundary = at("2026-12-02T18:00:00Z");
    const report = check({ now: boundary });
    expect(report).toMatchObject({ state: "fresh", ageMs: 36 * HOUR, cadenceMs: DAY });
    expect(report.staleAt?.toISOString()).toBe("2026-12-02T18:00:00.000Z");
    expect(report.summary).toBe("Fresh — retrieved 1 day ago");
  });

  it("is stale one millisecond after the boundary", () => {
    const report = check({ now: at("2026-12-02T18:00:00.001Z") });
    expect(report.state).toBe("stale");
    expect(report.summary).toBe("Stale — retrieved 1 day ago (expected every 24 hours)");
  });

  it("honours a custom grace", () => {
    expect(check({ now: at("2026-12-02T06:00:01Z"), graceMs: 0 }).state).toBe("stale");
    expect(check({ now: at("2026-12-02T06:00:00Z"), graceMs: 0 }).state).toBe("fresh");
  });
});

describe("freshness — assisted", () => {
  it("allows 7 days plus 2 days of grace", () => {
    const options = { assisted: true };
    expect(check({ ...options, now: at("2026-12-10T06:00:00Z") })).toMatchObject({
      state: "fresh",
      cadenceMs: 7 * DAY,
    });
    expect(check({ ...options, now: at("2026-12-10T06:00:01Z") })).toMatchObject({
      state: "stale",
      summary: "Stale — retrieved 9 days ago (expected every 7 days)",
    });
  });
});

describe("freshness — failed attempts", () => {
  it("reports a failed last attempt without moving the retrieval time", () => {
    const report = check({
      now: at("2026-12-01T12:00:00Z"),
      lastAttemptAt: at("2026-12-01T10:00:00Z"),
      lastAttemptResult: "error",
    });
    expect(report).toMatchObject({
      state: "fresh",
      ageMs: 6 * HOUR,
      lastAttemptFailed: true,
      summary: "Fresh — retrieved 6 hours ago · last update attempt failed 2 hours ago",
    });
  });

  it("keeps stale data stale even when the last attempt succeeded", () => {
    expect(
      check({
        now: at("2026-12-05T00:00:00Z"),
        lastAttemptAt: at("2026-12-04T23:00:00Z"),
        lastAttemptResult: "success",
      }),
    ).toMatchObject({ state: "stale", lastAttemptFailed: false });
  });

  it("treats partial_error as failed, and success or nothing as not failed", () => {
    expect(check({ lastAttemptResult: "partial_error" }).lastAttemptFailed).toBe(true);
    expect(check({ lastAttemptResult: "ERROR" }).lastAttemptFailed).toBe(true);
    expect(check({ lastAttemptResult: "success" }).lastAttemptFailed).toBe(false);
    expect(check({ lastAttemptResult: null }).lastAttemptFailed).toBe(false);
    expect(check({ lastAttemptResult: "error" }).summary).toBe(
      "Fresh — retrieved just now · last update attempt failed",
    );
  });
});

describe("freshness — no retrieval yet", () => {
  it("is pending after a 202", () => {
    expect(check({ retrievedAt: null, lastHttpStatus: 202 })).toEqual({
      state: "pending",
      ageMs: null,
      cadenceMs: DAY,
      staleAt: null,
      lastAttemptFailed: false,
      summary: "Data pending — Finch is still preparing it",
    });
  });

  it("tells 'no data yet' (asked, nothing retrieved) from 'not requested yet' (never asked)", () => {
    expect(check({ retrievedAt: null })).toMatchObject({
      state: "no_data",
      summary: "No data yet — Finch has not reported retrieving any",
    });
    expect(check({ retrievedAt: null, lastHttpStatus: 500 }).state).toBe("no_data");
    expect(check({ retrievedAt: null, requested: false })).toMatchObject({
      state: "not_requested",
      summary: "Not requested yet — Perch has not asked Finch for this data",
    });
  });

  it("does not call data with a retrieval time pending, even after a 202", () => {
    expect(check({ lastHttpStatus: 202 }).state).toBe("fresh");
  });
});

describe("parseFinchTimestamp", () => {
  const expected = "2023-11-07T05:31:56.000Z";

  it.each([
    ["2023-11-07T05:31:56Z", expected],
    ["2023-11-07T05:31:56.000Z", expected],
    ["2023-11-07T05:31:56+00:00", expected],
    ["2023-11-07T05:31:56.000+00:00", expected],
    ["2023-11-07T05:31:56+0000", expected],
    ["2023-11-07 05:31:56z", expected],
    ["  2023-11-07T05:31:56Z  ", expected],
    ["2023-11-07T05:31:56", expected],
    ["2023-11-07T00:31:56-05:00", expected],
    ["2023-11-07T11:01:56+05:30", expected],
    ["2023-11-07T05:31:56.123456Z", "2023-11-07T05:31:56.123Z"],
    ["2023-11-07T05:31:56,5Z", "2023-11-07T05:31:56.500Z"],
    ["2023-11-07T05:31Z", "2023-11-07T05:31:00.000Z"],
    ["2023-11-07", "2023-11-07T00:00:00.000Z"],
  ])("parses %s", (value, iso) => {
    expect(parseFinchTimestamp(value)?.toISOString()).toBe(iso);
  });

  it.each([
    null,
    undefined,
    "",
    "yesterday",
    "2023-02-30T00:00:00Z",
    "2023-13-01T00:00:00Z",
    "2023-11-07T24:00:00Z",
    "2023-11-07T05:60:00Z",
    "2023-11-07T05:31:56+25:00",
    "2023-11-07T05:31:56Zjunk",
    "1699335116",
  ])("returns null for %s", (value) => {
    expect(parseFinchTimestamp(value)).toBeNull();
  });
});
