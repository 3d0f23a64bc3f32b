/**
 * `npm run bench:live [-- --rates 2500,5000,10000,20000 --seconds 30]`: how many SBS-1 lines per
 * second the live path keeps up with here. Synthetic Caribbean traffic (1,000 aircraft, the
 * detection benchmark's generator) is replayed as a BaseStation feed (lib/infra/replay-server.ts)
 * at the speed that offers each rate, into `npm run cli -- live` as a child process against a
 * scratch database, for `--seconds` each. Per rate: lines/s offered and sent, positions stored,
 * the time the live path needed after the feed stopped to store everything (it kept up when that
 * is under 5 s), message → stored position latency p50/p95 (measured by the live process: arrival
 * to COMMIT), message → alert latency p50/p95 (the first message of a watchlisted aircraft to
 * the webhook POST received here), and the peak memory of the live process, of this one (the
 * replay) and of PostgreSQL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatSbs1Lines } from "../../ingest/format-sbs1";
import { parsePositions } from "../../ingest/parse-positions";
import { migrateDatabase } from "../../infra/migrate";
import { createScratchDatabase } from "../../infra/scratch-database";
import { measureLiveRate, type LiveRateResult } from "./live/measure-live-rate";
import { writeSyntheticTraffic } from "./synthetic-caribbean-traffic";

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const rates = arg("--rates", "2500,5000,10000,20000").split(",").map(Number);
const seconds = Number(arg("--seconds", "30"));
const TARGET_LINES_PER_S = 5_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-live-bench-"));
const file = path.join(dir, "live_bench_opensky.csv");
const database = await createScratchDatabase({ durable: true });
try {
  console.log("generating synthetic traffic …");
  const traffic = await writeSyntheticTraffic(file, { aircraft: 1_000, minPositions: 600_000, seed: 20241205 });
  const profile = await streamProfile(file);
  console.log(
    `${traffic.positions.toLocaleString("en-US")} positions of ${traffic.aircraft} aircraft over ${((traffic.lastTimeS - traffic.firstTimeS) / 3600).toFixed(1)} h; ` +
      `${profile.linesPerRecord.toFixed(2)} SBS-1 lines per position; busiest hour ${profile.busiestPerStreamS.toFixed(0)} positions per stream second`,
  );
  await migrateDatabase(database.url);
  process.env.DATABASE_URL = database.url;
  const results: LiveRateResult[] = [];
  for (const rate of rates) {
    // Replay from the busiest hour's start at the speed that offers `rate` lines/s there.
    const speed = rate / (profile.linesPerRecord * profile.busiestPerStreamS);
    console.log(`\n${rate.toLocaleString("en-US")} lines/s offered (replay speed ${speed.toFixed(1)}×) for ${seconds} s …`);
    const result = await measureLiveRate({ file, fromMs: profile.busiestFromMs, speed, seconds, offeredLinesPerS: rate, linesPerRecord: profile.linesPerRecord, dir, databaseUrl: database.url });
    results.push(result);
    printResult(result);
  }
  const kept = results.filter((r) => r.keptUp).map((r) => r.sentLinesPerS);
  const sustained = kept.length > 0 ? Math.max(...kept) : 0;
  console.log(
    `\nsustained: ${Math.round(sustained).toLocaleString("en-US")} SBS-1 lines/s kept up with ` +
      `(${sustained >= TARGET_LINES_PER_S ? "reaches" : "misses"} the aim of ≥ ${TARGET_LINES_PER_S.toLocaleString("en-US")} lines/s); ` +
      `live process peak RSS ${Math.max(...results.map((r) => r.livePeakRssMb)).toFixed(0)} MB at most`,
  );
} finally {
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
}

function printResult(r: LiveRateResult): void {
  const ms = (v: number | null) => (v === null ? "n/a" : `${Math.round(v)} ms`);
  console.log(`  sent ${Math.round(r.sentLinesPerS).toLocaleString("en-US")} lines/s (${r.sentRecords.toLocaleString("en-US")} positions); stored ${r.storedPositions.toLocaleString("en-US")}`);
  console.log(`  caught up ${(r.catchUpMs / 1000).toFixed(1)} s after the feed stopped: ${r.keptUp ? "kept up" : "fell behind"}`);
  console.log(`  message → stored position: p50 ${ms(r.storedLatency.p50)}, p95 ${ms(r.storedLatency.p95)}`);
  console.log(`  message → alert (${r.alertLatencies.length} webhook POSTs): p50 ${ms(r.alertLatency.p50)}, p95 ${ms(r.alertLatency.p95)}`);
  const server = r.serverPeakPssMb === null ? "not measured" : `${r.serverPeakPssMb.toFixed(0)} MB PSS`;
  console.log(`  peak memory: live process ${r.livePeakRssMb.toFixed(0)} MB RSS; replay (this process) ${r.replayPeakRssMb.toFixed(0)} MB RSS; PostgreSQL ${server}`);
}

/** SBS-1 lines per position, and the busiest hour of the file (positions per stream second). */
async function streamProfile(csv: string): Promise<{ linesPerRecord: number; busiestFromMs: number; busiestPerStreamS: number }> {
  const { events } = await parsePositions(fs.createReadStream(csv), { fileName: csv, nowMs: Date.now() });
  const perHour = new Map<number, number>();
  let lines = 0;
  let records = 0;
  for await (const event of events) {
    if (event.kind !== "record") continue;
    const hour = Math.floor(event.record.time.getTime() / 3_600_000);
    perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
    if (records < 50_000) lines += formatSbs1Lines(event.record).length;
    records += 1;
  }
  const [hour, count] = [...perHour.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return { linesPerRecord: lines / Math.min(records, 50_000), busiestFromMs: hour * 3_600_000, busiestPerStreamS: count / 3600 };
}
