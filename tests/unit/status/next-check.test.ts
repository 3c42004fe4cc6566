import { describe, expect, it } from "vitest";
import { webhooksFlowing, nextCheckAt } from "@/lib/status/next-check";

const now = new Date("2026-12-01T12:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function delay(status: string, assisted = true, failures?: number): number {
  return nextCheckAt({ status, assisted, now, failures }).getTime() - now.getTime();
}

describe("nextCheckAt — by status", () => {
  it("checks unsettled and error statuses hourly", () => {
    for (const status of [
      "pending",
      "processing",
      "error_no_account_setup",
      "error_permissions",
      "error_no_acount_setup",
      "something_new",
    ]) {
      expect(delay(status)).toBe(HOUR);
    }
  });

  it("checks reauth every 6 hours, whatever the spelling", () => {
    expect(delay("reauth")).toBe(6 * HOUR);
    expect(delay("error_reauth", false)).toBe(6 * HOUR);
  });

  it("checks connected daily when assisted and every 12 hours when automated", () => {
    expect(delay("connected", true)).toBe(24 * HOUR);
    expect(delay("connected", false)).toBe(12 * HOUR);
  });

  it("checks disconnected weekly", () => {
    expect(nextCheckAt({ status: "disconnected", assisted: false, now }).toISOString()).toBe(
      "2026-12-08T12:00:00.000Z",
    );
  });
});

describe("nextCheckAt — after failures", () => {
  it("backs off exponentially from 5 minutes", () => {
    expect(delay("connected", true, 1)).toBe(5 * MINUTE);
    expect(delay("connected", true, 2)).toBe(10 * MINUTE);
    expect(delay("connected", true, 3)).toBe(20 * MINUTE);
    expect(delay("pending", true, 5)).toBe(80 * MINUTE);
  });

  it("caps the backoff at 6 hours", () => {
    expect(delay("pending", true, 7)).toBe(5 * HOUR + 20 * MINUTE);
    expect(delay("pending", true, 8)).toBe(6 * HOUR);
    expect(delay("disconnected", true, 1000)).toBe(6 * HOUR);
  });

  it("ignores zero, negative or fractional failure counts", () => {
    expect(delay("pending", true, 0)).toBe(HOUR);
    expect(delay("pending", true, -3)).toBe(HOUR);
    expect(delay("pending", true, 1.9)).toBe(5 * MINUTE);
  });
});

describe("nextCheckAt — while webhooks flow", () => {
  const since = (ms: number) => new Date(now.getTime() - ms);
  const stretched = (status: string, assisted: boolean, lastWebhookAt: Date | null, failures = 0) =>
    nextCheckAt({ status, assisted, now, failures, lastWebhookAt }).getTime() - now.getTime();

  it("stretches a settled connection's cadence 4x when a webhook came within 2 days", () => {
    expect(stretched("connected", false, since(HOUR))).toBe(48 * HOUR);
    expect(stretched("connected", true, since(47 * HOUR))).toBe(96 * HOUR);
    expect(stretched("reauth", true, since(2 * 24 * HOUR))).toBe(24 * HOUR);
  });

  it("keeps the hourly look at unsettled statuses and the week at disconnected", () => {
    expect(stretched("pending", true, since(HOUR))).toBe(HOUR);
    expect(stretched("error_permissions", true, since(HOUR))).toBe(HOUR);
    expect(stretched("disconnected", true, since(HOUR))).toBe(7 * 24 * HOUR);
  });

  it("does not stretch when webhooks stopped, never came, or come from the future", () => {
    expect(stretched("connected", false, since(49 * HOUR))).toBe(12 * HOUR);
    expect(stretched("connected", false, null)).toBe(12 * HOUR);
    expect(stretched("connected", false, new Date(now.getTime() + HOUR))).toBe(12 * HOUR);
    expect(webhooksFlowing(since(48 * HOUR), now)).toBe(true);
    expect(webhooksFlowing(since(48 * HOUR + 1), now)).toBe(false);
  });

  it("backs off after failures as usual, webhooks or not", () => {
    expect(stretched("connected", false, since(HOUR), 1)).toBe(5 * MINUTE);
  });
});
