import fs from "node:fs";
import { defineConfig } from "@playwright/test";

/**
 * Browser tests drive Debian's Chromium (never a downloaded browser): /usr/bin/chromium or
 * PLAYWRIGHT_CHROMIUM_EXECUTABLE. The global setup serves the production build on a fresh
 * database through `npm start`'s own code path.
 */
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium";
if (!fs.existsSync(executablePath)) {
  throw new Error(
    `No Chromium at ${executablePath}. Install Debian's: \`apt-get install -y chromium\`, ` +
      "or point PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chromium binary. (`playwright install` is not used: it downloads.)",
  );
}

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./tests/e2e/global-setup.ts",
  outputDir: "test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
