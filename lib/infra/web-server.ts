import { spawn, type ChildProcess } from "node:child_process";
import { NEXT_BIN } from "./production-build";
import { PROJECT_ROOT } from "./project-root";

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
  sessionSecret: string;
  hostname?: string;
  quiet?: boolean;
}): Promise<WebServer> {
  const hostname = options.hostname ?? "localhost";
  const child = spawn(process.execPath, [NEXT_BIN, options.mode, "-p", String(options.port), "-H", hostname], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      SESSION_SECRET: options.sessionSecret,
      PORT: String(options.port),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: options.quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://${hostname}:${options.port}`;
  await waitUntilServing(url, child, output);
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function waitUntilServing(url: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the web server exited (${child.exitCode ?? child.signalCode}):\n${output.join("").slice(-2000)}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGTERM");
  throw new Error(`the web server did not answer on ${url} within 120 s:\n${output.join("").slice(-2000)}`);
}
