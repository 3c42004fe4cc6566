// `npm run bench`: Perch at 1,000 and 100,000 employers, measured through HTTP with a signed-in
// session against `next start` (production build), A and B interleaved in one run. Needs
// PostgreSQL: TEST_DATABASE_URL (or DATABASE_URL) names a server where it may create databases
// perch_bench_1000 and perch_bench_100000; they are seeded once (db/seed/portfolio.ts) and
// reused. Both servers run in demo mode with DATABASE_URL, so Finch is the emulator mounted in
// each server (/api/finch-emu), as in the issue's measurements: the direct SDK call and the
// proxied one reach the same emulator through the same server. Prints every figure with its
// target and PASS/MISS. Not part of `npm test`.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Finch from "@tryfinch/finch-api";
import { eq, sql } from "drizzle-orm";
import { openPostgres, type Database, type DatabaseHandle } from "@/db/client";
import { connections, employers, users } from "@/db/schema";
import { seedPortfolio } from "@/db/seed/portfolio";
import { EMULATOR_API_PATH } from "@/lib/demo/emulator";
import { parseEnv, setEnvForTests, type DemoSecrets } from "@/lib/env";
import { hashPassword } from "@/lib/password";
import { encryptToken } from "@/lib/token-encryption";
import { figures, interleave, passes, record } from "./bench/measure";
import { startServer, type BenchServer } from "./bench/servers";

const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_EMPLOYERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PROXY_RUNS = Number(process.env.BENCH_PROXY_RUNS ?? 150);
const SWEEP_CONNECTIONS = Number(process.env.BENCH_SWEEP_CONNECTIONS ?? 1_500);
const SWEEP_CONCURRENCY = Number(process.env.BENCH_SWEEP_CONCURRENCY ?? 32);
const PORTS = { small: 3303, large: 3304 };
const USER = { email: "bench@perch.local", password: randomBytes(12).toString("base64url") };
const SWEEP_PREFIX = "bench-sweep-";
// BENCH_ONLY=proxy (or a comma list of pages, export, proxy, sweep) measures just those sections.
const SECTIONS = ["pages", "export", "proxy", "sweep"] as const;
const ONLY = (process.env.BENCH_ONLY ?? SECTIONS.join(","))
  .split(",")
  .map((section) => section.trim());
for (const section of ONLY) {
  if (!(SECTIONS as readonly string[]).includes(section)) {
    console.error(`BENCH_ONLY names ${section}; use any of ${SECTIONS.join(", ")}.`);
    process.exit(2);
  }
}
const measures = (section: (typeof SECTIONS)[number]) => ONLY.includes(section);

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (!serverUrl) {
  console.error(
    "npm run bench needs PostgreSQL: set TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres",
  );
  process.exit(2);
}

function databaseUrl(name: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

type Rows<T> = T[] | { rows: T[] };
async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as Rows<T>;
  return Array.isArray(result) ? result : result.rows;
}

/** A migrated database holding a seeded portfolio of `size` employers (seeded once, reused). */
async function portfolioDatabase(size: number): Promise<{ handle: DatabaseHandle; url: string }> {
  const name = `perch_bench_${size}`;
  const { default: postgres } = await import("postgres");
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database ${name}`);
  await admin.end({ timeout: 5 });
  const url = databaseUrl(name);
  const handle = await openPostgres(url);
  const { db } = handle;
  await db.execute(sql`create table if not exists perch_bench_seed (employers integer not null)`);
  const [seeded] = await rows<{ employers: number }>(
    db,
    sql`select employers from perch_bench_seed`,
  );
  if (seeded?.employers !== size) {
    const started = performance.now();
    await db.execute(sql`truncate employers, events restart identity cascade`);
    await db.execute(sql`delete from perch_bench_seed`);
    await seedPortfolio(db, { employers: size, now: new Date(), seed: 7 });
    await db.execute(sql`insert into perch_bench_seed values (${size})`);
    await db.execute(sql`analyze`);
    console.log(
      `Seeded ${size} employers in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } else {
    console.log(`Reusing the seeded ${size}-employer database ${name}`);
  }
  await db.delete(users).where(eq(users.email, USER.email));
  await db
    .insert(users)
    .values({ email: USER.email, role: "admin", passwordHash: await hashPassword(USER.password) });
  await db.execute(sql`delete from rate_limits`);
  return { handle, url };
}

