import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../../infra/project-root";
import { TreeSampler } from "./process-memory";
import { CLI_NODE_ARGS } from "../../../infra/cli-node-args";

export interface ProcessPeak {
  pid: number;
  command: string;
  peakMb: number;
}

export interface CliRun {
  args: string[];
  exitCode: number | null;
  wallMs: number;
  /** The last lines the command printed (stdout and stderr), for parsing and for errors. */
  stdoutTail: string[];
  stderrTail: string[];
  /** Every process of the child's tree: the CLI itself and anything it spawned. */
  processes: ProcessPeak[];
  /** The CLI process's own peak resident memory. */
  peakMb: number;
  peakTreeRssMb: number;
}

const PRELOAD = path.join(PROJECT_ROOT, "lib", "cli", "bench", "scale", "report-peak-rss.mjs");
const TAIL_LINES = 200;

/**
 * `npm run cli -- <args>` as a child, as a person runs it (node with the same flags as the npm
 * script, without npm's own process in the tree), against `databaseUrl`. Output is echoed with
 * `echoPrefix` (when given) and its tail kept; memory is polled from /proc, and every node
 * process of the tree also reports its exact peak on exit (report-peak-rss.mjs).
 */
export async function runCli(args: string[], options: { databaseUrl: string; rssDir: string; echoPrefix?: string }): Promise<CliRun> {
  const rssFile = path.join(options.rssDir, `peak-rss-${process.pid}-${Date.now()}.jsonl`);
  const startedMs = performance.now();
  const child = spawn(process.execPath, [...CLI_NODE_ARGS, ...args], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      DARKFLIGHT_PEAK_RSS_FILE: rssFile,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${PRELOAD}`.trim(),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const sampler = new TreeSampler(child.pid!);
  const stdoutTail = tail(child.stdout!, options.echoPrefix, process.stdout);
  const stderrTail = tail(child.stderr!, options.echoPrefix, process.stderr);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve(code));
  });
  const wallMs = performance.now() - startedMs;
  const tree = sampler.stop();
  const peaks = new Map(tree.processes.map((p) => [p.pid, p]));
  for (const reported of readReports(rssFile)) {
    const known = peaks.get(reported.pid);
    peaks.set(reported.pid, { pid: reported.pid, command: known?.command ?? reported.command, peakMb: Math.max(known?.peakMb ?? 0, reported.peakKb / 1024) });
  }
  fs.rmSync(rssFile, { force: true });
  const processes = [...peaks.values()];
  return {
    args,
    exitCode,
    wallMs,
    stdoutTail,
    stderrTail,
    processes,
    peakMb: peaks.get(child.pid!)?.peakMb ?? 0,
    peakTreeRssMb: tree.peakTreeRssMb,
  };
}

function tail(stream: NodeJS.ReadableStream, prefix: string | undefined, echo: NodeJS.WriteStream): string[] {
  const lines: string[] = [];
  let partial = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const parts = (partial + chunk).split(/\r?\n|\r/);
    partial = parts.pop() ?? "";
    for (const line of parts) {
      if (line.trim() === "") continue;
      if (prefix !== undefined) echo.write(`${prefix}${line}\n`);
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
    }
  });
  stream.on("end", () => {
    if (partial.trim() !== "") {
      if (prefix !== undefined) echo.write(`${prefix}${partial}\n`);
      lines.push(partial);
    }
  });
  return lines;
}

function readReports(file: string): { pid: number; peakKb: number; command: string }[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { pid: number; peakKb: number; command: string });
}

/** A failed command's own words, for the report. */
export function describeFailure(run: CliRun): string {
  const last = [...run.stderrTail.slice(-8), ...run.stdoutTail.slice(-4)].join("\n  ");
  return `npm run cli -- ${run.args.join(" ")} exited ${run.exitCode}:\n  ${last}`;
}
