import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatDayMonthRange,
  relativeTime,
} from "@/lib/status/relative-time";

const now = new Date("2026-12-08T12:00:00Z");
const offset = (ms: number) => new Date(now.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("relativeTime", () => {
  it.each([
    [0, "just now"],
    [-59 * SECOND, "just now"],
    [59 * SECOND, "just now"],
    [-MINUTE, "1 minute ago"],
    [-5 * MINUTE, "5 minutes ago"],
    [-59 * MINUTE - 59 * SECOND, "59 minutes ago"],
    [-HOUR, "1 hour ago"],
    [-23 * HOUR - 59 * MINUTE, "23 hours ago"],
    [-DAY, "1 day ago"],
    [-3 * DAY - 20 * HOUR, "3 days ago"],
    [2 * DAY + 12 * HOUR, "in 2 days"],
    [5 * MINUTE, "in 5 minutes"],
    [-29 * DAY, "29 days ago"],
    [-45 * DAY, "1 month ago"],
    [-364 * DAY, "12 months ago"],
    [-400 * DAY, "1 year ago"],
    [800 * DAY, "in 2 years"],
  ])("%i ms → %s", (ms, text) => {
    expect(relativeTime(offset(ms), now)).toBe(text);
  });
});

describe("formatDate", () => {
  it("uses the zone's calendar day", () => {
    expect(formatDate(new Date("2026-12-08T14:05:00Z"), "UTC")).toBe("8 Dec 2026");
    expect(formatDate(new Date("2026-12-09T03:00:00Z"), "America/New_York")).toBe("8 Dec 2026");
    expect(formatDate(new Date("2026-09-01T00:00:00Z"), "Europe/London")).toBe("1 Sep 2026");
  });

  it("has a short form without the year", () => {
    expect(formatDayMonth(new Date("2026-12-31T23:30:00Z"), "Asia/Tokyo")).toBe("1 Jan");
  });
});

describe("formatDateTime", () => {
  it("adds the 24-hour time and the zone's short name", () => {
    expect(formatDateTime(new Date("2026-12-08T14:05:00Z"), "UTC")).toBe("8 Dec 2026, 14:05 UTC");
    expect(formatDateTime(new Date("2026-07-08T14:05:00Z"), "Europe/London")).toBe(
      "8 Jul 2026, 15:05 BST",
    );
    expect(formatDateTime(new Date("2026-12-08T14:05:00Z"), "Europe/London")).toBe(
      "8 Dec 2026, 14:05 GMT",
    );
    expect(formatDateTime(new Date("2026-12-08T14:05:00Z"), "America/New_York")).toBe(
      "8 Dec 2026, 09:05 EST",
    );
    expect(formatDateTime(new Date("2026-07-08T00:05:00Z"), "America/New_York")).toBe(
      "7 Jul 2026, 20:05 EDT",
    );
  });

  it("falls back to a GMT offset where the zone has no abbreviation", () => {
    expect(formatDateTime(new Date("2026-12-08T14:05:00Z"), "Asia/Kolkata")).toBe(
      "8 Dec 2026, 19:35 GMT+5:30",
    );
  });
});

describe("formatDayMonthRange", () => {
  it("labels a chart bucket by every local day it holds, not only its first", () => {
    // The bug: a bucket starting 25 Dec was labelled "25 Dec" yet held items due 30 Dec.
    expect(
      formatDayMonthRange(
        new Date("2026-12-25T00:00:00Z"),
        new Date("2027-01-01T00:00:00Z"),
        "UTC",
      ),
    ).toBe("25–31 Dec");
    expect(
      formatDayMonthRange(
        new Date("2026-12-25T12:00:00Z"),
        new Date("2027-01-01T12:00:00Z"),
        "UTC",
      ),
    ).toBe("25 Dec – 1 Jan");
    expect(
      formatDayMonthRange(
        new Date("2026-11-30T09:00:00Z"),
        new Date("2026-11-30T18:00:00Z"),
        "UTC",
      ),
    ).toBe("30 Nov");
  });

  it("reads the days on the calendar of the time zone", () => {
    expect(
      formatDayMonthRange(
        new Date("2026-12-24T23:30:00Z"),
        new Date("2026-12-31T23:30:00Z"),
        "Asia/Tokyo",
      ),
    ).toBe("25 Dec – 1 Jan");
  });
});
