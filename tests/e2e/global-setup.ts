import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../lib/infra/embedded-database";
import { PROJECT_ROOT } from "../../lib/infra/project-root";
import { createScratchDatabase } from "../../lib/infra/scratch-database";

/** The upload limit the browser tests' server runs with (tests/e2e/upload-limits.spec.ts). */
export const E2E_UPLOAD_MAX_BYTES = 8_000_000;

/**
 * A fresh database, then `npm start`'s code path against it (migrate, demo data, production
 * build if stale, `next start` and the job worker that imports uploads) on a free port. Tests
 * read E2E_BASE_URL, E2E_DATABASE_URL and E2E_DATA_DIR (its run.json names the children).
 */
export default async function globalSetup() {
  const database = await createScratchDatabase();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-e2e-"));
  const server = spawn(process.execPath, ["--conditions=react-server", "lib/cli/launch.mjs", "start"], {
    cwd: PROJECT_ROOT,
    // A small upload limit, so the refusal of a too-large upload is tested without 512 MB bodies.
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), DARKFLIGHT_DATA_DIR: dataDir, UPLOAD_MAX_BYTES: String(E2E_UPLOAD_MAX_BYTES) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (process.env.E2E_VERBOSE) process.stdout.write(chunk);
  };
  server.stdout.on("data", collect);
  server.stderr.on("data", collect);
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));

  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 15 * 60_000; // a cold `next build` on two cores takes minutes
  for (;;) {
    if (server.exitCode !== null) throw new Error(`npm start exited (${server.exitCode}):\n${output.join("").slice(-4000)}`);
    if (output.join("").includes("darkflight is running at")) break;
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output.join("").slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_DATABASE_URL = database.url;
  process.env.E2E_DATA_DIR = dataDir;

  return async () => {
    server.kill("SIGTERM");
    await exited;
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
