import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  parseSweepConfig,
  SWEEP_ENV_NAMES,
  SWEEP_LIMITS,
  type SweepConfig,
} from "@/lib/monitoring/sweep-config";

/**
 * The one place that reads `process.env` (config files aside). Every variable is validated
 * once; a bad value stops the process with a message naming the variable.
 */

export type PerchMode = "demo" | "sandbox" | "production";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const encryptionKeys = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const keys = value.split(",").map((entry) => {
      const [id, secret] = entry.trim().split(":");
      const key = Buffer.from(secret ?? "", "base64");
      if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32) {
        ctx.addIssue({
          code: "custom",
          message: 'expected "<key id>:<base64 of 32 random bytes>", comma-separated, newest first',
        });
      }
      return { id: id ?? "", key };
    });
    return keys;
  });

const webhookSecret = z
  .string()
  .trim()
  .refine((v) => v !== "" && Buffer.from(v, "base64").toString("base64") === v, {
    message: "expected the base64 secret shown by Finch when the webhook was created",
  });

const smtpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "expected smtp://[user:password@]host[:port] or smtps://[user:password@]host[:port]");

const perchWebhookSecret = z
  .string()
  .trim()
  .refine((v) => {
    const body = v.startsWith("whsec_") ? v.slice("whsec_".length) : "";
    const bytes = Buffer.from(body, "base64");
    return bytes.length >= 24 && bytes.length <= 64 && bytes.toString("base64") === body;
  }, 'expected "whsec_" followed by base64 of 24-64 random bytes (echo "whsec_$(openssl rand -base64 32)")');

const httpUrl = (example: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return ["http:", "https:"].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `expected an http(s) URL such as ${example}`);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PERCH_URL: z
    .url({ message: "expected the public URL of Perch, e.g. https://perch.example.com" })
    .optional(),
  PERCH_DATA_DIR: z.string().default(".data"),
  PERCH_TIME_ZONE: z
    .string()
    .default("UTC")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-GB", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "expected an IANA time zone such as Europe/London"),
  PERCH_SCHEDULER: z.enum(["on", "off"]).optional(),
  PERCH_DEMO_PORTFOLIO: z
    .enum(["seed", "empty", ""], { message: 'expected "seed" (the default) or "empty"' })
    .optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.url({ message: "expected postgres://user:password@host:5432/database" }).optional())
    .optional(),
  AUTH_SECRET: optionalString,
  AUTH_TRUST_HOST: booleanFlag,
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_ID: optionalString,
  AUTH_OIDC_SECRET: optionalString,
  AUTH_OIDC_NAME: z.string().default("Single sign-on"),
  TOKEN_ENCRYPTION_KEYS: encryptionKeys.optional(),
  CRON_SECRET: optionalString,
  FINCH_CLIENT_ID: optionalString,
  FINCH_CLIENT_SECRET: optionalString,
  FINCH_WEBHOOK_SECRET: webhookSecret.optional(),
  FINCH_SANDBOX: z.enum(["finch", "provider"]).optional(),
  FINCH_BASE_URL: z.url().optional(),
  FINCH_CONNECT_URL: z.url().optional(),
  FINCH_EMULATOR_RATE_LIMITS: z
    .enum(["documented", "relaxed", "off"], { message: "expected documented, relaxed or off" })
    .optional(),
  PERCH_FINCH_IP_BUDGET: z
    .string()
    .trim()
    .regex(/^(off|\d+)$/, { message: "expected a whole number from 1 to 100000, or off" })
    .refine((v) => v === "off" || (Number(v) >= 1 && Number(v) <= 100_000), {
      message: "expected a whole number from 1 to 100000, or off",
    })
    .optional(),
  VERCEL: optionalString,
  PERCH_TRUSTED_PROXIES: z.coerce
    .number({ message: "expected the number of reverse proxies in front of Perch, e.g. 1" })
    .int()
    .min(0)
    .max(10)
    .default(0),
  PERCH_SWEEP_CONCURRENCY: optionalString,
  PERCH_SWEEP_BATCH_SIZE: optionalString,
  PERCH_SWEEP_BUDGET_SECONDS: optionalString,
  PERCH_SWEEP_WORKERS: optionalString,
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .refine(
      (v) => /^[^<>@\s]+@[^<>@\s]+$/.test(v) || /^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/.test(v),
      'expected an address such as perch@example.com or "Perch <perch@example.com>"',
    )
    .optional(),
  SLACK_WEBHOOK_URL: httpUrl("https://hooks.slack.com/services/T000/B000/XXXX").optional(),
  PERCH_WEBHOOK_URL: httpUrl("https://example.com/hooks/perch").optional(),
  PERCH_WEBHOOK_SECRET: perchWebhookSecret.optional(),
});

type RawEnv = z.infer<typeof schema>;

export interface DemoSecrets {
  authSecret: string;
  encryptionKey: string;
  webhookSecret: string;
  cronSecret: string;
  emulatorClientId: string;
  emulatorClientSecret: string;
  adminEmail: string;
  adminPassword: string;
}

