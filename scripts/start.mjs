#!/usr/bin/env node
// `npm start`: builds Perch when the build is missing or older than the sources, then serves it.
// `npm run dev` (--dev) runs the Next.js development server instead. `--empty` starts a fresh
// demo with no employers instead of the demo portfolio (PERCH_DEMO_PORTFOLIO=empty).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  ...(process.argv.includes("--empty") ? { PERCH_DEMO_PORTFOLIO: "empty" } : {}),
};
const port = process.env.PORT ?? "3000";
const SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildIsCurrent() {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.every((source) => newestMtime(path.join(root, source)) <= built);
}

function run(args) {
  const child = spawn(nextBin, args, { cwd: root, env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}

if (process.argv.includes("--dev")) {
  run(["dev", "--port", port, "--hostname", process.env.PERCH_HOSTNAME || "127.0.0.1"]);
} else {
  if (!buildIsCurrent()) {
    console.log("Building Perch (first start or sources changed)…");
    const started = Date.now();
    const build = spawnSync(nextBin, ["build"], { cwd: root, env, stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
    console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  // Demo mode (no FINCH_CLIENT_ID) has a built-in admin and emulator: it listens on this machine
  // only unless PERCH_HOSTNAME names the interface (e.g. 0.0.0.0). HOSTNAME, which containers
  // set to their own name, is honoured outside demo mode only.
  const demo = !process.env.FINCH_CLIENT_ID;
  const hostname =
    process.env.PERCH_HOSTNAME || (demo ? "127.0.0.1" : process.env.HOSTNAME || undefined);
  run(["start", "--port", port, ...(hostname ? ["--hostname", hostname] : [])]);
}
