import { spawn, type ChildProcess } from "node:child_process";
import { NEXT_BIN } from "./production-build";
import { PROJECT_ROOT } from "./project-root";

/**
 * How the production web server runs. Under many concurrent dynamic renders Next.js 16 keeps
 * finished renders reachable for a while: abort reasons' unread stack traces pin the render's
 * closures and its AsyncLocalStorage store (vercel/next.js#97434, #97899, #84648). Measured with
 * bench:web's 20 clients: uncapped, the server grew to 780–950 MB; capped alone at 192–256 MB it
 * spent its time collecting (throughput fell 2–3×) or ran out of heap on 11 M positions. Two stack
 * frames (the throw site and its caller still show in logs) free those renders at once, and the
 * 192 MB cap then holds the server near 275 MB at ~85 % of the uncapped throughput.
 * `next dev` (its compiler needs more, and full stacks) is left as it is.
 */
export const WEB_NODE_ARGS = ["--max-old-space-size=192", "--stack-trace-limit=2"] as const;

export interface WebServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Start `next start` (or `next dev`) as a child with the database URL in its environment.
 * Spawned through node itself rather than `npx`, whose wrapper leaves the real server
 * running when it is killed.
 */
export async function startWebServer(options: {
  mode: "start" | "dev";
  port: number;
  databaseUrl: string;
  /** The data directory (uploads wait there for the worker). */
  dataDir?: string;
  sessionSecret: string;
  hostname?: string;
  /** Called as soon as the process exists, before it serves: a caller can record it at once. */
  onSpawn?: (child: ChildProcess) => void;
}): Promise<WebServer> {
  const hostname = options.hostname ?? "localhost";
  const child = spawn(process.execPath, [...(options.mode === "start" ? WEB_NODE_ARGS : []), NEXT_BIN, options.mode, "-p", String(options.port), "-H", hostname], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      ...(options.dataDir ? { DARKFLIGHT_DATA_DIR: options.dataDir } : {}),
      SESSION_SECRET: options.sessionSecret,
      PORT: String(options.port),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  options.onSpawn?.(child);
  const url = `http://${hostname}:${options.port}`;
  await waitUntilServing(url, child);
  return {
    url,
    process: child,
    stop: () => stopChild(child),
  };
}

/** SIGTERM, then SIGKILL if it has not exited within 15 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the web server exited (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopChild(child);
  throw new Error(`the web server did not answer on ${url} within 120 s`);
}
