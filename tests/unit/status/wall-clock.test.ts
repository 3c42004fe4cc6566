import { describe, expect, it } from "vitest";
import { offsetMsAt, wallClockAt } from "@/lib/status/wall-clock";
import { formatDateTime } from "@/lib/status/relative-time";

/** What Intl itself says, with no memoizing: the reference the fast path must always match. */
const referenceFormatters = new Map<string, Intl.DateTimeFormat>();

function intlWallClock(at: Date, timeZone: string) {
  const parts: Record<string, string> = {};
  let formatter = referenceFormatters.get(timeZone);
  formatter ??= new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  });
  referenceFormatters.set(timeZone, formatter);
  for (const part of formatter.formatToParts(at)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((at.getTime() % 1000) + 1000) % 1000,
  };
}

// DST both ways, half-hour DST (Lord Howe), odd offsets (Kathmandu +5:45, St John's −3:30,
// Chatham +12:45/+13:45), southern-hemisphere summers, and zones with no DST.
const ZONES = [
  "UTC",
  "Europe/London",
  "America/New_York",
  "America/St_Johns",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "America/Santiago",
  "Asia/Tokyo",
];

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe("wallClockAt", () => {
  it("matches Intl every 53 minutes through 2026 in zones with every kind of transition", () => {
    const start = Date.UTC(2026, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    for (const zone of ZONES) {
      // Odd steps (53 minutes, a second and some ms) fall all over each transition's day.
      for (let ms = start; ms < end; ms += 53 * MINUTE + 1_234) {
        const at = new Date(ms);
        const fast = wallClockAt(at, zone);
        const reference = intlWallClock(at, zone);
        if (JSON.stringify(fast) !== JSON.stringify(reference)) {
          expect({ zone, at: at.toISOString(), fast }).toEqual({
            zone,
            at: at.toISOString(),
            fast: reference,
          });
        }
      }
    }
  });

  it("is exact on either side of a transition inside a memoized day", () => {
    // New York springs forward at 07:00 UTC on 8 March 2026 and falls back at 06:00 UTC on 1 Nov.
    const zone = "America/New_York";
    for (const iso of [
      "2026-03-08T06:59:59.999Z",
      "2026-03-08T07:00:00.000Z",
      "2026-11-01T05:59:59.999Z",
      "2026-11-01T06:00:00.000Z",
    ]) {
      // The day's bounds are memoized first, so the transition day must still ask Intl.
      offsetMsAt(Date.parse(iso) - 12 * HOUR, zone);
      expect(wallClockAt(new Date(iso), zone)).toEqual(intlWallClock(new Date(iso), zone));
    }
    expect(offsetMsAt(Date.parse("2026-03-08T06:59:59Z"), zone)).toBe(-5 * HOUR);
    expect(offsetMsAt(Date.parse("2026-03-08T07:00:00Z"), zone)).toBe(-4 * HOUR);
  });

  it("does the calendar arithmetic of Date itself, in UTC, from year −1000 to 3000", () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const from = Date.UTC(-1000, 0, 1);
    const to = Date.UTC(3000, 0, 1);
    for (let i = 0; i < 20_000; i += 1) {
      const at = new Date(Math.floor(from + random() * (to - from)));
      expect(wallClockAt(at, "UTC")).toEqual({
        year: at.getUTCFullYear(),
        month: at.getUTCMonth() + 1,
        day: at.getUTCDate(),
        hour: at.getUTCHours(),
        minute: at.getUTCMinutes(),
        second: at.getUTCSeconds(),
        millisecond: at.getUTCMilliseconds(),
      });
    }
  });

  it("keeps dates before 1970 and far ahead right", () => {
    for (const iso of ["1969-07-20T20:17:40.500Z", "2099-12-31T23:59:59.999Z"]) {
      for (const zone of ["Europe/London", "Asia/Kathmandu"]) {
        expect(wallClockAt(new Date(iso), zone)).toEqual(intlWallClock(new Date(iso), zone));
      }
    }
  });
});

describe("formatDateTime's zone names", () => {
  it("follow the offset at the instant, not the first one asked", () => {
    const zone = "Europe/London";
    expect(formatDateTime(new Date("2026-01-10T12:00:00Z"), zone)).toBe("10 Jan 2026, 12:00 GMT");
    expect(formatDateTime(new Date("2026-07-10T12:00:00Z"), zone)).toBe("10 Jul 2026, 13:00 BST");
    expect(formatDateTime(new Date("2026-07-10T12:00:00Z"), "America/New_York")).toBe(
      "10 Jul 2026, 08:00 EDT",
    );
    expect(formatDateTime(new Date("2026-01-10T12:00:00Z"), "America/New_York")).toBe(
      "10 Jan 2026, 07:00 EST",
    );
  });
});
