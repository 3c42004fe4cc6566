// `npx tsx scripts/seed-portfolio.ts --employers 100000 [--seed 1] [--now 2026-11-30T12:00:00Z]
//  [--pglite .data/portfolio]`: seeds a realistic portfolio (db/seed/portfolio.ts) into
// DATABASE_URL, or into a PGlite directory, migrating it first, and prints the expected counts.
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { openPglite, openPostgres } from "@/db/client";
import { seedPortfolio } from "@/db/seed/portfolio";

const { values } = parseArgs({
  options: {
    employers: { type: "string", default: "1000" },
    seed: { type: "string", default: "1" },
    now: { type: "string" },
    pglite: { type: "string" },
  },
});

const employers = Number(values.employers);
const seed = Number(values.seed);
const now = values.now ? new Date(values.now) : new Date();
if (!Number.isInteger(employers) || employers < 1 || !Number.isInteger(seed)) {
  console.error("--employers and --seed must be positive whole numbers.");
  process.exit(2);
}
if (Number.isNaN(now.getTime())) {
  console.error("--now must be an ISO-8601 instant, e.g. 2026-11-30T12:00:00Z.");
  process.exit(2);
}
const url = process.env.DATABASE_URL;
if (!url && !values.pglite) {
  console.error("Set DATABASE_URL, or pass --pglite <directory>.");
  process.exit(2);
}

const handle = url ? await openPostgres(url) : await openPglite(values.pglite!);
try {
  const started = performance.now();
  const summary = await seedPortfolio(handle.db, { employers, seed, now });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Seeded ${employers.toLocaleString()} employers in ${seconds} s (${handle.driver}).`);
  console.log(JSON.stringify(summary, null, 2));
} finally {
  await handle.close();
}
