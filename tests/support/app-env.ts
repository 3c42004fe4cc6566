import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv, setEnvForTests, type Env } from "@/lib/env";

/** A demo-mode environment in a temporary data directory, installed for the app's modules. */
export function installTestEnv(overrides: Record<string, string> = {}): Env {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "perch-test-"));
  const env = parseEnv({
    NODE_ENV: "test",
    PERCH_DATA_DIR: dataDir,
    TOKEN_ENCRYPTION_KEYS: `test1:${randomBytes(32).toString("base64")}`,
    ...overrides,
  });
  setEnvForTests(env);
  return env;
}
