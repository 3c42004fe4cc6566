// `npx tsx --conditions=react-server scripts/bench-employer-list.ts [rows]`: seeds a temporary
// PGlite database with employers and prints how long the employer list's queries take at 1,000
// rows and at 100,000 (or [rows]), with the ratio between the two, all measured in this one run.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { openPglite, type Database } from "@/db/client";
import { employers } from "@/db/schema";
import { encodeCursor, listEmployers, type EmployerListQuery } from "@/db/queries/employer-list";

const LARGE = Number(process.argv[2] ?? 100_000);
const SMALL = 1_000;
const RUNS = 7;

const WORDS = [
  "Acme",
  "Blue",
  "Cedar",
  "Delta",
  "Evergreen",
  "Falcon",
  "Granite",
  "Harbor",
  "Iris",
  "Juniper",
  "Kestrel",
  "Lumen",
  "Maple",
  "Nimbus",
  "Orchid",
  "Pioneer",
  "Quartz",
  "Redwood",
  "Summit",
  "Tidal",
];
const SUFFIXES = [
  "Logistics",
  "Health",
  "Foods",
  "Labs",
  "Builders",
  "Dental",
  "Retail",
  "Media",
  "Partners",
  "Farms",
];
const STATUSES = [
  "connected",
  "connected",
  "connected",
  "processing",
  "pending",
  "error_permissions",
  "reauth",
  "disconnected",
  null,
];
const PROVIDERS = [
  "gusto",
  "adp_run",
  "adp_workforce_now",
  "paychex_flex",
  "paylocity",
  "rippling",
];

function employerRow(i: number) {
  const status = STATUSES[i % STATUSES.length];
  const attention = status === "reauth" || status === "error_permissions" || i % 37 === 0;
  return {
    name: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${SUFFIXES[i % SUFFIXES.length]} ${i}`,
    customerId: `cus_${String(i).padStart(7, "0")}`,
    connectionStatus: status,
    providerId: status ? PROVIDERS[i % PROVIDERS.length] : null,
    assisted: status ? i % 3 === 0 : null,
    statusChangedAt: status ? new Date(Date.UTC(2026, 0, 1) + i * 60_000) : null,
    needsAttention: attention,
    attentionKinds: attention
      ? [status === "reauth" ? "reauth_needed" : "employer_action_needed"]
      : [],
  };
}

async function seed(db: Database, from: number, to: number) {
  for (let start = from; start < to; start += 1000) {
    const rows = [];
    for (let i = start; i < Math.min(start + 1000, to); i++) rows.push(employerRow(i));
    await db.insert(employers).values(rows);
  }
  await db.execute(sql`analyze employers`);
}

async function time(db: Database, query: EmployerListQuery): Promise<number> {
  await listEmployers(query, db); // warm up
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await listEmployers(query, db);
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

async function deepCursor(db: Database, fraction: number): Promise<string> {
  const total = (await db.select({ n: sql<number>`count(*)` }).from(employers))[0].n;
  const [row] = await db
    .select({ id: employers.id, key: sql<string>`lower(${employers.name})` })
    .from(employers)
    .orderBy(sql`lower(${employers.name})`, employers.id)
    .offset(Math.floor(Number(total) * fraction))
    .limit(1);
  return encodeCursor(row.key, row.id);
}

async function measure(db: Database) {
  const deep = await deepCursor(db, 0.9);
  const cases: [string, EmployerListQuery][] = [
    ["first page, sorted by name", {}],
    ["page at 90% (keyset cursor)", { after: deep }],
    ["search name 'acme'", { q: "acme" }],
    ["search customer id 'cus_00009'", { q: "cus_00009" }],
    ["status = processing, by change", { status: "processing", sort: "changed" }],
    ["provider + assisted", { provider: "adp_workforce_now", kind: "assisted" }],
    ["needs attention", { attention: "any" }],
    ["sorted by status", { sort: "status" }],
  ];
  const results = new Map<string, number>();
  for (const [label, query] of cases)
    results.set(label, await time(db, { pageSize: 50, ...query }));
  return results;
}

const handle = await openPglite(null);
try {
  console.log(`Seeding ${SMALL.toLocaleString()} employers…`);
  await seed(handle.db, 0, SMALL);
  const small = await measure(handle.db);
  console.log(`Seeding up to ${LARGE.toLocaleString()} employers…`);
  const seedStart = performance.now();
  await seed(handle.db, SMALL, LARGE);
  console.log(`  (${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
  const large = await measure(handle.db);
  console.log(`\nEmployer list, median of ${RUNS} runs (page of 50 + total count), PGlite:\n`);
  console.log(
    `${"query".padEnd(36)} ${"1k rows".padStart(10)} ${`${LARGE / 1000}k rows`.padStart(10)} ${"ratio".padStart(7)}`,
  );
  for (const [label, ms] of small) {
    const big = large.get(label)!;
    console.log(
      `${label.padEnd(36)} ${`${ms.toFixed(1)} ms`.padStart(10)} ${`${big.toFixed(1)} ms`.padStart(10)} ${`${(big / ms).toFixed(1)}x`.padStart(7)}`,
    );
  }
} finally {
  await handle.close();
}
