import type { Command } from "commander";
import { logger } from "../../server/log/logger";
import { parseLiveSourceUrl, type LiveSourceAddress } from "../../server/live/live-source-url";
import { publicBaseUrl } from "../../server/live/public-base-url";
import { startLive, type RunningLive } from "../../server/live/run-live";
import { asUsageError } from "../usage-error";
import { withDatabase } from "../with-database";

/**
 * `live --source sbs1://HOST:PORT [--source aircraft-json+http://HOST:PORT/PATH …]`: the live
 * ingest in the foreground until Ctrl-C or SIGTERM. Status on stderr every 10 s; on exit, what
 * was received is committed and the totals are printed (JSON with --json).
 */
export function registerLiveCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("live")
    .description("ingest live sources (SBS-1 over TCP, readsb aircraft.json over HTTP) with detection and alerts, until Ctrl-C")
    .requiredOption("--source <url...>", "sbs1://HOST:PORT or aircraft-json+http://HOST:PORT/PATH (repeatable)")
    .option("--flush-ms <ms>", "commit what arrived this often", "2000")
    .option("--json", "print the final totals as JSON")
    .action(async (options: { source: string[]; flushMs: string; json?: boolean }) => {
      const sources: LiveSourceAddress[] = asUsageError(() => options.source.map(parseLiveSourceUrl));
      const flushMs = asUsageError(() => positive(options.flushMs, "--flush-ms"));
      setExitCode(await withDatabase(true, () => runInForeground(sources, flushMs, options.json ?? false)));
    });
}

async function runInForeground(sources: LiveSourceAddress[], flushMs: number, json: boolean): Promise<number> {
  const log = logger().child({ component: "live" });
  const live = startLive({ sources, log, flushMs, publicUrl: publicBaseUrl() });
  log.info({ sources: sources.map((s) => s.url) }, "live ingest running; Ctrl-C stops it");
  const report = setInterval(() => log.info(statusLine(live), "live status"), 10_000);
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.removeAllListeners(signal);
      process.once(signal, () => resolve());
    }
  });
  clearInterval(report);
  log.info("stopping: committing what was received");
  await live.stop();
  const totals = { ...live.stats(), sources: live.statuses.map((s) => ({ url: s.url, messages: s.messagesTotal, reconnects: s.reconnects, errors: s.errors, lastError: s.lastError })) };
  console.log(json ? JSON.stringify(totals, null, 2) : `${totals.positions} positions stored (${totals.duplicates} duplicates skipped) in ${totals.committedBatches} batches; ${totals.alerts} alerts`);
  return 0;
}

function statusLine(live: RunningLive): Record<string, unknown> {
  const stats = live.stats();
  return {
    positions: stats.positions,
    streamTime: stats.streamTimeMs === null ? null : new Date(stats.streamTimeMs).toISOString(),
    storedLatencyMs: stats.storedLatencyMs,
    alerts: stats.alerts,
    feeds: live.statuses.map((s) => ({ url: s.url, connected: s.connected, messagesPerS: Math.round(s.messagesPerS), reconnects: s.reconnects, errors: s.errors })),
  };
}

function positive(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}
