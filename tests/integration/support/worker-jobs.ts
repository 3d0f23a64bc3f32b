import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { dbPool } from "@/lib/server/db/pool";
import { PROJECT_ROOT } from "@/lib/infra/project-root";
import { CLI_NODE_ARGS } from "@/lib/infra/cli-node-args";

/** Helpers for the job worker's tests: a file to upload, a user, the worker as a process. */

/** An OpenSky file of `points` positions of one aircraft, 10 s apart; returns its times (s). */
export function writeOpenskyFile(file: string, icao24: string, points: number, startS = 1722600000): number[] {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = ["time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact"];
  const times: number[] = [];
  for (let i = 0; i < points; i++) {
    const time = startS + i * 10;
    times.push(time);
    const lat = 21.5 - (i % 1000) * 0.002;
    const lon = -80.0 + (i % 1000) * 0.0015;
    lines.push(`${time},${icao24},${lat.toFixed(5)},${lon.toFixed(5)},240.5,145.0,0.0,TEST123 ,False,,,,10668.0,,,`);
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return times;
}

export async function createUploader(email: string): Promise<number> {
  const { rows } = await dbPool().query<{ id: number }>(
    `INSERT INTO users (email, password_hash, role) VALUES ($1, 'argon2id$unused', 'RESEARCHER')
     ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
    [email],
  );
  return rows[0]!.id;
}

export interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/** `npm run cli -- worker`, as the supervisor runs it: from the CLI bundle (lib/cli/launch.mjs). */
export function spawnWorkerProcess(dataDir: string): WorkerProcess {
  const child = spawn(process.execPath, [...CLI_NODE_ARGS, "worker"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DARKFLIGHT_DATA_DIR: dataDir, NODE_ENV: "production", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output, exited };
}

export async function until<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>, context?: () => string): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${deadlineMs} ms${context ? `\n${context()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface JobRowState {
  phase: string;
  attempts: number;
  error: string | null;
  outcome: { status: string; batchId?: string; accepted?: number } | null;
  progress: { rows: number };
}

export async function jobRow(id: string): Promise<JobRowState> {
  const { rows } = await dbPool().query<JobRowState>("SELECT phase, attempts, error, outcome, progress FROM import_jobs WHERE id = $1", [id]);
  return rows[0]!;
}

/** pg-boss's own record of the job. */
export async function queueState(id: string): Promise<{ state: string; retry_count: number; start_after: Date } | undefined> {
  const { rows } = await dbPool().query<{ state: string; retry_count: number; start_after: Date }>(
    "SELECT state::text, retry_count, start_after FROM pgboss.job WHERE id = $1",
    [id],
  );
  return rows[0];
}
