import { spawn, type ChildProcess } from "node:child_process";
import { CLI_NODE_ARGS } from "./cli-node-args";
import { PROJECT_ROOT } from "./project-root";

/**
 * Spawn the job worker (`lib/cli/launch.mjs worker`) with the database URL and the data directory
 * (where uploads wait) in its environment; the web server gets the same two.
 */
export function spawnWorker(options: { databaseUrl: string; dataDir: string }): ChildProcess {
  return spawn(process.execPath, [...CLI_NODE_ARGS, "worker"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, DARKFLIGHT_DATA_DIR: options.dataDir },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

export interface SupervisedChild {
  /** Stop restarting and stop the running child. */
  stop(): Promise<void>;
}

/**
 * The supervisor's restart policy, for the web server and the worker: a child that exits on its
 * own is started again after a backoff (1 s, doubling, at most 30 s). A child that ran a minute
 * resets the count; after `maxFastCrashes` crashes in a row, each within a minute of its start,
 * `onGaveUp` is called (the supervisor then stops everything with exit code 1).
 */
export function superviseChild(options: {
  name: string;
  /** Start the child; call `spawned` as soon as it exists (before it is ready). */
  start: (spawned: (child: ChildProcess) => void) => Promise<ChildProcess>;
  /** After each successful start. */
  onStarted?: (child: ChildProcess) => void;
  stopChild: (child: ChildProcess) => Promise<void>;
  log: (message: string, details?: object) => void;
  onGaveUp: (reason: string) => void;
  maxFastCrashes?: number;
}): SupervisedChild {
  const maxFastCrashes = options.maxFastCrashes ?? 6;
  let stopped = false;
  let child: ChildProcess | undefined;
  let fastCrashes = 0;
  let timer: NodeJS.Timeout | undefined;

  const run = async (): Promise<void> => {
    const startedMs = Date.now();
    let current: ChildProcess;
    try {
      current = await options.start((spawned) => {
        child = spawned;
        if (stopped) void options.stopChild(spawned);
      });
    } catch (error) {
      return crashed(startedMs, error instanceof Error ? error.message : String(error));
    }
    child = current;
    if (stopped) return;
    current.once("exit", (code, signal) => {
      if (!stopped && current === child) void crashed(startedMs, `exited (${code ?? signal})`);
    });
    if (current.exitCode !== null || current.signalCode !== null) return crashed(startedMs, `exited (${current.exitCode ?? current.signalCode})`);
    options.onStarted?.(current);
  };

  const crashed = async (startedMs: number, reason: string): Promise<void> => {
    if (stopped) return;
    fastCrashes = Date.now() - startedMs < 60_000 ? fastCrashes + 1 : 1;
    if (fastCrashes >= maxFastCrashes) {
      stopped = true;
      options.onGaveUp(`the ${options.name} ${reason}; it crashed ${fastCrashes} times in a row within a minute of starting`);
      return;
    }
    const delayMs = Math.min(30_000, 1000 * 2 ** (fastCrashes - 1));
    options.log(`the ${options.name} ${reason}; restarting it in ${delayMs / 1000} s`, { reason, delayMs });
    timer = setTimeout(() => void run(), delayMs);
  };

  void run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (child) await options.stopChild(child);
    },
  };
}
