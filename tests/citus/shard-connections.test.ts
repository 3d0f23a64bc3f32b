import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CanonicalPosition } from "@/lib/ingest/canonical-position";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { runDetection } from "@/lib/server/detection/run-detection";
import { commitLiveBatch } from "@/lib/server/live/commit-live-batch";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";

/**
 * Run by `npm run test:citus`: the writes a live feed makes every commit and a detection every
 * batch reuse the session's connections to the workers. Written from a function or a temporary
 * table, Citus routes them through intermediate results that open a connection to every shard in
 * each transaction (lib/server/db/insert-values.ts): 0.3–1 s a commit on this cluster.
 * Citus counts the connections it opens per database (citus_stat_counters).
 */
const T0 = Date.parse("2024-08-03T12:00:00Z");
/** 60 aircraft (across every shard) flying east, a position each 5 s for `seconds` from `fromS`. */
function traffic(fromS: number, seconds: number): CanonicalPosition[] {
  const records: CanonicalPosition[] = [];
  for (let a = 0; a < 60; a++) {
    for (let s = fromS; s < fromS + seconds; s += 5) {
      records.push({
        time: new Date(T0 + s * 1000), icao24: (0xa10000 + a * 977).toString(16), callsign: `TST${a}`, latDeg: 12 + a * 0.05, lonDeg: -75 + s * 0.002,
        altitudeBaroFt: 35_000, altitudeGeoFt: null, groundSpeedKt: 450, trackDeg: 90, verticalRateFpm: 0, squawk: null, onGround: false, source: "ADSB",
      });
    }
  }
  return records;
}

const opened = async () =>
  Number((await dbPool().query<{ n: string }>(`SELECT connection_establishment_succeeded::text AS n FROM citus_stat_counters WHERE name = current_database()`)).rows[0]!.n);
const source = { label: "sbs1://127.0.0.1:30003", format: "sbs1" as const };
let shards: number;

beforeAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, detection_requests, reception_visits, reception_cells CASCADE");
  await ensureReferenceData();
  const { rows } = await dbPool().query<{ db: string; shards: number }>(
    `SELECT current_database() AS db, (SELECT count(*)::int FROM pg_dist_shard WHERE logicalrelid = 'flights'::regclass) AS shards`,
  );
  shards = rows[0]!.shards;
  // Counted from the next connections on (the pool's are closed).
  await dbPool().query(`ALTER DATABASE "${rows[0]!.db}" SET citus.enable_stat_counters = on`);
  await closeDbPool();
});

afterAll(async () => {
  await closeDbPool();
});

describe("writes on a Citus cluster", () => {
  it("a live commit and a detection batch open no connection per shard", async () => {
    expect(shards).toBeGreaterThanOrEqual(8);
    // The first commit and run open the pool's sessions and their one connection per worker.
    await commitLiveBatch(traffic(0, 60), new Map(), source);
    await runDetection();
    const beforeCommits = await opened();
    for (let i = 1; i <= 3; i++) {
      const commit = await commitLiveBatch(traffic(i * 60, 60), new Map(), source);
      expect(commit.inserted).toBe(60 * 12);
    }
    const byCommits = (await opened()) - beforeCommits;
    // The map takes the three commits in (its own statements), then detection is asked again
    // for every aircraft: a run whose only writes are the flights, flags and gaps of one batch.
    await runDetection();
    await dbPool().query(`INSERT INTO detection_requests (icao24, window_start, window_end) SELECT DISTINCT icao24, min(time), max(time) FROM positions GROUP BY icao24`);
    const beforeDetection = await opened();
    const run = await runDetection();
    expect(run.flights).toBe(60);
    const byDetection = (await opened()) - beforeDetection;
    // Through intermediate results, one connection per shard the rows reach: 75 for the three
    // commits and 25 for the run (60 aircraft on 25 of 32 shards), measured without VALUES.
    expect(byCommits, `connections opened by 3 commits (${shards} shards)`).toBeLessThan(shards);
    expect(byDetection, `connections opened by a detection batch (${shards} shards)`).toBeLessThan(shards / 2);
  });
});
