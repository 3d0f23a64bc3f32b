import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import readline from "node:readline";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { startReplay } from "../../../infra/replay-server";
import { addAlertRule } from "../../../server/alerts/add-alert-rule";
import { dbPool } from "../../../server/db/pool";
import { addWatchlistEntry } from "../../../server/reference/add-watchlist-entry";
import { ensureReferenceData } from "../../../server/reference/ensure-reference-data";
import { ServerSampler } from "../scale/process-memory";
import { postmasterPidOf } from "../scale/scale-database";
import { startLiveChild } from "./live-child";

export interface LiveRateOptions {
  file: string;
  fromMs: number;
  speed: number;
  seconds: number;
  offeredLinesPerS: number;
  linesPerRecord: number;
  dir: string;
  databaseUrl: string;
}

export interface LiveRateResult {
  offeredLinesPerS: number;
  sentLinesPerS: number;
  sentRecords: number;
  storedPositions: number;
  catchUpMs: number;
  keptUp: boolean;
  storedLatency: { p50: number | null; p95: number | null };
  alertLatencies: number[];
  alertLatency: { p50: number | null; p95: number | null };
  livePeakRssMb: number;
  replayPeakRssMb: number;
  /** PostgreSQL (postmaster and all its processes), proportional set size: shared buffers once. */
  serverPeakPssMb: number | null;
}

/** Stored everything within this after the feed stopped: the live path kept up. */
const KEPT_UP_MS = 5_000;
const WATCHED_AIRCRAFT = 20;

/** One rate: replay, live child, webhook receiver; see live-bench.ts. */
export async function measureLiveRate(o: LiveRateOptions): Promise<LiveRateResult> {
  const spanMs = (o.seconds + 5) * o.speed * 1000;
  const { file, firstSeenMs } = await windowFile(o.file, path.join(o.dir, "step.csv"), o.fromMs, o.fromMs + spanMs);
  await resetData();
  // Aircraft that first appear in the middle of the window are watchlisted: each raises a "seen" alert.
  const watched = [...firstSeenMs.entries()].filter(([, t]) => t > o.fromMs + spanMs * 0.1 && t < o.fromMs + spanMs * 0.6).slice(0, WATCHED_AIRCRAFT);
  for (const [icao24] of watched) await addWatchlistEntry({ kind: "icao24", value: icao24, note: "bench:live" });
  const arrivals: { icao24: string; atMs: number }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const parsed = JSON.parse(body) as { icao24: string };
      arrivals.push({ icao24: parsed.icao24, atMs: Date.now() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  // A receiver on this machine: allowed for this process and the live process it starts.
  process.env.DARKFLIGHT_ALLOW_LOCAL_WEBHOOKS = "1";
  await addAlertRule({ rule: "seen", channel: "webhook", webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, webhookFormat: "json" }, "cli");

  const postmaster = await postmasterPidOf(o.databaseUrl);
  const server = postmaster === null ? null : new ServerSampler(postmaster, () => new Set());
  const replay = await startReplay({ file, speed: o.speed, sbs1Port: 0, waitForClient: true });
  const live = startLiveChild(`sbs1://127.0.0.1:${replay.sbs1Port}`, o.databaseUrl, "http://localhost:3000", o.dir);
  while (replay.clients() === 0) await sleep(20);
  const wallStartMs = Date.now();
  const streamStartMs = replay.streamTimeMs();
  await sleep(o.seconds * 1000);
  const sentRecords = replay.sent();
  const sentWallMs = Date.now() - wallStartMs;
  await replay.stop();

  const stoppedMs = Date.now();
  let stored = 0;
  for (let last = -1, stableSince = Date.now(); Date.now() - stoppedMs < 120_000; await sleep(250)) {
    stored = await countPositions();
    if (stored >= sentRecords) break;
    if (stored !== last) [last, stableSince] = [stored, Date.now()];
    else if (Date.now() - stableSince > 5_000) break;
  }
  const catchUpMs = Date.now() - stoppedMs;
  // Alerts of the last aircraft may still be on their way.
  const until = Date.now() + 15_000;
  while (arrivals.length < watched.length && Date.now() < until) await sleep(250);
  const result = await live.stop();
  const serverPeak = server?.stop() ?? null;
  receiver.close();

  const firstSeen = new Map(watched);
  const wallOf = (streamMs: number) => wallStartMs + (streamMs - streamStartMs) / o.speed;
  const alertLatencies = arrivals.filter((a) => firstSeen.has(a.icao24)).map((a) => a.atMs - wallOf(firstSeen.get(a.icao24)!));
  return {
    offeredLinesPerS: o.offeredLinesPerS,
    sentLinesPerS: (sentRecords * o.linesPerRecord) / (sentWallMs / 1000),
    sentRecords,
    storedPositions: stored,
    catchUpMs,
    keptUp: stored >= sentRecords && catchUpMs <= KEPT_UP_MS,
    storedLatency: result.stats.storedLatencyMs,
    alertLatencies,
    alertLatency: percentiles(alertLatencies),
    livePeakRssMb: result.peakRssMb,
    replayPeakRssMb: process.resourceUsage().maxRSS / 1024,
    serverPeakPssMb: serverPeak?.peakPssMb ?? null,
  };
}

async function resetData(): Promise<void> {
  await dbPool().query(
    `TRUNCATE positions, position_day_counts, flights, import_batches, aircraft, detection_requests, reception_visits, reception_cells,
              alerts, alert_deliveries, watchlist_entries CASCADE`,
  );
  await dbPool().query(`DELETE FROM alert_rules WHERE channel = 'webhook'`);
  await ensureReferenceData();
}

async function countPositions(): Promise<number> {
  const { rows } = await dbPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM positions`);
  return rows[0]?.n ?? 0;
}

/** The rows of an OpenSky CSV (time-major) in [fromMs, toMs), and each aircraft's first time there. */
async function windowFile(source: string, target: string, fromMs: number, toMs: number): Promise<{ file: string; firstSeenMs: Map<string, number> }> {
  const out = fs.createWriteStream(target);
  const firstSeenMs = new Map<string, number>();
  let header = true;
  for await (const line of readline.createInterface({ input: fs.createReadStream(source) })) {
    if (header) {
      out.write(`${line}\n`);
      header = false;
      continue;
    }
    const timeMs = Number(line.slice(0, line.indexOf(","))) * 1000;
    if (timeMs < fromMs || timeMs >= toMs) continue;
    const icao24 = line.split(",", 2)[1]!;
    if (!firstSeenMs.has(icao24)) firstSeenMs.set(icao24, timeMs);
    out.write(`${line}\n`);
  }
  out.end();
  await new Promise<void>((resolve) => out.once("close", () => resolve()));
  return { file: target, firstSeenMs };
}

function percentiles(values: number[]): { p50: number | null; p95: number | null } {
  if (values.length === 0) return { p50: null, p95: null };
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)]!, p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]! };
}
