import { describe, expect, it } from "vitest";
import {
  attentionBeginsAt,
  attentionInstants,
  attentionSchedule,
  kindsDueAt,
  kindsDueFromInstants,
} from "@/lib/status/attention";
import { slaAlerts, type SlaInput } from "@/lib/status/sla";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STATUSES = [
  "pending",
  "processing",
  "connected",
  "error_no_account_setup",
  "error_permissions",
  "reauth",
  "disconnected",
];

/** A small deterministic generator, so a failure names a reproducible case. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function randomInput(random: () => number, base: number): Omit<SlaInput, "now"> {
  const at = (spanDays: number) => new Date(base - random() * spanDays * DAY);
  const assisted = random() < 0.6;
  const verifiedAt = assisted && random() < 0.8 ? at(25) : null;
  const maybe = () => (random() < 0.5 ? at(20) : null);
  return {
    status: STATUSES[Math.floor(random() * STATUSES.length)],
    statusChangedAt: at(6),
    assisted,
    products: ["company", "directory", "payment", "benefits"],
    verifiedAt,
    readyAtByGroup: { organization: maybe(), payroll: maybe(), deductions: maybe() },
    freshnessByProduct: {
      company: { retrievedAt: maybe(), lastAttemptAt: null, lastAttemptResult: null },
      benefits: { retrievedAt: maybe(), lastAttemptAt: null, lastAttemptResult: "error" },
    },
    timeZone: random() < 0.5 ? "UTC" : "America/New_York",
  };
}

describe("attentionSchedule", () => {
  it("gives, at every moment, exactly the alert kinds slaAlerts raises", () => {
    const random = generator(7);
    const base = Date.UTC(2026, 11, 1, 9, 30);
    for (let i = 0; i < 120; i++) {
      const input = randomInput(random, base);
      const schedule = attentionSchedule(input);
      for (let step = 0; step < 8; step++) {
        // Records describe the past: every moment read is at or after the last change.
        const now = new Date(base + random() * 30 * DAY);
        const expected = [...new Set(slaAlerts({ ...input, now }).map((a) => a.kind))].sort();
        expect(
          [...kindsDueAt(schedule, now)].sort(),
          `case ${i}, now ${now.toISOString()}`,
        ).toEqual(expected);
      }
    }
  });

  it("flips at the millisecond each rule's threshold is passed, with no recomputation", () => {
    // Pending since Friday 16:00 UTC: more than 1 business day only after Monday 16:00.
    const pending = attentionSchedule({
      status: "pending",
      statusChangedAt: new Date("2026-12-04T16:00:00Z"),
      assisted: true,
      products: ["company"],
      verifiedAt: null,
      readyAtByGroup: {},
      freshnessByProduct: {},
      timeZone: "UTC",
    });
    expect(kindsDueAt(pending, new Date("2026-12-07T16:00:00.000Z"))).toEqual([]);
    expect(kindsDueAt(pending, new Date("2026-12-07T16:00:00.001Z"))).toContain("pending_too_long");

    // Automated data retrieved at 00:00 is stale after 24 h + 12 h of grace.
    const stale = attentionSchedule({
      status: "connected",
      statusChangedAt: new Date("2026-11-01T00:00:00Z"),
      assisted: false,
      products: ["company"],
      verifiedAt: null,
      readyAtByGroup: {},
      freshnessByProduct: {
        company: {
          retrievedAt: new Date("2026-12-01T00:00:00Z"),
          lastAttemptAt: null,
          lastAttemptResult: null,
        },
      },
      timeZone: "UTC",
    });
    expect(kindsDueAt(stale, new Date("2026-12-02T12:00:00.000Z"))).toEqual([]);
    expect(kindsDueAt(stale, new Date("2026-12-02T12:00:00.001Z"))).toEqual(["stale_data"]);
  });

  it("stores the earliest instant as the one 'needs attention' compares with", () => {
    const schedule = attentionSchedule({
      status: "reauth",
      statusChangedAt: new Date("2026-12-03T00:00:00Z"),
      assisted: true,
      products: ["company"],
      verifiedAt: new Date("2026-11-01T00:00:00Z"),
      readyAtByGroup: {},
      freshnessByProduct: {},
      timeZone: "UTC",
    });
    expect(schedule.configuration_overdue).toEqual(new Date("2026-11-15T00:00:00.001Z"));
    expect(attentionBeginsAt(schedule)).toEqual(new Date("2026-11-15T00:00:00.001Z"));
    const instants = attentionInstants(schedule);
    expect(kindsDueFromInstants(instants, new Date("2026-12-02T00:00:00Z"))).toEqual([
      "configuration_overdue",
    ]);
    expect(kindsDueFromInstants(instants, new Date("2026-12-03T00:00:00Z"))).toEqual([
      "configuration_overdue",
      "reauth_needed",
    ]);
  });

  it("is empty for a disconnected connection and for no connection", () => {
    const input = randomInput(generator(3), Date.UTC(2026, 11, 1));
    expect(attentionBeginsAt(attentionSchedule({ ...input, status: "disconnected" }))).toBeNull();
    expect(attentionInstants(null).attentionAt).toBeNull();
  });
});
