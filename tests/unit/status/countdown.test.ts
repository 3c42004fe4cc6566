import { describe, expect, it } from "vitest";
import { calendarDay } from "@/lib/status/calendar";
import {
  configurationCountdown,
  connectionCountdowns,
  permissionsVerifiedAt,
  readinessInstant,
  webhookInstant,
  type ConfigurationCountdownInput,
} from "@/lib/status/countdown";

const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";
const at = (iso: string) => new Date(iso);

function assisted(
  verifiedAt: string | null,
  now: string,
  overrides: Partial<ConfigurationCountdownInput> = {},
) {
  return configurationCountdown({
    group: "organization",
    assisted: true,
    verifiedAt: verifiedAt ? at(verifiedAt) : null,
    readyAt: null,
    now: at(now),
    timeZone: "UTC",
    ...overrides,
  });
}

describe("configurationCountdown — day N of 14", () => {
  const verified = "2026-12-01T10:00:00Z";

  it("is day 1 on the day permissions were verified", () => {
    const countdown = assisted(verified, verified);
    expect(countdown).toMatchObject({
      group: "organization",
      label: "Organization",
      phase: "configuring",
      totalDays: 14,
      day: 1,
      overdueDays: null,
      readySince: null,
      progress: 0,
      summary: "Day 1 of 14 · expected ready 15 Dec",
    });
    expect(countdown.startedAt?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(countdown.expectedReadyAt?.toISOString()).toBe("2026-12-15T10:00:00.000Z");
  });

  it("advances the day once a day, at the verification's time of day", () => {
    expect(assisted(verified, "2026-12-02T09:59:59Z").day).toBe(1);
    expect(assisted(verified, "2026-12-02T10:00:00Z").day).toBe(2);
    expect(assisted(verified, "2026-12-14T09:59:59Z").day).toBe(13);
    expect(assisted(verified, "2026-12-14T10:00:00Z").day).toBe(14);
    expect(assisted(verified, "2026-12-14T23:59:59Z").summary).toBe(
      "Day 14 of 14 · expected ready 15 Dec",
    );
  });

  it("shows each day number for exactly one day across a period's last days", () => {
    const hourly = Array.from({ length: 72 }, (_, h) =>
      assisted(
        verified,
        new Date(Date.parse("2026-12-13T10:30:00Z") + h * 3_600_000).toISOString(),
      ),
    );
    const hoursPerDay = new Map<number, number>();
    for (const c of hourly) hoursPerDay.set(c.day!, (hoursPerDay.get(c.day!) ?? 0) + 1);
    expect([...hoursPerDay]).toEqual([
      [13, 24],
      [14, 24],
      [15, 24],
    ]);
    expect(hourly.filter((c) => c.summary.startsWith("Day 14 of 14"))).toHaveLength(24);
  });

  it("shows the same day in every group: Deductions overdue when Organization is on day 8", () => {
    const now = "2026-12-08T11:00:00Z";
    expect(assisted(verified, now)).toMatchObject({
      day: 8,
      summary: "Day 8 of 14 · expected ready 15 Dec",
    });
    expect(assisted(verified, now, { group: "deductions" })).toMatchObject({
      phase: "overdue",
      day: 8,
      overdueDays: 1,
    });
  });

  it("stays at day 14 on day 15 until the expected time has passed", () => {
    expect(assisted(verified, "2026-12-15T09:59:00Z")).toMatchObject({
      phase: "configuring",
      day: 14,
    });
    expect(assisted(verified, "2026-12-15T10:00:00Z")).toMatchObject({
      phase: "configuring",
      day: 14,
      progress: 1,
    });
  });

  it("is overdue by 1 on day 15 once the expected time has passed", () => {
    expect(assisted(verified, "2026-12-15T10:01:00Z")).toMatchObject({
      phase: "overdue",
      day: 15,
      overdueDays: 1,
      progress: 1,
      summary: "Overdue by 1 day (expected 15 Dec)",
    });
  });

  it("counts overdue days as the day keeps counting", () => {
    expect(assisted(verified, "2026-12-16T09:00:00Z")).toMatchObject({ day: 15, overdueDays: 1 });
    expect(assisted(verified, "2026-12-16T10:00:00Z")).toMatchObject({
      day: 16,
      overdueDays: 2,
      summary: "Overdue by 2 days (expected 15 Dec)",
    });
  });

  it("reports progress as elapsed over the period", () => {
    expect(assisted("2026-12-01T00:00:00Z", "2026-12-08T00:00:00Z").progress).toBe(0.5);
  });

  it("never shows day 0 or negative progress when the clock is behind", () => {
    expect(assisted(verified, "2026-11-30T10:00:00Z")).toMatchObject({ day: 1, progress: 0 });
  });

  it("names the year when the expected date is in another year", () => {
    expect(assisted("2026-12-20T12:00:00Z", "2026-12-22T12:00:00Z").summary).toBe(
      "Day 3 of 14 · expected ready 3 Jan 2027",
    );
  });

  it("uses a 7-day period for deductions", () => {
    expect(assisted(verified, "2026-12-07T12:00:00Z", { group: "deductions" })).toMatchObject({
      totalDays: 7,
      day: 7,
      summary: "Day 7 of 7 · expected ready 8 Dec",
    });
  });
});

describe("configurationCountdown — period boundaries", () => {
  it("starting exactly at local midnight", () => {
    const verified = "2026-12-01T00:00:00Z"; // 00:00 GMT in London
    const options = { timeZone: LONDON };
    expect(assisted(verified, "2026-12-14T23:59:00Z", options)).toMatchObject({
      phase: "configuring",
      day: 14,
    });
    expect(assisted(verified, "2026-12-15T00:00:00Z", options).phase).toBe("configuring");
    expect(assisted(verified, "2026-12-15T00:00:01Z", options)).toMatchObject({
      phase: "overdue",
      day: 15,
      overdueDays: 1,
    });
  });

  it("starting at 23:59 makes day 2 begin at 23:59 the next day", () => {
    const verified = "2026-12-01T23:59:00Z";
    const options = { timeZone: LONDON };
    expect(assisted(verified, "2026-12-01T23:59:30Z", options).day).toBe(1);
    expect(assisted(verified, "2026-12-02T00:00:00Z", options).day).toBe(1);
    expect(assisted(verified, "2026-12-02T23:59:00Z", options).day).toBe(2);
    expect(assisted(verified, "2026-12-15T12:00:00Z", options)).toMatchObject({
      phase: "configuring",
      day: 14,
      summary: "Day 14 of 14 · expected ready 15 Dec",
    });
    expect(assisted(verified, "2026-12-16T00:00:00Z", options)).toMatchObject({
      phase: "overdue",
      day: 15,
      overdueDays: 1,
    });
  });

  it("counts days on the zone's calendar, not UTC's", () => {
    // Verified 10:00 in New York the day before the clocks go back: day 2 begins at 10:00 EST,
    // 25 hours later.
    const verified = "2026-10-31T14:00:00Z";
    expect(assisted(verified, "2026-11-01T14:30:00Z", { timeZone: NEW_YORK }).day).toBe(1);
    expect(assisted(verified, "2026-11-01T15:00:00Z", { timeZone: NEW_YORK }).day).toBe(2);
    expect(assisted(verified, "2026-11-01T14:30:00Z").day).toBe(2);
  });
});

describe("configurationCountdown — across DST changes", () => {
  it("London, spring: verified the Saturday before the clocks go forward", () => {
    const verified = "2026-03-28T10:00:00Z"; // 10:00 GMT
    const options = { timeZone: LONDON };
    const started = assisted(verified, verified, options);
    expect(started.expectedReadyAt?.toISOString()).toBe("2026-04-11T09:00:00.000Z"); // 10:00 BST
    expect(assisted(verified, "2026-03-28T23:59:00Z", options).day).toBe(1);
    expect(assisted(verified, "2026-03-29T08:59:00Z", options).day).toBe(1); // 09:59 BST, 29 Mar
    expect(assisted(verified, "2026-03-29T09:00:00Z", options).day).toBe(2); // 10:00 BST
    expect(assisted(verified, "2026-04-10T22:30:00Z", options).day).toBe(14); // 23:30 BST, 10 Apr
    expect(assisted(verified, "2026-04-11T08:30:00Z", options)).toMatchObject({
      phase: "configuring",
      day: 14,
    });
    expect(assisted(verified, "2026-04-11T09:30:00Z", options)).toMatchObject({
      phase: "overdue",
      overdueDays: 1,
      summary: "Overdue by 1 day (expected 11 Apr)",
    });
  });

  it("London, spring: a late-evening start keeps the expected date on the right day", () => {
    const countdown = assisted("2026-03-28T23:30:00Z", "2026-03-29T12:00:00Z", {
      group: "deductions",
      timeZone: LONDON,
    });
    // 23:30 BST on 4 Apr; a naive 7 × 24 h would land on 00:30 BST, 5 Apr.
    expect(countdown.expectedReadyAt?.toISOString()).toBe("2026-04-04T22:30:00.000Z");
    expect(countdown.summary).toBe("Day 1 of 7 · expected ready 4 Apr");
  });

  it("London, autumn: verified the Saturday before the clocks go back", () => {
    const verified = "2026-10-23T23:30:00Z"; // 00:30 BST, Saturday 24 Oct
    const options = { group: "deductions" as const, timeZone: LONDON };
    const countdown = assisted(verified, "2026-10-25T12:00:00Z", options);
    expect(countdown.expectedReadyAt?.toISOString()).toBe("2026-10-31T00:30:00.000Z");
    expect(calendarDay(countdown.expectedReadyAt!, LONDON)).toBe("2026-10-31");
    expect(countdown.day).toBe(2);
    expect(assisted(verified, "2026-10-30T23:45:00Z", options).day).toBe(7);
    expect(assisted(verified, "2026-10-31T00:15:00Z", options).phase).toBe("configuring");
    expect(assisted(verified, "2026-10-31T00:31:00Z", options)).toMatchObject({
      phase: "overdue",
      day: 8,
      overdueDays: 1,
    });
  });

  it("New York, March: verified the Saturday night before the change", () => {
    const verified = "2026-03-08T04:30:00Z"; // 23:30 EST, Saturday 7 Mar
    const countdown = assisted(verified, "2026-03-08T16:00:00Z", {
      group: "deductions",
      timeZone: NEW_YORK,
    });
    expect(countdown.expectedReadyAt?.toISOString()).toBe("2026-03-15T03:30:00.000Z"); // 23:30 EDT
    expect(countdown).toMatchObject({ day: 1, summary: "Day 1 of 7 · expected ready 14 Mar" });
  });

  it("New York, November: verified the Saturday before the change", () => {
    const verified = "2026-10-31T04:30:00Z"; // 00:30 EDT, Saturday 31 Oct
    const options = { timeZone: NEW_YORK };
    const countdown = assisted(verified, "2026-11-13T12:00:00Z", options);
    expect(countdown.expectedReadyAt?.toISOString()).toBe("2026-11-14T05:30:00.000Z"); // 00:30 EST
    expect(countdown).toMatchObject({ day: 14, summary: "Day 14 of 14 · expected ready 14 Nov" });
    expect(assisted(verified, "2026-11-14T05:00:00Z", options).phase).toBe("configuring");
    expect(assisted(verified, "2026-11-14T05:31:00Z", options).overdueDays).toBe(1);
  });
});

describe("configurationCountdown — readiness and other phases", () => {
  const verified = "2026-12-01T10:00:00Z";

  it("is ready from the first 200, before the expected date", () => {
    const countdown = assisted(verified, "2026-12-20T10:00:00Z", {
      readyAt: at("2026-12-10T08:00:00Z"),
    });
    expect(countdown).toMatchObject({
      phase: "ready",
      day: null,
      overdueDays: null,
      progress: 1,
      summary: "Ready since 10 Dec",
    });
    expect(countdown.readySince?.toISOString()).toBe("2026-12-10T08:00:00.000Z");
  });

  it("is ready rather than overdue when data arrived late", () => {
    expect(
      assisted(verified, "2026-12-20T10:00:00Z", { readyAt: at("2026-12-18T08:00:00Z") }),
    ).toMatchObject({ phase: "ready", overdueDays: null, summary: "Ready since 18 Dec" });
  });

  it("waits for the employer's permissions before the period starts", () => {
    expect(assisted(null, "2026-12-20T10:00:00Z")).toMatchObject({
      phase: "waiting_for_permissions",
      totalDays: 14,
      day: null,
      startedAt: null,
      expectedReadyAt: null,
      progress: 0,
      summary: "Waiting for the employer's permissions",
    });
  });

  it("has no period for automated connections", () => {
    expect(assisted(verified, "2026-12-20T10:00:00Z", { assisted: false })).toMatchObject({
      phase: "not_applicable",
      totalDays: 0,
      day: null,
      startedAt: null,
      expectedReadyAt: null,
      summary: "No configuration period (automated connection)",
    });
    expect(
      assisted(null, "2026-12-20T10:00:00Z", {
        assisted: false,
        readyAt: at("2026-12-01T10:05:00Z"),
      }),
    ).toMatchObject({ phase: "ready", summary: "Ready since 1 Dec" });
  });
});

describe("connectionCountdowns", () => {
  it("gives one countdown per group in stable order", () => {
    const countdowns = connectionCountdowns({
      products: ["benefits", "payment", "company", "directory", "documents"],
      assisted: true,
      verifiedAt: at("2026-12-01T10:00:00Z"),
      readyAtByGroup: { deductions: at("2026-12-06T09:00:00Z"), payroll: null },
      now: at("2026-12-10T12:00:00Z"),
      timeZone: "UTC",
    });
    expect(countdowns.map(({ group, phase, day }) => ({ group, phase, day }))).toEqual([
      { group: "organization", phase: "configuring", day: 10 },
      { group: "payroll", phase: "configuring", day: 10 },
      { group: "deductions", phase: "ready", day: null },
    ]);
  });

  it("is empty when no product belongs to a group", () => {
    expect(
      connectionCountdowns({
        products: ["documents"],
        assisted: true,
        verifiedAt: null,
        readyAtByGroup: {},
        now: at("2026-12-10T12:00:00Z"),
        timeZone: "UTC",
      }),
    ).toEqual([]);
  });
});

describe("permissionsVerifiedAt", () => {
  it("is the earliest processing or connected, in any order and spelling", () => {
    const verified = permissionsVerifiedAt([
      { status: "connected", at: at("2026-12-05T00:00:00Z") },
      { status: "pending", at: at("2026-12-01T00:00:00Z") },
      { status: "error_reauth", at: at("2026-12-02T00:00:00Z") },
      { status: "Processing", at: at("2026-12-03T00:00:00Z") },
    ]);
    expect(verified?.toISOString()).toBe("2026-12-03T00:00:00.000Z");
  });

  it("is null before Finch has verified anything", () => {
    expect(permissionsVerifiedAt([])).toBeNull();
    expect(
      permissionsVerifiedAt([
        { status: "pending", at: at("2026-12-01T00:00:00Z") },
        { status: "error_permissions", at: at("2026-12-02T00:00:00Z") },
      ]),
    ).toBeNull();
  });
});

describe("Finch's instants", () => {
  const noticed = at("2026-12-08T09:00:00Z");
  const verifiedAt = at("2026-11-30T10:00:00Z");

  it("dates readiness by Finch-Data-Retrieved, not by when Perch looked", () => {
    expect(
      readinessInstant({ retrievedAt: at("2026-12-07T10:00:00Z"), verifiedAt, noticedAt: noticed }),
    ).toEqual(at("2026-12-07T10:00:00Z"));
    expect(readinessInstant({ retrievedAt: null, verifiedAt, noticedAt: noticed })).toEqual(
      noticed,
    );
  });

  it("never dates readiness before the period began or after it was noticed", () => {
    expect(
      readinessInstant({ retrievedAt: at("2026-11-01T00:00:00Z"), verifiedAt, noticedAt: noticed }),
    ).toEqual(verifiedAt);
    expect(
      readinessInstant({ retrievedAt: at("2026-12-09T00:00:00Z"), verifiedAt, noticedAt: noticed }),
    ).toEqual(noticed);
  });

  it("takes a webhook's signed time only when it agrees with our clock", () => {
    const received = at("2026-12-08T09:00:00Z");
    expect(webhookInstant(at("2026-12-08T08:58:00Z"), received)).toEqual(
      at("2026-12-08T08:58:00Z"),
    );
    expect(webhookInstant(null, received)).toEqual(received);
    // A demo clock days ahead of the real time Finch signs with keeps its own time.
    expect(webhookInstant(at("2026-12-01T09:00:00Z"), received)).toEqual(received);
    expect(webhookInstant(at("2026-12-08T09:01:00Z"), received)).toEqual(received);
  });
});
