import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addCalendarDays,
  businessDaysBetween,
  calendarDay,
  daysBetweenCalendarDays,
  isBusinessDay,
  startOfDay,
} from "@/lib/status/calendar";

const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";
const at = (iso: string) => new Date(iso);

describe("calendarDay", () => {
  it("reads the day on the zone's calendar, not UTC's", () => {
    expect(calendarDay(at("2026-03-08T04:59:00Z"), NEW_YORK)).toBe("2026-03-07");
    expect(calendarDay(at("2026-03-08T05:00:00Z"), NEW_YORK)).toBe("2026-03-08");
    expect(calendarDay(at("2026-06-30T23:30:00Z"), LONDON)).toBe("2026-07-01");
    expect(calendarDay(at("2026-12-31T23:30:00Z"), "Asia/Tokyo")).toBe("2027-01-01");
  });
});

describe("startOfDay", () => {
  it("is local midnight, in winter and in summer", () => {
    expect(startOfDay(at("2026-01-15T12:00:00Z"), LONDON).toISOString()).toBe(
      "2026-01-15T00:00:00.000Z",
    );
    expect(startOfDay(at("2026-07-15T12:00:00Z"), LONDON).toISOString()).toBe(
      "2026-07-14T23:00:00.000Z",
    );
  });

  it("handles the DST change days themselves", () => {
    expect(startOfDay(at("2026-03-29T12:00:00Z"), LONDON).toISOString()).toBe(
      "2026-03-29T00:00:00.000Z",
    );
    expect(startOfDay(at("2026-11-01T20:00:00Z"), NEW_YORK).toISOString()).toBe(
      "2026-11-01T04:00:00.000Z",
    );
  });

  it("falls back to the first instant when midnight itself is skipped", () => {
    // Santiago moved its clocks from 00:00 to 01:00 on 6 Sep 2026.
    expect(startOfDay(at("2026-09-06T15:00:00Z"), "America/Santiago").toISOString()).toBe(
      "2026-09-06T04:00:00.000Z",
    );
  });
});

