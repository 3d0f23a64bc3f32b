import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { freePort } from "@/lib/infra/embedded-database";
import { isProcessAlive } from "@/lib/infra/process-files";
import { PROJECT_ROOT } from "@/lib/infra/project-root";

/**
 * The whole supervisor, as a person runs it: the CLI's serve command (`npm run dev`'s code path:
 * the same supervisor as `npm start`, without a production build) on an embedded database. Its
 * postmaster is killed with SIGKILL; the supervisor must restart it and the web server's
 * /api/health (a query through the pool every page uses) must answer 200 again within 30 s, with
 * a row committed before the kill still there.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-serve-kill-"));
let serve: ChildProcess | undefined;
afterAll(async () => {
  if (serve && serve.exitCode === null && serve.signalCode === null) {
    const exited = new Promise((resolve) => serve!.once("exit", resolve));
    serve.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(10_000) })).status;
  } catch {
    return 0;
  }
}

function postmasterPid(): number {
  return Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
}

/** The embedded server's own URL, from the files it keeps beside its data. */
function databaseUrl(): string {
  const secret = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres-secret.json"), "utf8")) as { user: string; password: string };
  const port = fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[3];
  return `postgresql://${secret.user}:${encodeURIComponent(secret.password)}@127.0.0.1:${port}/darkflight`;
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

it("restarts the embedded PostgreSQL killed under a running serve, and the pages answer again within 30 s", { timeout: 600_000 }, async () => {
  const port = await freePort();
  // No DATABASE_URL: the embedded database, supervised. No NODE_ENV: vitest's "test" is not the dev server's.
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), DARKFLIGHT_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  const output: string[] = [];
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "dev"], {
    cwd: PROJECT_ROOT,
    env: env as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  serve = child;
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  await until("serve comes up", 480_000, async () => {
    if (child.exitCode !== null) throw new Error(`serve exited:\n${output.join("").slice(-3000)}`);
    return output.join("").includes("darkflight is running at") ? true : undefined;
  });
  const base = `http://localhost:${port}`;
  expect(await status(`${base}/api/health`)).toBe(200);

  await sql("CREATE TABLE survival (value text NOT NULL)");
  await sql("INSERT INTO survival (value) VALUES ($1)", ["committed before the kill"]);
  const killed = postmasterPid();
  process.kill(killed, "SIGKILL");
  const killedAtMs = Date.now();

  await until("the kill shows in /api/health", 10_000, async () => ((await status(`${base}/api/health`)) === 503 ? true : undefined));
  await until("/api/health answers 200 again", 30_000 - (Date.now() - killedAtMs), async () =>
    (await status(`${base}/api/health`)) === 200 ? true : undefined,
  );
  const recoveredMs = Date.now() - killedAtMs;
  const supervisorLines = output.join("").split("\n").filter((line) => /is gone|is back|restart/.test(line));
  console.info(`serve: embedded PostgreSQL killed with SIGKILL, /api/health 200 again after ${recoveredMs} ms\n${supervisorLines.join("\n")}`);
  expect(recoveredMs).toBeLessThan(30_000);
  expect(postmasterPid()).not.toBe(killed);
  expect(output.join("")).toContain("is gone; restarting it");
  expect(await sql<{ value: string }>("SELECT value FROM survival")).toEqual([{ value: "committed before the kill" }]);
  // The demo data loaded at the first start is intact too.
  expect(Number((await sql<{ n: string }>("SELECT count(*) AS n FROM import_batches"))[0]!.n)).toBeGreaterThan(0);

  // A plain SIGTERM still stops the web server and the (restarted) database.
  const restarted = postmasterPid();
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
  await until("the restarted database stops with the supervisor", 30_000, async () => (isProcessAlive(restarted) ? undefined : true));
});
