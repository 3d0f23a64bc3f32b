import fs from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase, type EmbeddedDatabaseOptions } from "./embedded-database";
import { isProcessAlive, processCommandLine } from "./process-files";

export interface SupervisedDatabase {
  url: string;
  port: number;
  /** The current postmaster's pid (it changes with each restart). */
  readonly pid: number;
  /** Restarts done since the start. */
  readonly restarts: number;
  stop(): Promise<void>;
}

export interface SuperviseOptions extends EmbeddedDatabaseOptions {
  /** How often the postmaster's pid is checked (default 500 ms). */
  checkEveryMs?: number;
  /** Give up restarting after this long (default 60 s); the caller then decides. */
  restartTimeoutMs?: number;
  onRestarted?: (info: { pid: number; downMs: number }) => void;
  onGaveUp?: (error: Error) => void;
}

/**
 * Start the embedded PostgreSQL and keep it running: when its postmaster dies (a kill -9, an
 * OOM kill), start it again on the same port, so the URL the web server holds stays valid and
 * its pool reconnects by itself. PostgreSQL's crash recovery replays the WAL: committed data
 * survives. `startEmbeddedDatabase` already clears what a dead server leaves behind.
 */
export async function superviseEmbeddedDatabase(options: SuperviseOptions): Promise<SupervisedDatabase> {
  const log = options.log ?? (() => undefined);
  let current: EmbeddedDatabase = await startEmbeddedDatabase(options);
  let restarts = 0;
  let restarting: Promise<void> | undefined;
  let stopped = false;

  const restart = async () => {
    const downSinceMs = Date.now();
    log(`the embedded PostgreSQL (pid ${current.pid}) is gone; restarting it on port ${current.port}`);
    const deadline = downSinceMs + (options.restartTimeoutMs ?? 60_000);
    // A server shared with its owner (npm run dev beside npm start): let the owner restart it
    // first, so two supervisors do not start two servers on one data directory at once.
    if (!current.owned) await ownerRestarts(path.resolve(options.dataDir, "postgres", "postmaster.pid"), 5_000);
    let waitMs = 250;
    for (;;) {
      try {
        current = await startEmbeddedDatabase({ ...options, port: current.port });
        restarts += 1;
        const downMs = Date.now() - downSinceMs;
        log(`the embedded PostgreSQL is back (pid ${current.pid}) after ${downMs} ms`);
        options.onRestarted?.({ pid: current.pid, downMs });
        return;
      } catch (error) {
        if (stopped) return;
        if (Date.now() > deadline) {
          options.onGaveUp?.(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        log(`restart failed, retrying: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        waitMs = Math.min(waitMs * 2, 2000);
      }
    }
  };

  const timer = setInterval(() => {
    if (stopped || restarting) return;
    if (isPostgres(current.pid)) return;
    restarting = restart().finally(() => (restarting = undefined));
  }, options.checkEveryMs ?? 500);
  // The supervisor lives as long as the process has other work (the web server child).
  timer.unref();

  return {
    url: current.url,
    port: current.port,
    get pid() {
      return current.pid;
    },
    get restarts() {
      return restarts;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await restarting;
      await current.stop();
    },
  };
}

/** Wait (up to `timeoutMs`) for postmaster.pid to name a live server again. */
async function ownerRestarts(pidFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pid = Number(fs.existsSync(pidFile) ? fs.readFileSync(pidFile, "utf8").split("\n")[0] : NaN);
    if (Number.isInteger(pid) && pid > 0 && isPostgres(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A zombie or a reused pid has no postgres command line: both count as gone. */
function isPostgres(pid: number): boolean {
  return isProcessAlive(pid) && processCommandLine(pid).includes("postgres");
}