describe("addCalendarDays", () => {
  it("keeps the wall-clock time across the spring change (London)", () => {
    const saturday10am = at("2026-03-28T10:00:00Z");
    expect(addCalendarDays(saturday10am, 1, LONDON).toISOString()).toBe("2026-03-29T09:00:00.000Z");
    expect(addCalendarDays(saturday10am, 14, LONDON).toISOString()).toBe(
      "2026-04-11T09:00:00.000Z",
    );
  });

  it("keeps the wall-clock time across the autumn change (New York)", () => {
    const saturday9am = at("2026-10-31T13:00:00Z");
    expect(addCalendarDays(saturday9am, 1, NEW_YORK).toISOString()).toBe(
      "2026-11-01T14:00:00.000Z",
    );
  });

  it("moves a skipped wall time forward and picks the first of a repeated one", () => {
    expect(addCalendarDays(at("2026-03-28T01:30:00Z"), 1, LONDON).toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    expect(addCalendarDays(at("2026-10-24T00:30:00Z"), 1, LONDON).toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
  });

  it("goes backwards and keeps milliseconds", () => {
    expect(addCalendarDays(at("2026-03-01T12:34:56.789Z"), -1, "UTC").toISOString()).toBe(
      "2026-02-28T12:34:56.789Z",
    );
  });
});

describe("daysBetweenCalendarDays", () => {
  it("counts local days, not 24-hour periods", () => {
    expect(
      daysBetweenCalendarDays(at("2026-12-01T23:59:00Z"), at("2026-12-02T00:01:00Z"), "UTC"),
    ).toBe(1);
    expect(
      daysBetweenCalendarDays(at("2026-12-01T00:00:00Z"), at("2026-12-01T23:59:59Z"), "UTC"),
    ).toBe(0);
    expect(
      daysBetweenCalendarDays(at("2026-12-03T10:00:00Z"), at("2026-12-01T10:00:00Z"), "UTC"),
    ).toBe(-2);
  });

  it("is not thrown off by a 23- or 25-hour day", () => {
    expect(
      daysBetweenCalendarDays(at("2026-03-28T23:30:00Z"), at("2026-03-29T23:15:00Z"), LONDON),
    ).toBe(2);
    // 31 Oct 00:00 EDT → 1 Nov 23:59 EST is one day; 2 Nov 00:00 EST is two.
    const october31 = at("2026-10-31T04:00:00Z");
    expect(daysBetweenCalendarDays(october31, at("2026-11-02T04:59:00Z"), NEW_YORK)).toBe(1);
    expect(daysBetweenCalendarDays(october31, at("2026-11-02T05:00:00Z"), NEW_YORK)).toBe(2);
  });

  it("depends on the zone", () => {
    const a = at("2026-12-01T03:00:00Z");
    const b = at("2026-12-01T06:00:00Z");
    expect(daysBetweenCalendarDays(a, b, "UTC")).toBe(0);
    expect(daysBetweenCalendarDays(a, b, NEW_YORK)).toBe(1);
  });
});

describe("isBusinessDay", () => {
  it("is Monday to Friday on the local calendar", () => {
    expect(isBusinessDay(at("2026-12-04T12:00:00Z"), "UTC")).toBe(true); // Friday
    expect(isBusinessDay(at("2026-12-05T12:00:00Z"), "UTC")).toBe(false); // Saturday
    expect(isBusinessDay(at("2026-12-06T12:00:00Z"), "UTC")).toBe(false); // Sunday
    expect(isBusinessDay(at("2026-12-07T00:00:00Z"), "UTC")).toBe(true); // Monday
    // Saturday 02:00 UTC is still Friday evening in New York.
    expect(isBusinessDay(at("2026-12-05T02:00:00Z"), NEW_YORK)).toBe(true);
  });

  it("does not know holidays", () => {
    expect(isBusinessDay(at("2026-12-25T12:00:00Z"), LONDON)).toBe(true);
  });
});

describe("businessDaysBetween", () => {
  const friday4pm = at("2026-12-04T16:00:00Z");

  it("skips the weekend: Friday 16:00 → Monday 15:00 is under one business day", () => {
    expect(businessDaysBetween(friday4pm, at("2026-12-07T15:00:00Z"), "UTC")).toBeCloseTo(23 / 24);
  });

  it("is exactly 1 at Monday 16:00 and more than 1 a minute later", () => {
    expect(businessDaysBetween(friday4pm, at("2026-12-07T16:00:00Z"), "UTC")).toBe(1);
    expect(businessDaysBetween(friday4pm, at("2026-12-07T16:01:00Z"), "UTC")).toBeGreaterThan(1);
  });

  it("counts a weekend start from Monday 00:00", () => {
    const saturday = at("2026-12-05T10:00:00Z");
    expect(businessDaysBetween(saturday, at("2026-12-06T23:00:00Z"), "UTC")).toBe(0);
    expect(businessDaysBetween(saturday, at("2026-12-07T23:59:00Z"), "UTC")).toBeLessThan(1);
    expect(businessDaysBetween(saturday, at("2026-12-08T00:00:00Z"), "UTC")).toBe(1);
  });

  it("counts a full working week as 5 and is signed", () => {
    const monday = at("2026-12-07T09:00:00Z");
    const nextMonday = at("2026-12-14T09:00:00Z");
    expect(businessDaysBetween(monday, nextMonday, "UTC")).toBe(5);
    expect(businessDaysBetween(nextMonday, monday, "UTC")).toBe(-5);
  });

  it("uses local wall-clock time, across a DST weekend", () => {
    // Friday 27 Mar 16:00 GMT → Monday 30 Mar 16:00 BST (15:00 UTC).
    expect(
      businessDaysBetween(at("2026-03-27T16:00:00Z"), at("2026-03-30T15:00:00Z"), LONDON),
    ).toBe(1);
  });
});

describe("addBusinessDays", () => {
  it("steps over the weekend keeping the wall-clock time", () => {
    expect(addBusinessDays(at("2026-12-04T16:00:00Z"), 1, "UTC").toISOString()).toBe(
      "2026-12-07T16:00:00.000Z",
    );
    expect(addBusinessDays(at("2026-12-01T09:30:00Z"), 5, "UTC").toISOString()).toBe(
      "2026-12-08T09:30:00.000Z",
    );
  });

  it("starts a weekend instant from Monday 00:00", () => {
    expect(addBusinessDays(at("2026-12-05T10:00:00Z"), 1, "UTC").toISOString()).toBe(
      "2026-12-08T00:00:00.000Z",
    );
  });

  it("returns the same instant for 0 and goes backwards for negatives", () => {
    expect(addBusinessDays(at("2026-12-05T10:00:00Z"), 0, "UTC").toISOString()).toBe(
      "2026-12-05T10:00:00.000Z",
    );
    expect(addBusinessDays(at("2026-12-07T16:00:00Z"), -1, "UTC").toISOString()).toBe(
      "2026-12-04T16:00:00.000Z",
    );
  });

  it("is the inverse of businessDaysBetween, across DST", () => {
    const friday = at("2026-03-27T16:00:00Z");
    const monday = addBusinessDays(friday, 1, LONDON);
    expect(monday.toISOString()).toBe("2026-03-30T15:00:00.000Z");
    expect(businessDaysBetween(friday, monday, LONDON)).toBe(1);
  });
});
