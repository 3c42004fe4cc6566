import { describe, expect, it } from "vitest";
import { deductionDeadline } from "@/lib/deductions/rules";
import { issueEmployerPath } from "@/lib/issues/kinds";
import { planIssueChanges, type IssueRecord } from "@/lib/issues/lifecycle";
import { writeBackConditions, type WriteBackChangeInput } from "@/lib/issues/write-back";

const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Asked for on Friday 4 Dec 2026 at 10:00 UTC.
const requestedAt = at("2026-12-04T10:00:00Z");

function change(overrides: Partial<WriteBackChangeInput> = {}): WriteBackChangeInput {
  return {
    status: "pending",
    summary: "Enroll 2 employees in “401(k)” at 5 % deduction",
    requestedAt,
    deadlineAt: deductionDeadline({ requestedAt, assisted: false, timeZone: "UTC" }),
    completedAt: null,
    error: null,
    ...overrides,
  };
}

const kinds = (changes: WriteBackChangeInput[], now: Date) =>
  writeBackConditions({ changes, now }).map((c) => c.kind);

describe("write-back issue conditions (failed or overdue deduction changes)", () => {
  it("raises write_back_overdue only once an open change is past Finch's deadline", () => {
    const open = change();
    // Automated: due Saturday 10:00, 24 hours later.
    expect(kinds([open], at("2026-12-05T09:59:00Z"))).toEqual([]);
    expect(kinds([open], at("2026-12-05T10:00:00Z"))).toEqual([]);
    expect(kinds([open], at("2026-12-05T10:01:00Z"))).toEqual(["write_back_overdue"]);
    expect(kinds([change({ status: "in_progress" })], at("2026-12-05T10:01:00Z"))).toEqual([
      "write_back_overdue",
    ]);
  });

  it("holds an assisted change to 2 business days (Friday 10:00 → Tuesday 10:00)", () => {
    const assisted = change({
      deadlineAt: deductionDeadline({ requestedAt, assisted: true, timeZone: "UTC" }),
    });
    expect(kinds([assisted], at("2026-12-07T10:01:00Z"))).toEqual([]);
    expect(kinds([assisted], at("2026-12-08T10:01:00Z"))).toEqual(["write_back_overdue"]);
  });

  it("clears when the late change completes, and resolves the open issue", () => {
    const now = at("2026-12-05T12:00:00Z");
    const done = change({ status: "complete", completedAt: now });
    expect(kinds([done], now)).toEqual([]);
    const open: IssueRecord = {
      kind: "write_back_overdue",
      state: "open",
      severity: "warning",
      episode: 1,
      snoozedUntil: null,
    };
    expect(
      planIssueChanges({
        conditions: writeBackConditions({ changes: [done], now }),
        issues: [open],
      }),
    ).toEqual([{ type: "resolve", kind: "write_back_overdue" }]);
  });

  it("raises write_back_failed for a failed change, before or after its deadline", () => {
    const failed = change({
      status: "failed",
      completedAt: at("2026-12-04T11:00:00Z"),
      error: "Finch's job ended in error: provider rejected the deduction.",
    });
    for (const now of ["2026-12-04T11:00:00Z", "2026-12-09T11:00:00Z"]) {
      const [condition] = writeBackConditions({ changes: [failed], now: at(now) });
      expect(condition).toMatchObject({
        kind: "write_back_failed",
        severity: "critical",
        title: "1 deduction change failed at Finch",
        since: at("2026-12-04T11:00:00Z"),
      });
      expect(condition.detail).toContain("provider rejected the deduction");
      expect(condition.detail).toContain("resend it");
    }
  });

  it("makes one issue per kind, counting every change and saying what to do next", () => {
    const now = at("2026-12-05T11:00:00Z");
    const conditions = writeBackConditions({
      now,
      changes: [
        change({ status: "failed", completedAt: at("2026-12-04T12:00:00Z") }),
        change({ status: "failed", completedAt: at("2026-12-04T13:00:00Z"), summary: "Stop" }),
        change(),
        change({ status: "in_progress", summary: "Rename" }),
        change({ deadlineAt: at("2026-12-06T10:00:00Z") }),
      ],
    });
    expect(conditions.map((c) => [c.kind, c.title])).toEqual([
      ["write_back_failed", "2 deduction changes failed at Finch"],
      ["write_back_overdue", "2 deduction changes overdue at Finch"],
    ]);
    expect(conditions[0].detail).toContain("latest: “Stop”");
    expect(conditions[1].detail).toContain("contact Finch support with the job id");
  });

  it("turns an overdue change critical once it is more than a day late", () => {
    const open = change();
    const severity = (now: Date) => writeBackConditions({ changes: [open], now })[0].severity;
    expect(severity(new Date(open.deadlineAt.getTime() + 24 * HOUR))).toBe("warning");
    expect(severity(new Date(open.deadlineAt.getTime() + 24 * HOUR + MINUTE))).toBe("critical");
  });

  it("links write-back issues to the employer's deduction changes", () => {
    expect(issueEmployerPath("emp-1", "write_back_failed")).toBe(
      "/employers/emp-1?tab=deductions#deduction-changes",
    );
    expect(issueEmployerPath("emp-1", "reauth_needed")).toBe("/employers/emp-1");
  });
});
