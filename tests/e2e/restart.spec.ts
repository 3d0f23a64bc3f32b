import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../../lib/infra/embedded-database";
import { isProcessAlive } from "../../lib/infra/process-files";
import { PROJECT_ROOT } from "../../lib/infra/project-root";

/**
 * `npm start` killed with SIGKILL leaves its web server behind; the next start must stop it and
 * come up by itself. (The embedded database's own recovery is an integration test.)
 */
function start(dataDir: string, port: number): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "start"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, PORT: String(port), DARKFLIGHT_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return { child, output };
}

async function runningAt(output: string[], child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!output.join("").includes("darkflight is running at")) {
    if (child.exitCode !== null) throw new Error(`start exited:\n${output.join("")}`);
    if (Date.now() > deadline) throw new Error(`start did not come up:\n${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test("a start after a kill -9 stops what the killed run left and comes up", async ({ request }) => {
  test.setTimeout(300_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-restart-"));
  const port = await freePort();
  const first = start(dataDir, port);
  await runningAt(first.output, first.child);
  const run = JSON.parse(fs.readFileSync(path.join(dataDir, "run.json"), "utf8")) as { pid: number; serverPid: number };
  first.child.kill("SIGKILL");
  await new Promise((resolve) => first.child.once("exit", resolve));
  expect(isProcessAlive(run.serverPid)).toBe(true); // the orphaned web server still holds the port

  const second = start(dataDir, port);
  await runningAt(second.output, second.child);
  expect(second.output.join("")).toContain("stopping the web server left behind by an earlier start");
  expect(isProcessAlive(run.serverPid)).toBe(false);
  expect((await request.get(`http://localhost:${port}/api/health`)).status()).toBe(200);

  // A plain SIGTERM stops everything it started and clears its run file.
  const secondRun = JSON.parse(fs.readFileSync(path.join(dataDir, "run.json"), "utf8")) as { serverPid: number };
  second.child.kill("SIGTERM");
  await new Promise((resolve) => second.child.once("exit", resolve));
  expect(isProcessAlive(secondRun.serverPid)).toBe(false);
  expect(fs.existsSync(path.join(dataDir, "run.json"))).toBe(false);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
