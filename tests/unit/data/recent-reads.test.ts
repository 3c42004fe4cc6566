import { describe, expect, it } from "vitest";
import { RECENT_MS, RecentReads, type ReadOutcome } from "@/lib/data-proxy/recent-reads";

const at = (ms: number) => new Date(Date.UTC(2026, 10, 30, 12) + ms);
const read: ReadOutcome = {
  connectionId: "c-1",
  product: "directory",
  entityId: null,
  httpStatus: 200,
  dataRetrievedAt: at(-3_600_000),
  lastAttemptedAt: null,
  lastAttemptResult: null,
};

describe("RecentReads", () => {
  it("records a first answer, skips the same answer moments later, records it again after a while", () => {
    const recent = new RecentReads();
    expect(recent.needsRecording(read, at(0))).toBe(true);
    recent.noteRecorded(read, at(0));
    expect(recent.needsRecording(read, at(1_000))).toBe(false);
    expect(recent.needsRecording(read, at(RECENT_MS - 1))).toBe(false);
    expect(recent.needsRecording(read, at(RECENT_MS))).toBe(true);
  });

  it("always records an answer that differs in anything the records hold", () => {
    const recent = new RecentReads();
    recent.noteRecorded(read, at(0));
    for (const changed of [
      { httpStatus: 202 },
      { dataRetrievedAt: at(0) },
      { dataRetrievedAt: null },
      { lastAttemptedAt: at(0) },
      { lastAttemptResult: "error" },
    ]) {
      expect(
        recent.needsRecording({ ...read, ...changed }, at(1_000)),
        JSON.stringify(changed),
      ).toBe(true);
    }
    // Another product, entity or connection is another record.
    expect(recent.needsRecording({ ...read, product: "company" }, at(1_000))).toBe(true);
    expect(recent.needsRecording({ ...read, entityId: "e-2" }, at(1_000))).toBe(true);
    expect(recent.needsRecording({ ...read, connectionId: "c-2" }, at(1_000))).toBe(true);
  });

  it("records again once forgotten, and when the clock went backwards", () => {
    const recent = new RecentReads();
    recent.noteRecorded(read, at(0));
    recent.forget(read);
    expect(recent.needsRecording(read, at(1_000))).toBe(true);
    recent.noteRecorded(read, at(10_000));
    expect(recent.needsRecording(read, at(0))).toBe(true);
  });
});
