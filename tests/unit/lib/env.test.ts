import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const key = `k1:${Buffer.alloc(32, 7).toString("base64")}`;
const tmp = () => mkdtempSync(path.join(os.tmpdir(), "perch-env-"));

describe("parseEnv", () => {
  it("runs in demo mode with no configuration, generating and reusing its secrets", () => {
    const dataDir = tmp();
    const first = parseEnv({ PERCH_DATA_DIR: dataDir });
    expect(first.mode).toBe("demo");
    expect(first.databaseUrl).toBeUndefined();
    expect(first.demo?.adminPassword.length).toBeGreaterThanOrEqual(12);
    expect(first.encryptionKeys[0].key).toHaveLength(32);
    expect(Buffer.from(first.finch.webhookSecret!, "base64").length).toBeGreaterThan(16);
    expect(first.finch.connectUrl).toBe("http://localhost:3000");
    const second = parseEnv({ PERCH_DATA_DIR: dataDir });
    expect(second.demo).toEqual(first.demo);
  });

  it("chooses sandbox mode with FINCH_SANDBOX and production without it", () => {
    const common = {
      PERCH_DATA_DIR: tmp(),
      FINCH_CLIENT_ID: "id",
      FINCH_CLIENT_SECRET: "secret",
      AUTH_SECRET: "s".repeat(32),
      TOKEN_ENCRYPTION_KEYS: key,
    };
    expect(parseEnv({ ...common, FINCH_SANDBOX: "finch" }).mode).toBe("sandbox");
    const production = parseEnv({
      ...common,
      DATABASE_URL: "postgres://u:p@db:5432/perch",
      FINCH_WEBHOOK_SECRET: Buffer.alloc(24, 1).toString("base64"),
    });
    expect(production.mode).toBe("production");
    expect(production.demo).toBeNull();
    expect(production.finch.connectUrl).toBe("https://connect.tryfinch.com");
  });

  it("refuses PGlite and missing secrets in production, naming each variable", () => {
    let error: unknown;
    try {
      parseEnv({ PERCH_DATA_DIR: tmp(), FINCH_CLIENT_ID: "id", FINCH_CLIENT_SECRET: "secret" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    for (const name of [
      "DATABASE_URL",
      "AUTH_SECRET",
      "TOKEN_ENCRYPTION_KEYS",
      "FINCH_WEBHOOK_SECRET",
    ]) {
      expect(message).toContain(name);
    }
    expect(message).toMatch(/PGlite/);
  });

  it("rejects malformed values with what is expected", () => {
    expect(() => parseEnv({ PERCH_DATA_DIR: tmp(), PERCH_TIME_ZONE: "Mars/Olympus" })).toThrow(
      /PERCH_TIME_ZONE.*IANA/,
    );
    expect(() => parseEnv({ PERCH_DATA_DIR: tmp(), TOKEN_ENCRYPTION_KEYS: "k1:short" })).toThrow(
      /TOKEN_ENCRYPTION_KEYS/,
    );
    expect(() => parseEnv({ PERCH_DATA_DIR: tmp(), FINCH_WEBHOOK_SECRET: "whsec_abc!" })).toThrow(
      /FINCH_WEBHOOK_SECRET/,
    );
    expect(() => parseEnv({ PERCH_DATA_DIR: tmp(), DATABASE_URL: "not a url" })).toThrow(
      /DATABASE_URL/,
    );
    expect(() => parseEnv({ PERCH_DATA_DIR: tmp(), AUTH_OIDC_ID: "only-one" })).toThrow(
      /AUTH_OIDC/,
    );
  });

  it("requires CRON_SECRET on Vercel in production", () => {
    expect(() =>
      parseEnv({
        PERCH_DATA_DIR: tmp(),
        VERCEL: "1",
        FINCH_CLIENT_ID: "id",
        FINCH_CLIENT_SECRET: "secret",
        AUTH_SECRET: "x".repeat(32),
        TOKEN_ENCRYPTION_KEYS: key,
        DATABASE_URL: "postgres://u:p@db:5432/perch",
        FINCH_WEBHOOK_SECRET: Buffer.alloc(24, 1).toString("base64"),
      }),
    ).toThrow(/CRON_SECRET/);
  });

  it("reads the sweep settings, fans out on Vercel by default, and refuses a bad value", () => {
    expect(parseEnv({ PERCH_DATA_DIR: tmp() }).sweep).toEqual({
      concurrency: 16,
      batchSize: 2000,
      budgetSeconds: 45,
      workers: 1,
    });
    expect(parseEnv({ PERCH_DATA_DIR: tmp(), VERCEL: "1" }).sweep.workers).toBe(4);
    const tuned = parseEnv({
      PERCH_DATA_DIR: tmp(),
      PERCH_SWEEP_CONCURRENCY: "48",
      PERCH_SWEEP_BATCH_SIZE: "8000",
      PERCH_SWEEP_BUDGET_SECONDS: "250",
      PERCH_SWEEP_WORKERS: "6",
    });
    expect(tuned.sweep).toEqual({
      concurrency: 48,
      batchSize: 8000,
      budgetSeconds: 250,
      workers: 6,
    });
    expect(() => parseEnv({ PERCH_DATA_DIR: tmp(), PERCH_SWEEP_CONCURRENCY: "lots" })).toThrow(
      /PERCH_SWEEP_CONCURRENCY: expected a whole number from 1 to 64/,
    );
  });

  it("reads the emulator's rate limits and the sweep's Finch budget, and refuses bad values", () => {
    const demo = parseEnv({ PERCH_DATA_DIR: tmp() });
    expect(demo.finch.emulatorRateLimits).toBe("documented");
    expect(demo.finch.ipBudget).toBe(600);
    const relaxed = parseEnv({ PERCH_DATA_DIR: tmp(), FINCH_EMULATOR_RATE_LIMITS: "relaxed" });
    expect(relaxed.finch.ipBudget).toBe(6000);
    expect(
      parseEnv({ PERCH_DATA_DIR: tmp(), FINCH_EMULATOR_RATE_LIMITS: "off" }).finch.ipBudget,
    ).toBeNull();
    expect(parseEnv({ PERCH_DATA_DIR: tmp(), PERCH_FINCH_IP_BUDGET: "250" }).finch.ipBudget).toBe(
      250,
    );
    expect(
      parseEnv({ PERCH_DATA_DIR: tmp(), PERCH_FINCH_IP_BUDGET: "off" }).finch.ipBudget,
    ).toBeNull();
    expect(() => parseEnv({ PERCH_DATA_DIR: tmp(), PERCH_FINCH_IP_BUDGET: "0" })).toThrow(
      /PERCH_FINCH_IP_BUDGET: expected a whole number from 1 to 100000, or off/,
    );
    expect(() => parseEnv({ PERCH_DATA_DIR: tmp(), FINCH_EMULATOR_RATE_LIMITS: "fast" })).toThrow(
      /FINCH_EMULATOR_RATE_LIMITS: expected documented, relaxed or off/,
    );
  });
});
