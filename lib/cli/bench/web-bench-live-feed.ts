import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startReplay } from "../../infra/replay-server";
import { dbPool } from "../../server/db/pool";
import { startLiveChild } from "./live/live-child";
import { writeSyntheticTraffic } from "./synthetic-caribbean-traffic";

export interface BenchLiveFeed {
  /** The live feed's batches committed so far. */
  commits(): Promise<number>;
  /** Stops the replay, then the live process (it commits what it received); its totals. */
  stop(): Promise<{ positions: number; commits: number; seconds: number; peakRssMb: number }>;
}

/** A commit every 2 s, as `npm run cli -- live` and the worker's feeds do by default. */
const FLUSH_MS = 2_000;

/**
 * Writes while pages are measured, as a receiver's feed does: a day of synthetic Caribbean
 * traffic (other aircraft than the benchmark world's and earlier runs', after the stored data) replayed as SBS-1 at
 * `speed` into `npm run cli -- live` (its own process) against `databaseUrl`. Every commit
 * stores positions, queues detection, re-detects the flights it touched and may raise alerts:
 * each moves the database's snapshot, so an analyst's kept page is rendered again after it.
 * Resolves once the first batch is committed. Uses the data layer's pool (DATABASE_URL).
 */
export async function startBenchLiveFeed(options: { databaseUrl: string; dir: string; speed: number; log: (message: string) => void }): Promise<BenchLiveFeed> {
  const file = path.join(options.dir, "web_bench_live_feed.csv");
  options.log("generating a live feed (500 aircraft, a day) …");
  // Other aircraft each run (addresses the world's 0x0c…. aircraft and earlier runs' do not use):
  // a feed replayed again would bring duplicates, or tracks interleaved with the last run's.
  const run = Math.floor(Date.now() / 1000);
  await writeSyntheticTraffic(file, { aircraft: 500, minPositions: 300_000, seed: run % 2_147_483_647, firstIcao24: 0x800000 + (run % 200) * 0x8000 });
  // Played after everything stored (from 20 h ago, or an hour after the newest position), as a
  // feed comes after the history imported before it. Over stored hours its positions would
  // re-grade the stored silences of hundreds of other aircraft at every commit (the reception map
  // changed under them): right for late data, not what a live feed brings.
  const { rows } = await dbPool().query<{ newest_ms: number | null }>(`SELECT (extract(epoch FROM max(time)) * 1000)::float8 AS newest_ms FROM positions`);
  const startMs = Math.max(Date.now() - 20 * 3_600_000, (rows[0]?.newest_ms ?? 0) + 3_600_000);
  const replay = await startReplay({ file, speed: options.speed, sbs1Port: 0, waitForClient: true, shiftToMs: startMs });
  const live = startLiveChild(`sbs1://127.0.0.1:${replay.sbs1Port}`, options.databaseUrl, "http://localhost:3000", options.dir, FLUSH_MS);
  const commits = async () => {
    const { rows } = await dbPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM import_batches WHERE dataset = 'live'`);
    return rows[0]?.n ?? 0;
  };
  const before = await commits();
  const startedMs = Date.now();
  try {
    for (;;) {
      if ((await commits()) > before) break;
      if (live.child.exitCode !== null) throw new Error(`the live process exited (${live.child.exitCode}) before its first commit`);
      if (Date.now() - startedMs > 60_000) throw new Error("the live feed committed nothing within 60 s");
      await sleep(200);
    }
  } catch (error) {
    await replay.stop();
    await live.stop().catch(() => undefined);
    throw error;
  }
  options.log(`live feed committing every ${FLUSH_MS / 1000} s (replayed at ${options.speed}× its recorded pace)`);
  return {
    commits: async () => (await commits()) - before,
    async stop() {
      await replay.stop();
      const result = await live.stop();
      return { positions: result.stats.positions, commits: result.stats.committedBatches, seconds: (Date.now() - startedMs) / 1000, peakRssMb: result.peakRssMb };
    },
  };
}