export interface Env {
  mode: PerchMode;
  nodeEnv: RawEnv["NODE_ENV"];
  port: number;
  publicUrl: string;
  dataDir: string;
  timeZone: string;
  schedulerEnabled: boolean;
  onVercel: boolean;
  /** Reverse proxies in front of Perch whose X-Forwarded-For entries are believed (0: none). */
  trustedProxies: number;
  databaseUrl: string | undefined;
  authSecret: string;
  trustHost: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  encryptionKeys: { id: string; key: Buffer }[];
  cronSecret: string | undefined;
  /** Defaults for every status sweep (PERCH_SWEEP_*); the cron route may override per run. */
  sweep: SweepConfig;
  finch: {
    clientId: string;
    clientSecret: string;
    webhookSecret: string | undefined;
    sandbox: "finch" | "provider" | undefined;
    /** Undefined means the SDK default (api.tryfinch.com), or the in-process emulator in demo mode. */
    baseUrl: string | undefined;
    connectUrl: string;
    /** The demo emulator's rate limits (FINCH_EMULATOR_RATE_LIMITS). */
    emulatorRateLimits: "documented" | "relaxed" | "off";
    /**
     * Finch requests the status sweep may send per 5 minutes (PERCH_FINCH_IP_BUDGET), below
     * Finch's per-IP limit of 1000 so people's requests keep room; null: unpaced.
     */
    ipBudget: number | null;
  };
  /** Notification channels preset from the environment; unset channels are Outbox-only. */
  notifications: {
    smtpUrl: string | undefined;
    mailFrom: string;
    slackWebhookUrl: string | undefined;
    webhookUrl: string | undefined;
    /** The whsec_-prefixed Standard Webhooks secret outbound webhooks are signed with. */
    webhookSecret: string | undefined;
  };
  /** Present in demo mode only. */
  demo: DemoSecrets | null;
  /** Demo mode's first start: build the living demo portfolio, or start with no employers. */
  demoPortfolio: "seed" | "empty";
}

export class EnvError extends Error {
  constructor(problems: string[]) {
    super(`Perch cannot start; fix these environment variables:\n  - ${problems.join("\n  - ")}`);
    this.name = "EnvError";
  }
}

