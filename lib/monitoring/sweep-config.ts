import { z } from "zod";

/**
 * How hard one sweep works: the same limits whether they come from the environment
 * (PERCH_SWEEP_*) or from the cron route's query string, so an operator can raise throughput
 * without a deploy and a typo is refused with a message rather than run with a surprise.
 */
export const SWEEP_LIMITS = {
  concurrency: { min: 1, max: 64, default: 16 },
  batchSize: { min: 1, max: 20_000, default: 2_000 },
  budgetSeconds: { min: 1, max: 900, default: 45 },
  workers: { min: 1, max: 16, default: 1 },
} as const;

export type SweepSetting = keyof typeof SWEEP_LIMITS;

export interface SweepConfig {
  /** Connections checked at the same time by one run. */
  concurrency: number;
  /** Most connections one run leases in all. */
  batchSize: number;
  /** Wall-clock seconds after which a run starts no new check and gives back its leases. */
  budgetSeconds: number;
  /** Parallel worker invocations a cron fan-out starts (each one a run of its own). */
  workers: number;
}

function setting(name: SweepSetting) {
  const { min, max } = SWEEP_LIMITS[name];
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { message: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `expected a whole number from ${min} to ${max}` })
        .max(max, { message: `expected a whole number from ${min} to ${max}` }),
    )
    .optional();
}

/** Environment variable that sets each default. */
export const SWEEP_ENV_NAMES: Record<SweepSetting, string> = {
  concurrency: "PERCH_SWEEP_CONCURRENCY",
  batchSize: "PERCH_SWEEP_BATCH_SIZE",
  budgetSeconds: "PERCH_SWEEP_BUDGET_SECONDS",
  workers: "PERCH_SWEEP_WORKERS",
};

/** Query parameter of the cron routes that overrides each default for one run. */
export const SWEEP_QUERY_NAMES: Record<SweepSetting, string> = {
  concurrency: "concurrency",
  batchSize: "batch",
  budgetSeconds: "budget",
  workers: "workers",
};

const SETTINGS = Object.keys(SWEEP_LIMITS) as SweepSetting[];

const settingsSchema = z.object(
  Object.fromEntries(SETTINGS.map((name) => [name, setting(name)])) as Record<
    SweepSetting,
    ReturnType<typeof setting>
  >,
);

export type SweepConfigResult =
  { ok: true; config: SweepConfig } | { ok: false; problems: string[] };

/**
 * Reads the settings from `source` under the given names, falling back to `defaults`; empty
 * values count as unset. Problems name the variable or parameter as the caller spelt it.
 */
export function parseSweepConfig(
  source: Record<string, string | undefined | null>,
  names: Record<SweepSetting, string>,
  defaults: SweepConfig = defaultSweepConfig(),
): SweepConfigResult {
  const raw: Record<string, string | undefined> = {};
  for (const name of SETTINGS) {
    const value = source[names[name]];
    raw[name] = value === null || value === undefined || value.trim() === "" ? undefined : value;
  }
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${names[issue.path[0] as SweepSetting]}: ${issue.message}`,
      ),
    };
  }
  const config = { ...defaults };
  for (const name of SETTINGS) {
    const value = parsed.data[name];
    if (value !== undefined) config[name] = value;
  }
  return { ok: true, config };
}

export function defaultSweepConfig(): SweepConfig {
  return {
    concurrency: SWEEP_LIMITS.concurrency.default,
    batchSize: SWEEP_LIMITS.batchSize.default,
    budgetSeconds: SWEEP_LIMITS.budgetSeconds.default,
    workers: SWEEP_LIMITS.workers.default,
  };
}

/**
 * Each worker of a fan-out leases from the same queue, so the run's batch is shared out and
 * every worker keeps the whole time budget.
 */
export function workerShare(config: SweepConfig): SweepConfig {
  return {
    ...config,
    batchSize: Math.max(1, Math.ceil(config.batchSize / config.workers)),
    workers: 1,
  };
}