async function poolMap<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]);
    }),
  );
  return out;
}

/**
 * Deletes the previous run's sweep employers. Perch never deletes employers or connections, so
 * some columns that point at them (`ON DELETE SET NULL`, e.g. events.connection_id) have no index
 * and each deleted row would scan those tables: about 2 minutes for 1,500 employers at 100k.
 * Indexes are made for the delete and dropped after it, so the schema measured is Perch's own.
 */
async function deleteSweepEmployers(db: Database): Promise<void> {
  const sweep = sql`customer_id like ${`${SWEEP_PREFIX}%`}`;
  const [{ n }] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from employers where ${sweep}`,
  );
  if (n === 0) return;
  const unindexed = await rows<{ tbl: string; col: string }>(
    db,
    sql`select c.conrelid::regclass::text as tbl, a.attname as col
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and cardinality(c.conkey) = 1
        and c.confrelid in ('employers'::regclass, 'connections'::regclass)
        and not exists (
          select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])`,
  );
  const made = unindexed.map((_, i) => `perch_bench_cleanup_${i}`);
  try {
    for (const [i, { tbl, col }] of unindexed.entries()) {
      await db.execute(
        sql`create index if not exists ${sql.identifier(made[i])} on ${sql.raw(tbl)} (${sql.identifier(col)})`,
      );
    }
    await db.execute(sql`delete from employers where ${sweep}`);
  } finally {
    for (const name of made) await db.execute(sql`drop index if exists ${sql.identifier(name)}`);
  }
}

/**
 * Employers whose connections are real sandbox connections in the emulator (so sweeps and the
 * proxy reach Finch for real); every other connection is scheduled far ahead, so a sweep sees
 * only these.
 */
async function sweepConnections(db: Database, count: number, finchApp: Finch) {
  await deleteSweepEmployers(db);
  const created = await poolMap(
    Array.from({ length: count }, (_, i) => i),
    8,
    async () => {
      const c = await finchApp.sandbox.connections.create({
        provider_id: "gusto",
        authentication_type: "credential",
      });
      return { accessToken: c.access_token, finchConnectionId: c.connection_id };
    },
  );
  const now = new Date();
  const inserted = await db
    .insert(employers)
    .values(
      created.map((_, i) => ({
        name: `Bench sweep ${i}`,
        customerId: `${SWEEP_PREFIX}${i}`,
        connectionStatus: "connected",
        providerId: "gusto",
        assisted: false,
        statusChangedAt: now,
      })),
    )
    .returning({ id: employers.id });
  const connectionRows = created.map((c, i) => {
    const token = encryptToken(c.accessToken);
    return {
      employerId: inserted[i].id,
      finchConnectionId: c.finchConnectionId,
      providerId: "gusto",
      providerName: "Gusto",
      authMethod: "credential",
      assisted: false,
      products: ["company", "directory", "individual", "employment", "payment", "pay_statement"],
      status: "connected",
      accessTokenCiphertext: token.ciphertext,
      accessTokenKeyId: token.keyId,
      nextCheckAt: new Date(now.getTime() - 60_000),
    };
  });
  for (let i = 0; i < connectionRows.length; i += 1000) {
    await db.insert(connections).values(connectionRows.slice(i, i + 1000));
  }
  await db.execute(sql`
    update connections set next_check_at = now() + interval '30 days'
    where employer_id not in (select id from employers where customer_id like ${`${SWEEP_PREFIX}%`})`);
  return { employerIds: inserted.map((e) => e.id), tokens: created.map((c) => c.accessToken) };
}

/** Delivers the emulator's webhook queue now and waits until it stays empty. */
async function settleWebhooks(emulatorUrl: string, cookie: string): Promise<{ delivered: number }> {
  let delivered = 0;
  for (let quiet = 0; quiet < 3;) {
    const state = (await (
      await fetch(`${emulatorUrl}/_emulator/webhooks`, { headers: { cookie } })
    ).json()) as { queued: unknown[] };
    delivered += state.queued.length;
    quiet = state.queued.length === 0 ? quiet + 1 : 0;
    const flushed = await fetch(`${emulatorUrl}/_emulator/webhooks/flush`, {
      method: "POST",
      headers: { cookie },
    });
    if (!flushed.ok) throw new Error(`emulator webhook flush answered ${flushed.status}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { delivered };
}