function readDemoSecrets(dataDir: string): DemoSecrets {
  const file = path.join(dataDir, "demo-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DemoSecrets;
  const secrets: DemoSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKey: `demo1:${randomBytes(32).toString("base64")}`,
    webhookSecret: randomBytes(24).toString("base64"),
    cronSecret: randomBytes(24).toString("base64url"),
    emulatorClientId: `emu_${randomBytes(8).toString("hex")}`,
    emulatorClientSecret: `emu_secret_${randomBytes(16).toString("hex")}`,
    adminEmail: "admin@perch.local",
    adminPassword: randomBytes(9).toString("base64url"),
  };
  mkdirSync(dataDir, { recursive: true });
  // Written once and renamed into place so two processes starting together agree on one set.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  if (!existsSync(file)) renameSync(tmp, file);
  return JSON.parse(readFileSync(file, "utf8")) as DemoSecrets;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(env)"}: ${issue.message}`),
    );
  }
  const raw = parsed.data;
  const mode: PerchMode = !raw.FINCH_CLIENT_ID
    ? "demo"
    : raw.FINCH_SANDBOX
      ? "sandbox"
      : "production";
  const dataDir = path.resolve(raw.PERCH_DATA_DIR);
  const problems: string[] = [];

  if (mode !== "demo" && !raw.FINCH_CLIENT_SECRET) {
    problems.push("FINCH_CLIENT_SECRET: required when FINCH_CLIENT_ID is set");
  }
  if (mode === "production") {
    if (!raw.DATABASE_URL) {
      problems.push(
        "DATABASE_URL: required in production (the embedded PGlite database is for demo and local use only)",
      );
    }
    if (!raw.AUTH_SECRET)
      problems.push("AUTH_SECRET: required in production (openssl rand -base64 32)");
    if (!raw.TOKEN_ENCRYPTION_KEYS) {
      problems.push(
        'TOKEN_ENCRYPTION_KEYS: required in production ("k1:" followed by openssl rand -base64 32)',
      );
    }
    if (!raw.FINCH_WEBHOOK_SECRET) problems.push("FINCH_WEBHOOK_SECRET: required in production");
    if (raw.VERCEL && !raw.CRON_SECRET) problems.push("CRON_SECRET: required on Vercel");
  }
  if (mode === "sandbox" && (!raw.AUTH_SECRET || !raw.TOKEN_ENCRYPTION_KEYS)) {
    problems.push("AUTH_SECRET and TOKEN_ENCRYPTION_KEYS: required with FINCH_CLIENT_ID");
  }
  const oidcParts = [raw.AUTH_OIDC_ISSUER, raw.AUTH_OIDC_ID, raw.AUTH_OIDC_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    problems.push("AUTH_OIDC_ISSUER, AUTH_OIDC_ID, AUTH_OIDC_SECRET: set all three or none");
  }
  if (raw.PERCH_WEBHOOK_URL && !raw.PERCH_WEBHOOK_SECRET) {
    problems.push(
      'PERCH_WEBHOOK_SECRET: required with PERCH_WEBHOOK_URL (echo "whsec_$(openssl rand -base64 32)")',
    );
  }
  const sweep = parseSweepConfig(source, SWEEP_ENV_NAMES, {
    concurrency: SWEEP_LIMITS.concurrency.default,
    batchSize: SWEEP_LIMITS.batchSize.default,
    budgetSeconds: SWEEP_LIMITS.budgetSeconds.default,
    // On Vercel one cron invocation fans out to several workers by default.
    workers: raw.VERCEL ? 4 : SWEEP_LIMITS.workers.default,
  });
  if (!sweep.ok) problems.push(...sweep.problems);
  if (problems.length || !sweep.ok) throw new EnvError(problems);

  const demo = mode === "demo" ? readDemoSecrets(dataDir) : null;
  const publicUrl = (raw.PERCH_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, "");
  const keys = raw.TOKEN_ENCRYPTION_KEYS ?? (demo ? encryptionKeys.parse(demo.encryptionKey) : []);

  return {
    mode,
    nodeEnv: raw.NODE_ENV,
    port: raw.PORT,
    publicUrl,
    dataDir,
    timeZone: raw.PERCH_TIME_ZONE,
    onVercel: Boolean(raw.VERCEL),
    trustedProxies: raw.PERCH_TRUSTED_PROXIES,
    schedulerEnabled: raw.PERCH_SCHEDULER ? raw.PERCH_SCHEDULER === "on" : !raw.VERCEL,
    databaseUrl: raw.DATABASE_URL,
    authSecret: raw.AUTH_SECRET ?? demo!.authSecret,
    trustHost: raw.AUTH_TRUST_HOST || mode === "demo" || Boolean(raw.VERCEL),
    oidc:
      raw.AUTH_OIDC_ISSUER && raw.AUTH_OIDC_ID && raw.AUTH_OIDC_SECRET
        ? {
            issuer: raw.AUTH_OIDC_ISSUER,
            clientId: raw.AUTH_OIDC_ID,
            clientSecret: raw.AUTH_OIDC_SECRET,
            name: raw.AUTH_OIDC_NAME,
          }
        : null,
    encryptionKeys: keys,
    cronSecret: raw.CRON_SECRET ?? demo?.cronSecret,
    sweep: sweep.config,
    finch: {
      clientId: raw.FINCH_CLIENT_ID ?? demo!.emulatorClientId,
      clientSecret: raw.FINCH_CLIENT_SECRET ?? demo!.emulatorClientSecret,
      webhookSecret: raw.FINCH_WEBHOOK_SECRET ?? demo?.webhookSecret,
      sandbox: raw.FINCH_SANDBOX,
      baseUrl: raw.FINCH_BASE_URL,
      connectUrl: (
        raw.FINCH_CONNECT_URL ?? (mode === "demo" ? publicUrl : "https://connect.tryfinch.com")
      ).replace(/\/$/, ""),
      emulatorRateLimits: raw.FINCH_EMULATOR_RATE_LIMITS ?? "documented",
      ipBudget: sweepIpBudget(raw.PERCH_FINCH_IP_BUDGET, mode, raw.FINCH_EMULATOR_RATE_LIMITS),
    },
    notifications: {
      smtpUrl: raw.SMTP_URL,
      mailFrom: raw.MAIL_FROM ?? `Perch <perch@${new URL(publicUrl).hostname}>`,
      slackWebhookUrl: raw.SLACK_WEBHOOK_URL,
      webhookUrl: raw.PERCH_WEBHOOK_URL,
      webhookSecret: raw.PERCH_WEBHOOK_SECRET,
    },
    demo,
    demoPortfolio: raw.PERCH_DEMO_PORTFOLIO === "empty" ? "empty" : "seed",
  };
}

/** 600 of Finch's 1000 requests per 5 minutes; 10x against the relaxed emulator; unpaced against none. */
function sweepIpBudget(
  value: string | undefined,
  mode: PerchMode,
  emulatorLimits: "documented" | "relaxed" | "off" | undefined,
): number | null {
  if (value === "off") return null;
  if (value) return Number(value);
  if (mode === "demo" && emulatorLimits === "off") return null;
  if (mode === "demo" && emulatorLimits === "relaxed") return 6_000;
  return 600;
}

const globalForEnv = globalThis as unknown as { perchEnv?: Env };

export function env(): Env {
  globalForEnv.perchEnv ??= parseEnv(process.env);
  return globalForEnv.perchEnv;
}

/** Tests build their own environment; this swaps it in for the current process. */
export function setEnvForTests(next: Env): void {
  globalForEnv.perchEnv = next;
}
