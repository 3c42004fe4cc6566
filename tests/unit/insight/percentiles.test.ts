import { describe, expect, it } from "vitest";
import { median, percentile, tally, total } from "@/lib/insight/percentiles";

describe("nearest-rank percentiles", () => {
  it("returns the smallest value with at least ⌈p·N⌉ observations at or below it", () => {
    const values = tally([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 91)).toBe(10);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile(values, 10)).toBe(1);
  });

  it("takes the lower middle value as the median of an even count, never interpolating", () => {
    expect(median(tally([3, 9]))).toBe(3);
    expect(median(tally([1, 2, 3]))).toBe(2);
    expect(median(tally([5, 1, 4, 2]))).toBe(2);
  });

  it("reads tallies as repeated observations, in any order", () => {
    const tallies = [
      { value: 14, count: 1 },
      { value: 3, count: 8 },
      { value: 10, count: 1 },
    ];
    expect(total(tallies)).toBe(10);
    expect(median(tallies)).toBe(3);
    expect(percentile(tallies, 90)).toBe(10);
    expect(percentile(tallies, 95)).toBe(14);
  });

  it("has no percentile without observations and refuses a p outside (0, 100]", () => {
    expect(median([])).toBeNull();
    expect(percentile([{ value: 4, count: 0 }], 90)).toBeNull();
    expect(() => percentile(tally([1]), 0)).toThrow(RangeError);
    expect(() => percentile(tally([1]), 101)).toThrow(RangeError);
  });
});
