import { describe, expect, it } from "vitest";
import { planIncidentChanges } from "@/lib/issues/incidents";
import { dueReminder, employerWait, parseReminderDays } from "@/lib/issues/reminders";

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

describe("provider incidents", () => {
  it("opens one incident when three connections of a provider fail within the window", () => {
    expect(
      planIncidentChanges([
        { providerId: "gusto", recentFailures: 2, openFailures: 2, openIncidentId: null },
        { providerId: "adp", recentFailures: 3, openFailures: 4, openIncidentId: null },
      ]),
    ).toEqual([{ type: "open", providerId: "adp", connections: 4 }]);
  });

  it("keeps an open incident up to date and resolves it when no failure is left", () => {
    expect(
      planIncidentChanges([
        { providerId: "adp", recentFailures: 0, openFailures: 1, openIncidentId: "i1" },
        { providerId: "gusto", recentFailures: 0, openFailures: 0, openIncidentId: "i2" },
      ]),
    ).toEqual([
      { type: "update", providerId: "adp", incidentId: "i1", connections: 1 },
      { type: "resolve", providerId: "gusto", incidentId: "i2" },
    ]);
  });
});

describe("employer reminders", () => {
  const since = at("2026-12-01T09:00:00Z");
  const after = (days: number) => new Date(since.getTime() + days * DAY);

  it("sends the first after 2 days, then after 5 and 9, at most three", () => {
    expect(dueReminder({ since, lastSent: null, now: after(1.99) })).toBeNull();
    expect(dueReminder({ since, lastSent: null, now: after(2) })).toBe(0);
    expect(dueReminder({ since, lastSent: 0, now: after(4) })).toBeNull();
    expect(dueReminder({ since, lastSent: 0, now: after(5) })).toBe(1);
    expect(dueReminder({ since, lastSent: 1, now: after(9) })).toBe(2);
    expect(dueReminder({ since, lastSent: 2, now: after(40) })).toBeNull();
  });

  it("sends only the latest due reminder after a long gap, never a burst", () => {
    expect(dueReminder({ since, lastSent: null, now: after(6) })).toBe(1);
    expect(dueReminder({ since, lastSent: 1, now: after(6) })).toBeNull();
  });

  it("waits on the employer only in the statuses where they must act, or an unused invite", () => {
    const base = { statusChangedAt: since, openInviteCreatedAt: null, contactEmail: "a@b.c" };
    expect(employerWait({ ...base, status: "error_no_account_setup" })).toEqual({
      reason: "no_account_setup",
      since,
    });
    expect(employerWait({ ...base, status: "reauth" })?.reason).toBe("reauth");
    expect(employerWait({ ...base, status: "processing" })).toBeNull();
    expect(
      employerWait({
        status: null,
        statusChangedAt: null,
        openInviteCreatedAt: since,
        contactEmail: null,
      }),
    ).toEqual({ reason: "invite_unused", since });
  });

  it("parses the schedule setting", () => {
    expect(parseReminderDays("2, 5, 9")).toEqual([2, 5, 9]);
    expect(parseReminderDays("5,2")).toBeNull();
    expect(parseReminderDays("0")).toBeNull();
    expect(parseReminderDays("")).toBeNull();
  });
});
