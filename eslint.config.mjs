import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".data/**",
      "node_modules/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The vendor stops at lib/finch: only it (and the emulator, which speaks Finch's wire format,
    // and tests) may import Finch's SDK, so an SDK upgrade touches one folder.
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["lib/finch/**", "lib/emulator/**", "tests/**", "scripts/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@tryfinch/finch-api", "@tryfinch/finch-api/*"],
              message: "Only lib/finch imports Finch's SDK; use the Perch types it exports.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
