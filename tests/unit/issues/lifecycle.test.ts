import { describe, expect, it } from "vitest";
import { conditionsFromAlerts, type Condition } from "@/lib/issues/kinds";
import {
  noticeFor,
  planIssueChanges,
  queueState,
  validateSnooze,
  type IssueRecord,
} from "@/lib/issues/lifecycle";
import { slaAlerts, type SlaInput } from "@/lib/status/sla";

const at = (iso: string) => new Date(iso);
const friday4pm = at("2026-12-04T16:00:00Z");

function conditionsAt(now: string, overrides: Partial<SlaInput> = {}): Condition[] {
  return conditionsFromAlerts(
    slaAlerts({
      status: "pending",
      statusChangedAt: friday4pm,
      assisted: true,
      products: ["company"],
      verifiedAt: null,
      readyAtByGroup: {},
      freshnessByProduct: {},
      now: at(now),
      timeZone: "UTC",
      ...overrides,
    }),
  );
}

/** Applies the plan the way the database does, so a test can walk a connection through time. */
function apply(issues: IssueRecord[], conditions: Condition[]) {
  const changes = planIssueChanges({ conditions, issues });
  const next = issues.map((i) => ({ ...i }));
  for (const change of changes) {
    const issue = next.find((i) => i.kind === change.kind);
    if (change.type === "open") {
      next.push({
        kind: change.kind,
        state: "open",
        severity: change.condition.severity,
        episode: 1,
        snoozedUntil: null,
      });
    } else if (change.type === "reopen") {
      Object.assign(issue!, {
        state: "open",
        episode: change.episode,
        severity: change.condition.severity,
      });
    } else if (change.type === "update") {
      issue!.severity = change.condition.severity;
    } else {
      issue!.state = "resolved";
    }
  }
  return { changes, issues: next };
}

describe("issue lifecycle against the clock", () => {
  it("opens a pending issue only after one business day, escalates, resolves and reopens", () => {
    let issues: IssueRecord[] = [];
    // Monday 15:00 is within one business day of Friday 16:00: nothing yet.
    let step = apply(issues, conditionsAt("2026-12-07T15:00:00Z"));
    expect(step.changes).toEqual([]);

    // A minute past one business day: the issue opens, as a warning.
    step = apply(step.issues, conditionsAt("2026-12-07T16:01:00Z"));
    expect(step.changes).toMatchObject([{ type: "open", kind: "pending_too_long" }]);
    expect(step.issues[0]).toMatchObject({ severity: "warning", episode: 1 });
    expect(noticeFor(step.changes[0])).toBe("opened");

    // Still pending an hour later: updated, not reopened, and no new notice.
    step = apply(step.issues, conditionsAt("2026-12-07T17:01:00Z"));
    expect(step.changes).toMatchObject([{ type: "update", escalated: false }]);
    expect(noticeFor(step.changes[0])).toBeNull();

    // Past three business days the SLA rule says critical: one escalation notice.
    step = apply(step.issues, conditionsAt("2026-12-09T16:01:00Z"));
    expect(step.changes).toMatchObject([{ type: "update", escalated: true }]);
    expect(noticeFor(step.changes[0])).toBe("escalated");

    // Finch verifies the permissions: the condition clears and the issue resolves.
    step = apply(
      step.issues,
      conditionsAt("2026-12-09T17:00:00Z", {
        status: "processing",
        statusChangedAt: at("2026-12-09T16:30:00Z"),
      }),
    );
    expect(step.changes).toEqual([{ type: "resolve", kind: "pending_too_long" }]);
    expect(noticeFor(step.changes[0])).toBe("resolved");
    issues = step.issues;

    // The condition returns later: the same record reopens as episode 2.
    step = apply(
      issues,
      conditionsAt("2026-12-14T17:00:00Z", { statusChangedAt: at("2026-12-10T09:00:00Z") }),
    );
    expect(step.changes).toMatchObject([{ type: "reopen", episode: 2 }]);
    expect(step.issues).toHaveLength(1);
  });

  it("makes one issue per kind, however many products are stale", () => {
    const retrievedAt = at("2026-11-01T00:00:00Z");
    const record = { retrievedAt, lastAttemptAt: retrievedAt, lastAttemptResult: "success" };
    const conditions = conditionsAt("2026-12-09T12:00:00Z", {
      status: "connected",
      assisted: false,
      products: ["company", "directory"],
      freshnessByProduct: { company: record, directory: record },
    });
    expect(conditions.map((c) => c.kind)).toEqual(["stale_data"]);
    expect(conditions[0].since).toEqual(retrievedAt);
    expect(conditions[0].severity).toBe("critical");
  });

  it("resolves everything when the connection is disconnected", () => {
    const issues: IssueRecord[] = [
      {
        kind: "reauth_needed",
        state: "open",
        severity: "critical",
        episode: 1,
        snoozedUntil: null,
      },
    ];
    const plan = planIssueChanges({
      conditions: conditionsAt("2026-12-09T12:00:00Z", { status: "disconnected" }),
      issues,
    });
    expect(plan).toEqual([{ type: "resolve", kind: "reauth_needed" }]);
  });
});

describe("queue state and snoozing", () => {
  const now = at("2026-12-09T12:00:00Z");
  it("shows snoozed until the date passes, then acknowledged or open again", () => {
    const issue = {
      state: "open" as const,
      acknowledgedAt: null,
      snoozedUntil: at("2026-12-10T00:00:00Z"),
    };
    expect(queueState(issue, now)).toBe("snoozed");
    expect(queueState(issue, at("2026-12-10T00:00:00Z"))).toBe("open");
    expect(queueState({ ...issue, acknowledgedAt: now }, at("2026-12-11T00:00:00Z"))).toBe(
      "acknowledged",
    );
    expect(queueState({ ...issue, state: "resolved" }, now)).toBe("resolved");
  });

  it("accepts a snooze only into the future, within 90 days, with a reason", () => {
    expect(validateSnooze({ until: at("2026-12-10T00:00:00Z"), reason: "holiday", now })).toBe(
      null,
    );
    expect(validateSnooze({ until: now, reason: "x", now })).toMatch(/future/);
    expect(validateSnooze({ until: at("2027-04-01T00:00:00Z"), reason: "x", now })).toMatch(
      /90 days/,
    );
    expect(validateSnooze({ until: at("2026-12-10T00:00:00Z"), reason: "  ", now })).toMatch(/why/);
    expect(validateSnooze({ until: new Date("nope"), reason: "x", now })).toMatch(/date/);
  });
});
