// `npx tsx --conditions=react-server scripts/bench-employer-list.ts [large] [small]`: seeds a
// realistic portfolio (db/seed/portfolio.ts) at [small] (1,000) and [large] (100,000) employers
// in temporary databases — PostgreSQL when BENCH_DATABASE_URL names a server, PGlite otherwise —
// and prints the median time of each list, count and overview query at both sizes, with the
// ratio. Database only: `npm run bench` (HTTP, signed in) is the end-to-end measure.
import { performance } from "node:perf_hooks";
import { openFreshPostgres, openPglite, type Database, type DatabaseHandle } from "@/db/client";
import {
  encodeCursor,
  listEmployerProviders,
  listEmployers,
  type EmployerListQuery,
} from "@/db/queries/employer-list";
import {
  countAttention,
  countEmployersByStatus,
  countExpectedReady,
  readOnboardingInsight,
} from "@/db/queries/overview";
import { seedPortfolio } from "@/db/seed/portfolio";
import { insightWeeks } from "@/lib/insight/weeks";

const LARGE = Number(process.argv[2] ?? 100_000);
const SMALL = Number(process.argv[3] ?? 1_000);
const RUNS = 9;
const NOW = new Date("2026-11-30T12:00:00Z");

function openFresh(): Promise<DatabaseHandle> {
  const server = process.env.BENCH_DATABASE_URL;
  return server ? openFreshPostgres(server, { prefix: "perch_bench" }) : openPglite(null);
}

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

async function measure(db: Database): Promise<Map<string, number>> {
  // A cursor about 90% of the way through the name order, taken by paging with cursors.
  const first = await listEmployers({ now: NOW, pageSize: 500 }, db);
  const deepName = first.rows[Math.floor(first.rows.length * 0.9)].name.toLowerCase();
  const deep = encodeCursor(deepName.replace(/^./, "r"), "00000000-0000-0000-0000-000000000000");
  const list = (query: Omit<EmployerListQuery, "now">) => () =>
    listEmployers({ now: NOW, pageSize: 50, ...query }, db);
  const cases: [string, () => Promise<unknown>][] = [
    ["list: first page", list({})],
    ["list: status = processing", list({ status: "processing" })],
    ["list: search 'acme'", list({ q: "acme" })],
    ["list: sort = status", list({ sort: "status" })],
    ["list: sort = changed", list({ sort: "changed" })],
    ["list: sort = ready (what lands next)", list({ sort: "ready" })],
    ["list: sort = retrieved (stalest first)", list({ sort: "retrieved" })],
    ["list: deep keyset page", list({ after: deep })],
    ["list: needs attention", list({ attention: "any" })],
    ["providers for the filter", () => listEmployerProviders(db)],
    ["overview: status tallies", () => countEmployersByStatus(db)],
    ["overview: attention counts", () => countAttention({ now: NOW }, db)],
    ["overview: ready-date buckets", () => countExpectedReady({ now: NOW, weeks: 6 }, db)],
    [
      "overview: onboarding insight",
      () => readOnboardingInsight({ fromWeek: insightWeeks(NOW, 13)[0] }, db),
    ],
  ];
  const results = new Map<string, number>();
  for (const [label, run] of cases) results.set(label, await median(run));
  return results;
}

async function portfolio(size: number) {
  const handle = await openFresh();
  const started = performance.now();
  await seedPortfolio(handle.db, { employers: size, now: NOW });
  console.log(
    `Seeded ${size.toLocaleString()} employers (${handle.driver}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  try {
    return await measure(handle.db);
  } finally {
    await handle.close();
  }
}

const small = await portfolio(SMALL);
const large = await portfolio(LARGE);
console.log(`\nMedian of ${RUNS} runs:\n`);
console.log(
  `${"query".padEnd(32)} ${`${SMALL / 1000}k`.padStart(9)} ${`${LARGE / 1000}k`.padStart(9)} ${"ratio".padStart(6)}`,
);
for (const [label, ms] of small) {
  const big = large.get(label)!;
  console.log(
    `${label.padEnd(32)} ${`${ms.toFixed(2)} ms`.padStart(9)} ${`${big.toFixed(2)} ms`.padStart(9)} ${`${(big / ms).toFixed(2)}x`.padStart(6)}`,
  );
}
