import fs from "node:fs";
import { formatCount } from "../../core/format/format-count";
import { startReplay } from "../../infra/replay-server";
import { logger } from "../../server/log/logger";
import { UsageError } from "../usage-error";
import { userPath } from "../user-path";

export interface ReplayCommandOptions {
  speed?: string;
  port?: string;
  aircraftJsonPort?: string;
  host?: string;
  shiftTo?: string;
  loop?: boolean;
}

/** How often the progress line is printed, ms. */
const PROGRESS_EVERY_MS = 5000;

/**
 * `replay <file>`: plays a recording (any importable file) as a live receiver: SBS-1 on
 * `--port` (default 30003) and aircraft.json on `--aircraft-json-port` (default 8080), at
 * `--speed` times real time (default 60). Until the end (or forever with `--loop`), or until
 * SIGINT/SIGTERM. Exit 0 when done or stopped, 1 when the file cannot be read, 2 on bad options.
 */
export async function replayCommand(file: string, options: ReplayCommandOptions): Promise<number> {
  const speed = positiveNumber("--speed", options.speed ?? "60");
  const sbs1Port = portNumber("--port", options.port ?? "30003");
  const aircraftJsonPort = portNumber("--aircraft-json-port", options.aircraftJsonPort ?? "8080");
  const host = options.host ?? "127.0.0.1";
  const shiftToMs = options.shiftTo === undefined ? undefined : instant(options.shiftTo);
  const resolved = userPath(file);
  const readable = whyUnreadable(resolved);
  if (readable !== null) {
    console.error(`darkflight: replay: ${file}: ${readable}`);
    return 1;
  }

  const log = logger().child({ component: "replay" });
  const replay = await startReplay({
    file: resolved, speed, sbs1Port, aircraftJsonPort, host, shiftToMs, loop: options.loop ?? false, log: (message) => log.info(message),
  }).catch((error: unknown) => {
    console.error(`darkflight: replay: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  if (replay === null) return 1;

  const shownHost = host.includes(":") ? `[${host}]` : host;
  console.log(`sbs1://${shownHost}:${replay.sbs1Port}`);
  console.log(`aircraft-json+http://${shownHost}:${replay.aircraftJsonPort}/data/aircraft.json`);
  console.log(`replaying ${file} at ${speed}× ${options.loop ? "in a loop " : ""}(Ctrl-C stops)`);

  const progress = setInterval(() => {
    const clock = new Date(replay.streamTimeMs()).toISOString();
    console.log(`${clock}  ${formatCount(replay.sent())} positions sent, ${replay.clients()} SBS-1 client(s)`);
  }, PROGRESS_EVERY_MS);
  const signals = ["SIGINT", "SIGTERM"] as const;
  let stoppedBy: string | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy = signal;
    void replay.stop();
  };
  for (const signal of signals) process.on(signal, onSignal);
  try {
    await replay.done;
  } finally {
    clearInterval(progress);
    for (const signal of signals) process.off(signal, onSignal);
    await replay.stop();
  }
  console.log(`${stoppedBy === null ? "done" : `stopped (${stoppedBy})`}: ${formatCount(replay.sent())} positions sent`);
  return 0;
}

function whyUnreadable(file: string): string | null {
  try {
    if (fs.statSync(file).isDirectory()) return "is a directory, not a file";
    fs.accessSync(file, fs.constants.R_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "no such file";
    if (code === "EACCES") return "permission denied";
    return error instanceof Error ? error.message : String(error);
  }
}

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} takes a positive number (got "${text}")`);
  return value;
}

function portNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value > 65535) throw new UsageError(`${flag} takes a port number 0-65535 (got "${text}")`);
  return value;
}

/** `now` or an ISO 8601 time (a time without a zone is read as UTC, like every time in darkflight). */
function instant(text: string): number {
  if (text.trim().toLowerCase() === "now") return Date.now();
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) || !text.includes("T") ? text.trim() : `${text.trim()}Z`;
  const ms = Date.parse(zoned);
  if (Number.isNaN(ms)) throw new UsageError(`--shift-to takes an ISO time (e.g. 2024-08-12T09:00:00Z) or "now" (got "${text}")`);
  return ms;
}
