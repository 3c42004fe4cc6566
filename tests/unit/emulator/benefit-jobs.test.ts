import { describe, expect, it } from "vitest";
import { benefitJobTimings, manualJobStatusAt } from "@/lib/emulator/benefit-jobs";
import type { BenefitJobRecord } from "@/lib/emulator/records";

const at = (iso: string) => Date.parse(iso);

describe("benefit write jobs on the emulator clock", () => {
  it("finishes automated writes within hours", () => {
    const t = at("2026-12-18T15:00:00Z");
    const { startedAt, completedAt } = benefitJobTimings({ authMethod: "oauth" }, t);
    expect(startedAt - t).toBe(5 * 60_000);
    expect(completedAt - t).toBe(4 * 3_600_000);
  });

  it("works assisted writes on US business days: Friday 10:00 ET → started Monday, done Tuesday 04:00 ET", () => {
    const t = at("2026-12-18T15:00:00Z");
    const { startedAt, completedAt } = benefitJobTimings({ authMethod: "assisted" }, t);
    expect(new Date(startedAt).toISOString()).toBe("2026-12-21T15:00:00.000Z");
    expect(new Date(completedAt).toISOString()).toBe("2026-12-22T09:00:00.000Z");
  });

  it("moves pending → in_progress → the completion on those instants", () => {
    const job = {
      startedAt: at("2026-12-21T15:00:00Z"),
      completedAt: at("2026-12-22T09:00:00Z"),
      completion: "error",
    } as BenefitJobRecord;
    expect(manualJobStatusAt(job, at("2026-12-21T14:59:59Z"))).toBe("pending");
    expect(manualJobStatusAt(job, at("2026-12-21T15:00:00Z"))).toBe("in_progress");
    expect(manualJobStatusAt(job, at("2026-12-22T09:00:00Z"))).toBe("error");
  });
});
