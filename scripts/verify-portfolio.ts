// `npx tsx --conditions=react-server scripts/verify-portfolio.ts [employers]`: seeds a realistic
// portfolio (db/seed/portfolio.ts, 100,000 employers by default) into a temporary PGlite
// database — or a fresh database on the PostgreSQL server VERIFY_DATABASE_URL names — and checks
// every overview figure and the full CSV export's row count against the seeder's own truth.
// Exits 1 on any mismatch: "exact at any size" checked at the size that matters.
import { performance } from "node:perf_hooks";
import { openFreshPostgres, openPglite, type DatabaseHandle } from "@/db/client";
import { iterateEmployers } from "@/db/queries/employer-list";
import { countAttention, countEmployersByStatus, countExpectedReady } from "@/db/queries/overview";
import { seedPortfolio } from "@/db/seed/portfolio";

const EMPLOYERS = Number(process.argv[2] ?? 100_000);
const NOW = new Date("2026-11-30T12:00:00Z");

function openFresh(): Promise<DatabaseHandle> {
  const server = process.env.VERIFY_DATABASE_URL;
  return server ? openFreshPostgres(server, { prefix: "perch_verify" }) : openPglite(null);
}

const handle = await openFresh();
let failures = 0;
function check(label: string, actual: unknown, expected: unknown) {
  const ok = JSON.stringify(actual) === JSON.stringify(expected);
  if (!ok) failures += 1;
  console.log(
    `${ok ? "PASS" : "FAIL"}  ${label}: ${JSON.stringify(actual)}${ok ? "" : ` (expected ${JSON.stringify(expected)})`}`,
  );
}

try {
  const { db } = handle;
  const seeded = performance.now();
  const truth = await seedPortfolio(db, { employers: EMPLOYERS, now: NOW, seed: 1 });
  console.log(
    `Seeded ${EMPLOYERS.toLocaleString("en-US")} employers on ${handle.driver} in ${((performance.now() - seeded) / 1000).toFixed(1)} s.`,
  );

  const { total, byStatus } = await countEmployersByStatus(db);
  check("employers (not archived)", total, truth.active);
  check(
    "employers by status",
    Object.fromEntries(
      byStatus
        .map((s): [string, number] => [s.status ?? "none", s.count])
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
    Object.fromEntries(Object.entries(truth.byStatus).sort(([a], [b]) => a.localeCompare(b))),
  );

  const buckets = await countExpectedReady({ now: NOW, weeks: 6 }, db);
  check("overdue groups", buckets.overdue, truth.expectedReady.overdue);
  check("groups expected per week", buckets.weeks, truth.expectedReady.weeks);
  check(
    "employers ready within 7 days",
    buckets.employersWithin7Days,
    truth.employersReadyWithin7Days,
  );

  const attention = await countAttention({ now: NOW }, db);
  for (const [kind, count] of Object.entries(attention)) {
    check(`attention: ${kind}`, count, truth.attention[kind as keyof typeof truth.attention]);
  }
  let needing = 0;
  for await (const batch of iterateEmployers({ now: NOW, attention: "any" }, 1000, db)) {
    needing += batch.length;
  }
  check("export filtered to 'needs attention'", needing, truth.attention.any);

  const exported = performance.now();
  let rows = 0;
  for await (const batch of iterateEmployers({ now: NOW }, 1000, db)) rows += batch.length;
  check("CSV export rows", rows, truth.active);
  console.log(`Export walked in ${((performance.now() - exported) / 1000).toFixed(1)} s.`);
} finally {
  await handle.close();
}
console.log(
  failures ? `\n${failures} figure(s) wrong.` : "\nEvery figure matches the seeded truth.",
);
process.exit(failures ? 1 : 0);
