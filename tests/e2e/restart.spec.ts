import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createAccount, createToken } from "./support/accounts";
import { freePort } from "../../lib/infra/embedded-database";
import { isProcessAlive } from "../../lib/infra/process-files";
import { PROJECT_ROOT } from "../../lib/infra/project-root";

/**
 * `npm start` killed with SIGKILL leaves its web server and its worker behind; the next start
 * must stop them and come up by itself. A web server killed under a running `npm start` is
 * restarted by it, and an upload it had queued is imported meanwhile by the worker. (The
 * embedded database's own recovery, and a killed worker's, are integration tests.)
 */
function start(dataDir: string, port: number): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const child = spawn(process.execPath, ["--conditions=react-server", "lib/cli/launch.mjs", "start"], {
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
  const run = JSON.parse(fs.readFileSync(path.join(dataDir, "run.json"), "utf8")) as { pid: number; serverPid: number; workerPid: number };
  first.child.kill("SIGKILL");
  await new Promise((resolve) => first.child.once("exit", resolve));
  expect(isProcessAlive(run.serverPid)).toBe(true); // the orphaned web server still holds the port
  expect(isProcessAlive(run.workerPid)).toBe(true); // and the orphaned worker its lock

  const second = start(dataDir, port);
  await runningAt(second.output, second.child);
  expect(second.output.join("")).toContain("stopping the web server left behind by an earlier start");
  expect(second.output.join("")).toContain("stopping the worker left behind by an earlier start");
  expect(isProcessAlive(run.serverPid)).toBe(false);
  expect(isProcessAlive(run.workerPid)).toBe(false);
  const health = await request.get(`http://localhost:${port}/api/health`);
  expect(health.status()).toBe(200);
  // The new worker beats within seconds of its start.
  await expect.poll(async () => ((await (await request.get(`http://localhost:${port}/api/health`)).json()) as { worker: string }).worker, { timeout: 60_000 }).toBe("alive");

  // A plain SIGTERM stops everything it started and clears its run file.
  const secondRun = JSON.parse(fs.readFileSync(path.join(dataDir, "run.json"), "utf8")) as { serverPid: number; workerPid: number };
  second.child.kill("SIGTERM");
  await new Promise((resolve) => second.child.once("exit", resolve));
  expect(isProcessAlive(secondRun.serverPid)).toBe(false);
  expect(isProcessAlive(secondRun.workerPid)).toBe(false);
  expect(fs.existsSync(path.join(dataDir, "run.json"))).toBe(false);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("a web server killed after queuing an upload is restarted; the worker imports the upload meanwhile", async ({ request }) => {
  test.setTimeout(240_000);
  const researcher = await createAccount("RESEARCHER");
  const { token } = await createToken(researcher.email);
  const auth = { authorization: `Bearer ${token}` };
  const header = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
  const points = 20_000;
  const rows = Array.from({ length: points }, (_, i) => `${1723000000 + i * 5},0b0fb1,${(19 + (i % 500) * 0.004).toFixed(4)},-74.5,230,90,0,KILL01 ,False,,,,10000,,,`);
  const accepted = await request.post("/api/imports", { data: [header, ...rows].join("\n") + "\n", headers: { ...auth, "x-file-name": "killed_server.csv" } });
  expect(accepted.status()).toBe(202);
  const { jobId } = (await accepted.json()) as { jobId: string };

  // The job is queued (or already importing): the web server that took the upload dies now.
  const runFile = path.join(process.env.E2E_DATA_DIR!, "run.json");
  const killed = (JSON.parse(fs.readFileSync(runFile, "utf8")) as { serverPid: number }).serverPid;
  process.kill(killed, "SIGKILL");

  // The supervisor starts a new web server; the job was never the web server's to run.
  let job: { phase: string; attempts: number; outcome: { status: string; accepted?: number } | null; error: string | null } | null = null;
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const response = await request.get(`/api/imports/jobs/${jobId}`, { headers: auth }).catch(() => null);
    if (!response || response.status() !== 200) continue;
    job = (await response.json()) as typeof job;
    if (job!.phase === "done" || job!.phase === "failed") break;
  }
  expect(job).toMatchObject({ phase: "done", attempts: 1, error: null, outcome: { status: "imported", accepted: points } });
  const restarted = (JSON.parse(fs.readFileSync(runFile, "utf8")) as { serverPid: number }).serverPid;
  expect(restarted).not.toBe(killed);
  expect(isProcessAlive(killed)).toBe(false);
  const health = (await (await request.get("/api/health")).json()) as { worker: string; jobs: { queued: number; active: number } };
  expect(health).toMatchObject({ worker: "alive", jobs: { queued: 0, active: 0 } });
});