async function get(server: BenchServer, path: string, signedIn = true): Promise<string> {
  const response = await fetch(`${server.url}${path}`, {
    headers: signedIn ? { cookie: server.cookie } : {},
    redirect: "manual",
  });
  const body = await response.text();
  if (response.status !== 200 && response.status !== 202) {
    throw new Error(`${server.name} ${path} answered ${response.status}`);
  }
  return body;
}

async function deepCursor(db: Database): Promise<string> {
  const [row] = await rows<{ key: string; id: string }>(
    db,
    sql`select lower(name) as key, id from employers where archived_at is null
        order by lower(name), id
        offset (select count(*) / 2 from employers where archived_at is null) limit 1`,
  );
  if (!row) throw new Error("the benchmark database has no employers; was it seeded?");
  return Buffer.from(JSON.stringify({ v: row.key, id: row.id })).toString("base64url");
}

async function someEmployer(db: Database): Promise<{ id: string; word: string }> {
  const [row] = await rows<{ id: string; name: string }>(
    db,
    sql`select e.id, e.name from employers e join connections c on c.employer_id = e.id
        where e.archived_at is null and e.customer_id not like ${`${SWEEP_PREFIX}%`}
        order by e.id limit 1`,
  );
  if (!row) throw new Error("the benchmark database has no connected employers; was it seeded?");
  return { id: row.id, word: row.name.split(" ")[0].toLowerCase() };
}

