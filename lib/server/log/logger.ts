import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { serverEnv } from "../env";

export type { Logger } from "pino";

// One root logger per process, kept across Next.js hot reloads.
const globalForLogger = globalThis as unknown as { darkflightLogger?: Logger };

/**
 * The process's root logger (web server, supervisor, CLI), on stderr: stdout stays the
 * command's own output (a CLI's --json report, a table). JSON lines when NODE_ENV is production
 * or stderr is not a terminal, for a log collector; on a terminal in development, pino-pretty's
 * readable lines, when that dev dependency is installed. Components take a child:
 * `logger().child({ component: "supervisor" })`; requests and jobs one with their id.
 */
export function logger(): Logger {
  if (!globalForLogger.darkflightLogger) {
    const env = serverEnv();
    const readable = env.NODE_ENV !== "production" && process.stderr.isTTY === true;
    globalForLogger.darkflightLogger = createLogger({ level: env.LOG_LEVEL, destination: readable ? prettyStream() : undefined });
  }
  return globalForLogger.darkflightLogger;
}

/** A logger writing JSON lines to `destination` (default stderr). */
export function createLogger(options: { level: Level | "silent"; destination?: DestinationStream }): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level,
    // A password or a cookie that slips into a log object is masked.
    redact: { paths: ["password", "*.password", "cookie", "*.cookie", "authorization", "*.authorization"], censor: "[redacted]" },
  };
  return pino(settings, options.destination ?? pino.destination({ dest: 2, sync: true }));
}

/**
 * pino-pretty as a stream in this thread (never a transport: its worker thread cannot be
 * resolved from inside the Next.js bundle), or undefined when it is not installed.
 */
function prettyStream(): DestinationStream | undefined {
  try {
    const load = createRequire(path.join(process.cwd(), "package.json"));
    const pretty = load("pino-pretty") as (options: object) => DestinationStream;
    return pretty({ colorize: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname", destination: 2, sync: true });
  } catch {
    return undefined;
  }
}
