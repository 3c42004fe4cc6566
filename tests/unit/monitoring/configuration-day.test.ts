import { describe, expect, it } from "vitest";
import { configurationDay } from "@/lib/monitoring/configuration-day";

const verifiedAt = new Date("2026-06-01T10:00:00Z");
const at = (iso: string) => new Date(iso);
const base = {
  assisted: true,
  products: ["company", "directory", "payment", "benefits"],
  verifiedAt,
  readyAtByGroup: {},
  timeZone: "UTC",
};

describe("configurationDay", () => {
  it("counts the day of the group that lands last (14 days, not deductions' 7)", () => {
    expect(configurationDay({ ...base, now: at("2026-06-05T12:00:00Z") })).toBe("day 5 of 14");
  });

  it("keeps counting past the shorter group's end while a longer one configures", () => {
    const now = at("2026-06-10T12:00:00Z");
    expect(configurationDay({ ...base, now })).toBe("day 10 of 14");
  });

  it("uses the remaining group once the longer ones are ready", () => {
    const ready = at("2026-06-03T00:00:00Z");
    const now = at("2026-06-05T12:00:00Z");
    expect(
      configurationDay({
        ...base,
        readyAtByGroup: { organization: ready, payroll: ready },
        now,
      }),
    ).toBe("day 5 of 7");
  });

  it("says overdue past the expected instant, as the countdown counts it", () => {
    // Expected 15 Jun 10:00: overdue by 1 day from then, by 2 from 16 Jun 10:00.
    expect(configurationDay({ ...base, now: at("2026-06-15T11:00:00Z") })).toBe("overdue by 1 day");
    expect(configurationDay({ ...base, now: at("2026-06-16T11:00:00Z") })).toBe(
      "overdue by 2 days",
    );
  });

  it("says ready, waiting, or nothing for automated connections", () => {
    const ready = at("2026-06-03T00:00:00Z");
    const now = at("2026-06-05T12:00:00Z");
    expect(
      configurationDay({
        ...base,
        readyAtByGroup: { organization: ready, payroll: ready, deductions: ready },
        now,
      }),
    ).toBe("ready");
    expect(configurationDay({ ...base, verifiedAt: null, now })).toBe("waiting for permissions");
    expect(configurationDay({ ...base, assisted: false, now })).toBeNull();
  });
});