async function main(): Promise<void> {
  const started = performance.now();
  const cpu = os.cpus();
  console.log(
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`,
  );

  // Known demo secrets, written before each server starts (its emulator starts empty).
  const secrets: DemoSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKey: `bench1:${randomBytes(32).toString("base64")}`,
    webhookSecret: randomBytes(24).toString("base64"),
    cronSecret: randomBytes(24).toString("base64url"),
    emulatorClientId: "bench-client",
    emulatorClientSecret: randomBytes(18).toString("hex"),
    adminEmail: "admin@perch.local",
    adminPassword: randomBytes(12).toString("base64url"),
  };
  const dataDirFor = (port: number) => {
    const dir = path.join(process.cwd(), ".data", `bench-${port}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "demo-secrets.json"), JSON.stringify(secrets), { mode: 0o600 });
    return dir;
  };
  // The bench measures Perch's own capacity, so Finch's rate limits are off on both sides: the
  // emulator's (FINCH_EMULATOR_RATE_LIMITS) and the sweep's pacing (PERCH_FINCH_IP_BUDGET).
  const rateLimitsOff = { FINCH_EMULATOR_RATE_LIMITS: "off", PERCH_FINCH_IP_BUDGET: "off" };
  const appEnv = { PERCH_SCHEDULER: "off", CRON_SECRET: secrets.cronSecret, ...rateLimitsOff };
  // This process encrypts the sweep connections' tokens with the servers' (demo) key.
  setEnvForTests(parseEnv({ PERCH_DATA_DIR: dataDirFor(0), ...rateLimitsOff }));

  const small = await portfolioDatabase(SMALL);
  const large = await portfolioDatabase(LARGE);

  const servers: BenchServer[] = [];
  try {
    // The 1k instance is measured only against the 100k one, on the pages.
    const A = measures("pages")
      ? await startServer({
          name: "1k",
          port: PORTS.small,
          env: { ...appEnv, DATABASE_URL: small.url },
          dataDir: dataDirFor(PORTS.small),
          user: USER,
        })
      : null;
    if (A) servers.push(A);
    const B = await startServer({
      name: "100k",
      port: PORTS.large,
      env: { ...appEnv, DATABASE_URL: large.url },
      dataDir: dataDirFor(PORTS.large),
      user: USER,
    });
    servers.push(B);
    const emulatorUrl = `${B.url}${EMULATOR_API_PATH}`;
    // The mounted emulator's controls need a signed-in operator (the bench's admin session); a
    // refused control call would silently measure without the fault, so it stops the bench.
    const control = async (path: string, body?: unknown) => {
      const response = await fetch(`${emulatorUrl}/_emulator/${path}`, {
        method: body === undefined ? "DELETE" : "PUT",
        headers: {
          cookie: B.cookie,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`emulator control ${path} answered ${response.status}`);
      return response;
    };
    const sweepSetup = performance.now();
    const finchApp = new Finch({
      clientID: secrets.emulatorClientId,
      clientSecret: secrets.emulatorClientSecret,
      accessToken: null,
      baseURL: emulatorUrl,
    });
    const sweep = await sweepConnections(large.handle.db, SWEEP_CONNECTIONS, finchApp);
    console.log(
      `Created ${SWEEP_CONNECTIONS} sandbox connections in the 100k server's emulator in ${((performance.now() - sweepSetup) / 1000).toFixed(1)} s`,
    );
    // New connections make the emulator send their webhooks (first syncs, data changes) to the
    // 100k server; measure it once they are delivered and handled, not while it is busy with them.
    const settled = await settleWebhooks(emulatorUrl, B.cookie);
    console.log(`Delivered ${settled.delivered} queued webhooks to the 100k server first`);

    if (measures("pages") && A) {
      console.log(`\nPages through HTTP, ${RUNS} interleaved runs each (median); B ÷ A:`);
      const [deepA, deepB] = await Promise.all([
        deepCursor(small.handle.db),
        deepCursor(large.handle.db),
      ]);
      const [empA, empB] = await Promise.all([
        someEmployer(small.handle.db),
        someEmployer(large.handle.db),
      ]);
      const pages: [string, string, string][] = [
        ["/employers (first page)", "/employers", "/employers"],
        [
          "/employers?status=connected",
          "/employers?status=connected",
          "/employers?status=connected",
        ],
        ["/employers?q=<name word>", `/employers?q=${empA.word}`, `/employers?q=${empB.word}`],
        ["/employers?sort=status", "/employers?sort=status", "/employers?sort=status"],
        ["/employers deep keyset page", `/employers?after=${deepA}`, `/employers?after=${deepB}`],
        ["overview /", "/", "/"],
        ["employer page", `/employers/${empA.id}`, `/employers/${empB.id}`],
      ];
      for (const [name, pathA, pathB] of pages) {
        const result = await interleave(
          () => get(A, pathA),
          () => get(B, pathB),
          RUNS,
        );
        record({
          name: `${name}: 100k ÷ 1k`,
          value: result.ratio,
          unit: "×",
          target: name === "employer page" ? null : { op: "<=", bound: 1.3 },
          note: `${result.a.toFixed(1)} ms vs ${result.b.toFixed(1)} ms`,
        });
      }
      // The default page is 25 rows; 50 is a click away, printed for the record without a target.
      for (const [name, path, target] of [
        ["/employers ÷ /login, 100k instance", "/employers", 3],
        ["  /employers?size=50 ÷ /login (50 rows, not the default)", "/employers?size=50", null],
      ] as const) {
        const result = await interleave(
          () => get(B, "/login", false),
          () => get(B, path),
          RUNS,
        );
        record({
          name,
          value: result.ratio,
          unit: "×",
          target: target === null ? null : { op: "<=", bound: target },
          note: `${result.b.toFixed(1)} ms vs ${result.a.toFixed(1)} ms`,
        });
      }
    }
    if (measures("export")) {
      console.log("\nFull CSV export at 100k:");
      const [expected] = await rows<{ n: number }>(
        large.handle.db,
        sql`select count(*)::int as n from employers where archived_at is null`,
      );
      const exportStarted = performance.now();
      const csv = await get(B, "/employers/export");
      const exportMs = performance.now() - exportStarted;
      const lines = csv.split("\n").filter((line) => line.trim() !== "").length - 1;
      record({
        name: "CSV export of every employer, 100k",
        value: exportMs / 1000,
        unit: "s",
        target: { op: "<=", bound: 5 },
      });
      record({
        name: "CSV export rows − employers in the database",
        value: lines - expected.n,
        unit: "rows",
        target: { op: "==", bound: 0 },
        note: `${lines} rows, ${expected.n} employers`,
      });
    }
    if (measures("proxy")) {
      console.log("\nData proxy vs the same call made directly with the SDK (same emulator):");
      const direct = new Finch({
        accessToken: sweep.tokens[0],
        baseURL: emulatorUrl,
        maxRetries: 0,
      });
      const proxied = `/api/employers/${sweep.employerIds[0]}/data/directory`;
      // Both sides must read the same data: a 202 (first sync still running) is not a read.
      const first = await fetch(`${B.url}${proxied}`, { headers: { cookie: B.cookie } });
      if (first.status !== 200) throw new Error(`the proxied directory answered ${first.status}`);
      // Each pair takes milliseconds, so many samples cost little and steady the medians.
      const proxy = await interleave(
        () => direct.hris.directory.list({ limit: 100, offset: 0 }),
        () => get(B, proxied),
        PROXY_RUNS,
        20,
      );
      record({
        name: "proxied directory ÷ direct SDK call",
        value: proxy.ratio,
        unit: "×",
        target: { op: "<=", bound: 1.3 },
        note: `${proxy.b.toFixed(1)} ms vs ${proxy.a.toFixed(1)} ms`,
      });
    }
    if (measures("sweep")) {
      console.log(
        `\nSweep throughput on the 100k instance, ${SWEEP_CONNECTIONS} due connections, concurrency ${SWEEP_CONCURRENCY} per sweeper:`,
      );
      for (const latency of [0, 200]) {
        for (const sweepers of [1, 2]) {
          const db = large.handle.db;
          await db.execute(sql`
          update connections set next_check_at = now() - interval '1 minute', last_checked_at = null,
            lease_owner = null, lease_until = null
          where employer_id in (select id from employers where customer_id like ${`${SWEEP_PREFIX}%`})`);
          await control(
            "faults",
            latency ? [{ path: "/introspect", latency_ms: latency }] : undefined,
          );
          const runStarted = performance.now();
          const reports = await Promise.all(
            Array.from({ length: sweepers }, async () => {
              const response = await fetch(
                `${B.url}/api/cron/status-sweep?workers=1&concurrency=${SWEEP_CONCURRENCY}&batch=${SWEEP_CONNECTIONS}&budget=300`,
                { headers: { authorization: `Bearer ${appEnv.CRON_SECRET}` } },
              );
              if (!response.ok) throw new Error(`cron answered ${response.status}`);
              return (await response.json()) as { checked: number; failed: number };
            }),
          );
          const seconds = (performance.now() - runStarted) / 1000;
          const checked = reports.reduce((sum, r) => sum + r.checked, 0);
          const failed = reports.reduce((sum, r) => sum + r.failed, 0);
          const [distinct] = await rows<{ n: number }>(
            db,
            sql`select count(*)::int as n from connections c join employers e on e.id = c.employer_id
              where e.customer_id like ${`${SWEEP_PREFIX}%`} and c.last_checked_at is not null`,
          );
          record({
            name: `sweep checks/s, ${latency} ms Finch latency, ${sweepers} sweeper${sweepers > 1 ? "s" : ""}`,
            value: Math.round(checked / seconds),
            unit: "/s",
            target: { op: ">=", bound: latency ? 60 : 200 },
            note: `${checked} in ${seconds.toFixed(1)} s, ${failed} failed`,
          });
          record({
            name: `  checks − distinct connections checked (double checks)`,
            value: checked - distinct.n,
            unit: "",
            target: { op: "==", bound: 0 },
            note: `${distinct.n} of ${SWEEP_CONNECTIONS} checked`,
          });
        }
      }
      await control("faults");
    }
  } finally {
    for (const server of servers) await server.stop();
    await small.handle.close();
    await large.handle.close();
  }
  const missed = figures.filter((f) => !passes(f));
  console.log(
    `\n${figures.length - missed.length} of ${figures.length} figures meet their targets; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
