import { describe, expect, it } from "vitest";
import {
  deductionDeadline,
  displayState,
  isOverdue,
  jobCheckDue,
  nextStatus,
  statusFromJob,
} from "@/lib/deductions/rules";

const NEW_YORK = "America/New_York";
const TOKYO = "Asia/Tokyo";
const LONDON = "Europe/London";
const at = (iso: string) => new Date(iso);

describe("deductionDeadline: automated 24 hours, assisted 2 business days", () => {
  it("gives automated changes exactly 24 hours, weekend or not", () => {
    expect(
      deductionDeadline({
        requestedAt: at("2026-12-11T15:00:00Z"),
        assisted: false,
        timeZone: NEW_YORK,
      }).toISOString(),
    ).toBe("2026-12-12T15:00:00.000Z");
  });

  it("skips the weekend for assisted changes: Friday 10:00 → Tuesday 10:00", () => {
    // Friday 2026-12-11 10:00 in New York.
    expect(
      deductionDeadline({
        requestedAt: at("2026-12-11T15:00:00Z"),
        assisted: true,
        timeZone: NEW_YORK,
      }).toISOString(),
    ).toBe("2026-12-15T15:00:00.000Z");
  });

  it("counts Monday to Wednesday on weekdays: Monday 09:00 → Wednesday 09:00", () => {
    expect(
      deductionDeadline({
        requestedAt: at("2026-12-14T14:00:00Z"),
        assisted: true,
        timeZone: NEW_YORK,
      }).toISOString(),
    ).toBe("2026-12-16T14:00:00.000Z");
  });

  it("starts a change asked for on Saturday from Monday 00:00: due Wednesday 00:00", () => {
    expect(
      deductionDeadline({
        requestedAt: at("2026-12-12T18:00:00Z"),
        assisted: true,
        timeZone: NEW_YORK,
      }).toISOString(),
    ).toBe("2026-12-16T05:00:00.000Z");
  });

  it("reads the weekday in Perch's time zone, not UTC's", () => {
    // 2026-12-11T23:30Z is Friday evening in New York but already Saturday in Tokyo.
    const requestedAt = at("2026-12-11T23:30:00Z");
    expect(
      deductionDeadline({ requestedAt, assisted: true, timeZone: NEW_YORK }).toISOString(),
    ).toBe("2026-12-15T23:30:00.000Z");
    // Tokyo: Saturday → counts from Monday 00:00 JST; due Wednesday 00:00 JST = Tuesday 15:00Z.
    expect(deductionDeadline({ requestedAt, assisted: true, timeZone: TOKYO }).toISOString()).toBe(
      "2026-12-15T15:00:00.000Z",
    );
  });

  it("keeps the wall-clock time across a DST change", () => {
    // Friday 2026-03-27 10:00 London (GMT) → Tuesday 2026-03-31 10:00 BST.
    expect(
      deductionDeadline({
        requestedAt: at("2026-03-27T10:00:00Z"),
        assisted: true,
        timeZone: LONDON,
      }).toISOString(),
    ).toBe("2026-03-31T09:00:00.000Z");
  });
});

describe("overdue and display state", () => {
  const deadlineAt = at("2026-12-15T15:00:00Z");
  it("is overdue only when open and strictly past the deadline", () => {
    expect(isOverdue({ status: "pending", deadlineAt }, at("2026-12-15T15:00:00Z"))).toBe(false);
    expect(isOverdue({ status: "pending", deadlineAt }, at("2026-12-15T15:00:01Z"))).toBe(true);
    expect(isOverdue({ status: "in_progress", deadlineAt }, at("2026-12-16T00:00:00Z"))).toBe(true);
    expect(isOverdue({ status: "complete", deadlineAt }, at("2026-12-20T00:00:00Z"))).toBe(false);
    expect(isOverdue({ status: "failed", deadlineAt }, at("2026-12-20T00:00:00Z"))).toBe(false);
  });

  it("shows overdue in place of the open status", () => {
    expect(displayState({ status: "pending", deadlineAt }, at("2026-12-16T00:00:00Z"))).toBe(
      "overdue",
    );
    expect(displayState({ status: "pending", deadlineAt }, at("2026-12-14T00:00:00Z"))).toBe(
      "pending",
    );
  });
});

describe("status from Finch's job", () => {
  it("maps the documented statuses and ignores unknown ones", () => {
    expect(statusFromJob("pending", "pending")).toBe("pending");
    expect(statusFromJob("in_progress", "pending")).toBe("in_progress");
    expect(statusFromJob("complete", "in_progress")).toBe("complete");
    expect(statusFromJob("error", "pending")).toBe("failed");
    expect(statusFromJob("mystery", "in_progress")).toBe("in_progress");
    // A job seen pending again after in_progress does not move back.
    expect(statusFromJob("pending", "in_progress")).toBe("in_progress");
  });

  it("never reopens an ended change", () => {
    expect(nextStatus("complete", "pending")).toBe("complete");
    expect(nextStatus("failed", "complete")).toBe("failed");
    expect(nextStatus("pending", "complete")).toBe("complete");
  });
});

describe("jobCheckDue", () => {
  const base = {
    status: "pending" as const,
    assisted: false,
    deadlineAt: at("2026-12-15T15:00:00Z"),
  };
  it("asks at once when never asked, then every 15 minutes (automated) or hour (assisted)", () => {
    const now = at("2026-12-14T12:00:00Z");
    expect(jobCheckDue({ ...base, lastCheckedAt: null }, now)).toBe(true);
    expect(jobCheckDue({ ...base, lastCheckedAt: at("2026-12-14T11:50:00Z") }, now)).toBe(false);
    expect(jobCheckDue({ ...base, lastCheckedAt: at("2026-12-14T11:45:00Z") }, now)).toBe(true);
    expect(
      jobCheckDue({ ...base, assisted: true, lastCheckedAt: at("2026-12-14T11:30:00Z") }, now),
    ).toBe(false);
    expect(
      jobCheckDue({ ...base, assisted: true, lastCheckedAt: at("2026-12-14T11:00:00Z") }, now),
    ).toBe(true);
  });

  it("asks once more as soon as the deadline passes, and never for ended changes", () => {
    expect(
      jobCheckDue(
        { ...base, assisted: true, lastCheckedAt: at("2026-12-15T14:59:00Z") },
        at("2026-12-15T15:01:00Z"),
      ),
    ).toBe(true);
    expect(
      jobCheckDue({ ...base, status: "complete", lastCheckedAt: null }, at("2026-12-15T12:00:00Z")),
    ).toBe(false);
  });
});
