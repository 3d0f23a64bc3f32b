import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CLI_NODE_ARGS } from "../../../infra/cli-node-args";
import { PROJECT_ROOT } from "../../../infra/project-root";
import type { LiveStats } from "../../../server/live/run-live";

const PRELOAD = path.join(PROJECT_ROOT, "lib", "cli", "bench", "scale", "report-peak-rss.mjs");

export interface LiveChildResult {
  stats: LiveStats & { sources: { url: string; messages: number; reconnects: number; errors: number; lastError: string | null }[] };
  peakRssMb: number;
  exitCode: number | null;
}

/**
 * `npm run cli -- live --source …` as a person runs it, against `databaseUrl`; `stop()` sends
 * SIGTERM (what was received is committed), then reads the totals it prints (--json) and the
 * process's exact peak RSS (reported on exit by report-peak-rss.mjs).
 */
export function startLiveChild(
  source: string,
  databaseUrl: string,
  publicUrl: string,
  dir: string,
  flushMs = 1000,
): { child: ChildProcess; stop(): Promise<LiveChildResult> } {
  const rssFile = path.join(dir, `live-peak-${Date.now()}.jsonl`);
  const child = spawn(process.execPath, [...CLI_NODE_ARGS, "live", "--source", source, "--json", "--flush-ms", String(flushMs)], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PUBLIC_URL: publicUrl,
      LOG_LEVEL: process.env.LIVE_BENCH_LOG_LEVEL ?? "warn",
      DARKFLIGHT_PEAK_RSS_FILE: rssFile,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${PRELOAD}`.trim(),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => (stdout += chunk));
  const closed = new Promise<number | null>((resolve) => child.once("close", resolve));
  return {
    child,
    async stop() {
      child.kill("SIGTERM");
      const exitCode = await closed;
      const start = stdout.indexOf("{");
      if (start < 0) throw new Error(`the live command printed no totals (exit ${exitCode})`);
      const reports = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { pid: number; peakKb: number }) : [];
      fs.rmSync(rssFile, { force: true });
      const own = reports.find((r) => r.pid === child.pid);
      return { stats: JSON.parse(stdout.slice(start)) as LiveChildResult["stats"], peakRssMb: (own?.peakKb ?? 0) / 1024, exitCode };
    },
  };
}
