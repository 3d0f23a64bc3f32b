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
]);
