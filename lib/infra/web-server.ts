import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { NEXT_BIN } from "./production-build";
import { PROJECT_ROOT } from "./project-root";

/** The production server's entry: the build through Next.js's request handler, renders gated (next-server.mjs). */
const NEXT_SERVER = path.join(PROJECT_ROOT, "lib", "infra", "next-server.mjs");

/**
 * How the production web server runs. Under many concurrent dynamic renders Next.js 16.4 keeps
 * finished renders reachable for a while: abort reasons' unread stack traces pin each render's
 * closures and its AsyncLocalStorage store (vercel/next.js#97434, #97899, #84648). Measured with
 * 20 concurrent clients: uncapped, the server grew to 780–950 MB; with a heap cap alone it spent
 * its time collecting (192 MB: throughput fell 2–4×) or ran out of heap (256 MB, 11 M positions).
 * Stack traces of two frames free those renders at once, and the cap then holds the server at
 * 275–335 MB. The cost: errors in the web server's log show two frames (a library's error, two
 * of the library's own). `DARKFLIGHT_WEB_HEAP_MB` raises the cap for a bigger deployment.
 * `next dev` (its compiler needs more, and full stacks) is left as it is.
 */
export function webNodeArgs(env: Record<string, string | undefined> = process.env): string[] {
  const heapMb = Number(env.DARKFLIGHT_WEB_HEAP_MB ?? DEFAULT_WEB_HEAP_MB);
  if (!Number.isInteger(heapMb) || heapMb < 128) throw new Error(`DARKFLIGHT_WEB_HEAP_MB must be a whole number of MB, at least 128 (got ${env.DARKFLIGHT_WEB_HEAP_MB})`);
  return [`--max-old-space-size=${heapMb}`, `--max-semi-space-size=${SEMI_SPACE_MB}`, "--stack-trace-limit=2"];
}

/**
 * The production server's environment beyond its node flags: the renders at once
 * (`DARKFLIGHT_WEB_RENDERS`, checked), and glibc's malloc limited to two
 * arenas (unless the shell chose), since Node's GC and I/O threads each take one and leave it
 * fragmented. Measured at 11 M positions (three runs each, the same pages): 290–305 MB peak
 * against 300–330 MB, at the same CPU per rendered page.
 */
export function webProcessEnv(env: Record<string, string | undefined> = process.env): Record<string, string> {
  // Checked here, so that a bad value stops `npm start` with its name instead of crashing the server at each restart.
  const renders = env.DARKFLIGHT_WEB_RENDERS;
  if (renders !== undefined && !(/^\d+$/.test(renders) && Number(renders) >= 1)) {
    throw new Error(`DARKFLIGHT_WEB_RENDERS must be a whole number of pages, at least 1 (got ${renders})`);
  }
  return { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "2", ...(renders ? { DARKFLIGHT_WEB_RENDERS: renders } : {}) };
}

const DEFAULT_WEB_HEAP_MB = 192;
/**
 * Semi-spaces of 8 MB, half of V8's default here (a 16 MB young generation instead of 32):
 * measured at 11 M positions, the server peaked at 300–330 MB instead of 355 MB for the same CPU
 * per rendered page; 4 MB doubled that CPU.
 */
const SEMI_SPACE_MB = 8;

export interface WebServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Start the production server (next-server.mjs: the build, at most a few renders at once) or
 * `next dev` as a child with the database URL in its environment.
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
  const url = `http://${hostname}:${options.port}`;
  // The production server keeps readers' pages whole; `next dev` renders every request (even if the shell exported it).
  const { DARKFLIGHT_SELF_URL: _inherited, ...inherited } = process.env;
  const args =
    options.mode === "start"
      ? [...webNodeArgs(), NEXT_SERVER, "--port", String(options.port), "--hostname", hostname]
      : [NEXT_BIN, "dev", "-p", String(options.port), "-H", hostname];
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: {
      ...inherited,
      DATABASE_URL: options.databaseUrl,
      ...(options.dataDir ? { DARKFLIGHT_DATA_DIR: options.dataDir } : {}),
      SESSION_SECRET: options.sessionSecret,
      PORT: String(options.port),
      NEXT_TELEMETRY_DISABLED: "1",
      ...(options.mode === "start" ? { DARKFLIGHT_SELF_URL: url, ...webProcessEnv() } : {}),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  options.onSpawn?.(child);
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
