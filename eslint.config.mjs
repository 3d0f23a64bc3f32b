import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "node_modules/**", "lib/server/db/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The pure core and the parsers import no framework, database or server code.
    files: ["lib/core/**", "lib/ingest/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "react", "react-dom", "@prisma/*", "pg", "pg-*", "**/server/**", "**/infra/**"], message: "lib/core and lib/ingest stay pure: no framework, database or server imports." },
          ],
        },
      ],
      // No clock and no environment: time and configuration are passed in.
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "pass `nowMs` in instead of reading the clock" },
        { object: "process", property: "env", message: "configuration is passed in; lib/server/env.ts reads the environment" },
      ],
      "no-restricted-syntax": ["error", { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "pass the time in instead of reading the clock" }],
    },
  },
  {
    // Pages and components go through the data-access layer, never to the database directly.
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["pg", "@prisma/*", "**/db/generated/**", "**/server/db/**", "**/infra/**"], message: "app/ calls lib/server data-access functions; SQL and Prisma live there." }] },
      ],
    },
  },
  {
    // The data-access layer is what the web server bundles: process plumbing (embedded
    // PostgreSQL, migrations, builds, child processes) belongs to the CLI and the tests.
    files: ["lib/server/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/infra/**", "@/lib/infra/*", "**/cli/**"], message: "lib/server never imports lib/infra or lib/cli: pass what it needs in." }] },
      ],
    },
  },
  {
    // Server code logs through pino (lib/server/log/logger.ts): structured, with request and job ids.
    files: ["lib/server/**", "lib/infra/**", "lib/cli/**", "app/**"],
    rules: { "no-console": "error" },
  },
  {
    // The CLI's deliberate output for the person at the terminal: reports, tables, --json.
    files: ["lib/cli/main.ts", "lib/cli/commands/**", "lib/cli/print-rejections.ts", "lib/cli/bench/**"],
    rules: { "no-console": "off" },
  },
  {
    // The supervisor's output is logging, not a report.
    files: ["lib/cli/commands/serve.ts"],
    rules: { "no-console": "error" },
  },
]);
