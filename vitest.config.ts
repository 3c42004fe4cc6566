import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = { "@": root, "server-only": `${root}tests/support/server-only.ts` };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite data directories and the emulator are per-file; run files one at a time on 2 cores.
          fileParallelism: false,
          // Processed by Vitest (not loaded as-is) so tests can supply Next's request headers to
          // Auth.js: the security tests sign in for real and call actions with those sessions.
          server: { deps: { inline: ["next-auth"] } },
        },
      },
    ],
  },
});
