import { describe, expect, it } from "vitest";
import {
  defaultSweepConfig,
  parseSweepConfig,
  SWEEP_ENV_NAMES,
  SWEEP_QUERY_NAMES,
  workerShare,
} from "@/lib/monitoring/sweep-config";

describe("parseSweepConfig", () => {
  it("uses the defaults when nothing is set, and treats empty values as unset", () => {
    expect(parseSweepConfig({}, SWEEP_ENV_NAMES)).toEqual({
      ok: true,
      config: defaultSweepConfig(),
    });
    expect(parseSweepConfig({ PERCH_SWEEP_CONCURRENCY: " " }, SWEEP_ENV_NAMES)).toEqual({
      ok: true,
      config: defaultSweepConfig(),
    });
  });

  it("reads every setting from the environment's names", () => {
    const result = parseSweepConfig(
      {
        PERCH_SWEEP_CONCURRENCY: "32",
        PERCH_SWEEP_BATCH_SIZE: "5000",
        PERCH_SWEEP_BUDGET_SECONDS: "240",
        PERCH_SWEEP_WORKERS: "8",
      },
      SWEEP_ENV_NAMES,
    );
    expect(result).toEqual({
      ok: true,
      config: { concurrency: 32, batchSize: 5000, budgetSeconds: 240, workers: 8 },
    });
  });

  it("lets the cron route's query override some settings and keep the rest", () => {
    const defaults = { concurrency: 8, batchSize: 100, budgetSeconds: 20, workers: 2 };
    const query = Object.fromEntries(new URLSearchParams("concurrency=40&batch=900"));
    expect(parseSweepConfig(query, SWEEP_QUERY_NAMES, defaults)).toEqual({
      ok: true,
      config: { concurrency: 40, batchSize: 900, budgetSeconds: 20, workers: 2 },
    });
  });

  it("refuses out-of-range, fractional and non-numeric values, naming each one as given", () => {
    const result = parseSweepConfig(
      { concurrency: "0", batch: "20001", budget: "1.5", workers: "four" },
      SWEEP_QUERY_NAMES,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      "concurrency: expected a whole number from 1 to 64",
      "batch: expected a whole number from 1 to 20000",
      "budget: expected a whole number from 1 to 900",
      "workers: expected a whole number from 1 to 16",
    ]);
    const env = parseSweepConfig({ PERCH_SWEEP_CONCURRENCY: "65" }, SWEEP_ENV_NAMES);
    expect(env).toEqual({
      ok: false,
      problems: ["PERCH_SWEEP_CONCURRENCY: expected a whole number from 1 to 64"],
    });
  });
});

describe("workerShare", () => {
  it("shares the batch between the workers, rounding up, and keeps the budget", () => {
    const share = workerShare({ concurrency: 16, batchSize: 1001, budgetSeconds: 45, workers: 4 });
    expect(share).toEqual({ concurrency: 16, batchSize: 251, budgetSeconds: 45, workers: 1 });
  });
});
