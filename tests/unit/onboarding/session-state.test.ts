import { describe, expect, it } from "vitest";
import { ABANDONED_AFTER_MS, connectSessionState } from "@/lib/onboarding/session-state";

const started = new Date("2026-11-30T10:00:00Z");
const session = (status: string, lifetimeMs: number) => ({
  status,
  createdAt: started,
  expiresAt: new Date(started.getTime() + lifetimeMs),
});
const after = (ms: number) => new Date(started.getTime() + ms);
const HOUR = 3_600_000;

describe("Connect session states", () => {
  it("shows an open session as Opened only while it can still finish", () => {
    expect(connectSessionState(session("opened", 7 * 24 * HOUR), after(HOUR)).label).toBe("Opened");
    expect(connectSessionState(session("opened", HOUR), after(HOUR))).toEqual({
      label: "Expired",
      lapsed: true,
    });
    expect(
      connectSessionState(session("created", 30 * 24 * HOUR), after(ABANDONED_AFTER_MS)),
    ).toEqual({ label: "Abandoned", lapsed: true });
    expect(
      connectSessionState(session("opened", 30 * 24 * HOUR), after(ABANDONED_AFTER_MS - 1)).label,
    ).toBe("Opened");
  });

  it("keeps a finished session's outcome, whatever the clock says", () => {
    expect(connectSessionState(session("completed", HOUR), after(99 * HOUR)).label).toBe(
      "Completed",
    );
    expect(connectSessionState(session("closed", HOUR), after(99 * HOUR)).label).toBe(
      "Closed early",
    );
    expect(connectSessionState(session("failed", HOUR), after(0)).label).toBe("Failed");
  });
});
