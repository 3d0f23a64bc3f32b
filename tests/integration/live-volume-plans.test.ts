import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isCitus } from "@/lib/server/db/is-citus";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { hasContentOfSize } from "@/lib/server/ingest/has-content-of-size";
import { listImportBatches } from "@/lib/server/ingest/list-import-batches";
import { LIVE_DATASET } from "@/lib/server/ingest/live-dataset";
import { refreshPendingReception } from "@/lib/server/reception/refresh-pending-reception";

/**
 * A live feed commits a batch every 2 s (1.3 million import_batches rows a month per feed), and
 * a year of regional traffic is ~200,000 flights. The questions asked of import_batches by every
 * detection run (the batches the reception map has still to take in, the end of the data it took
 * in, the flights a batch that extends it can re-grade), by every import (a file of this size?)
 * and by the import history must read their indexes, not whole tables: the real functions run on
 * a client that asks PostgreSQL for each of their plans first.
 */
const LIVE_BATCHES = 20_000;
const FLIGHTS = 20_000;
const FEED = "sbs1://feed.example:30003";
/** The test's flights take ids above this (deleted after). */
const FLIGHT_IDS = 9_000_000;

afterAll(async () => {
  await closeDbPool();
});

/** A client that records the plan of every statement on import_batches or flights before running it (with `plans`). */
function explaining(client: pg.PoolClient, plans: { sql: string; plan: string }[] | null): pg.PoolClient {
  const query = async (sql: string, params?: unknown[]) => {
    if (plans && /import_batches|flights/.test(sql)) {
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params);
      plans.push({ sql, plan: rows.map((r) => r["QUERY PLAN"]).join("\n") });
    }
    return client.query(sql, params);
  };
  return { query } as unknown as pg.PoolClient;
}

describe("import_batches and flights under a month of live batches", () => {
  it("answers the detection run's, the importer's and the history's questions from indexes", async () => {
    const pool = dbPool();
    const plans: { sql: string; plan: string }[] = [];
    // A Citus cluster plans each shard apart (its small shards may rightly be scanned, and it does
    // not explain every statement): the indexes' claim is a single server's; the answers are both's.
    const citus = await isCitus(pool);
    try {
      await pool.query(
        `INSERT INTO import_batches (sha256, file_name, format, dataset, status, size_bytes, rows_accepted, first_time, last_time, finished_at, map_refreshed_at)
         SELECT encode(sha256(g::text::bytea), 'hex'), $3, 'sbs1', $2, 'COMMITTED', 0, 80,
                '2024-08-01'::timestamptz + g * interval '2 s', '2024-08-01'::timestamptz + g * interval '2 s' + interval '1.9 s', now(), now()
           FROM generate_series(1, $1::int) g`,
        [LIVE_BATCHES, LIVE_DATASET, FEED],
      );
      // One flight every 2 min in the four weeks before the feed's batches.
      await pool.query(
        `INSERT INTO flights (icao24, id, first_seen, last_seen, position_count, distance_km, detector_version)
         SELECT lpad(to_hex(g % 4096), 6, 'e'), $2::bigint + g, '2024-08-01'::timestamptz - g * interval '2 min',
                '2024-08-01'::timestamptz - g * interval '2 min' + interval '90 min', 100, 800, 'test'
           FROM generate_series(1, $1::int) g`,
        [FLIGHTS, FLIGHT_IDS],
      );
      // The newest batch still waits for the map (committed by the feed since the last detection
      // run), and extends the end of the data: the flights that ended shortly before are queued.
      const pending = await pool.query<{ id: string }>(
        `INSERT INTO import_batches (sha256, file_name, format, dataset, status, size_bytes, rows_accepted, first_time, last_time, finished_at)
         VALUES (repeat('c', 64), $2, 'sbs1', $1, 'COMMITTED', 0, 80, '2024-09-01', '2024-09-01', now()) RETURNING id::text`,
        [LIVE_DATASET, FEED],
      );
      const pendingId = pending.rows[0]!.id;
      await pool.query(`INSERT INTO detection_requests (icao24, window_start, window_end, batch_id) VALUES ('eee001', '2024-09-01', '2024-09-01 00:00:02', $1)`, [pendingId]);
      await pool.query("ANALYZE import_batches, flights");

      const client = await pool.connect();
      try {
        const db = explaining(client, citus ? null : plans);
        // As the detection run takes batches in: in its transaction.
        await client.query("BEGIN");
        expect(await refreshPendingReception(db)).toBeGreaterThanOrEqual(1);
        await client.query("COMMIT");
        const taken = await client.query<{ refreshed: boolean }>(`SELECT map_refreshed_at IS NOT NULL AS refreshed FROM import_batches WHERE id = $1`, [pendingId]);
        expect(taken.rows[0]?.refreshed).toBe(true);
        expect(await hasContentOfSize(db, 987_654_321)).toBe(false);
        const history = await listImportBatches({}, db);
        expect(history.some((b) => b.dataset === LIVE_DATASET)).toBe(false);
        // Found by its id, a live batch still is.
        expect((await listImportBatches({ id: pendingId }, db)).map((b) => b.id)).toEqual([pendingId]);
      } finally {
        await client.query("ROLLBACK").catch(() => undefined);
        client.release();
      }
    } finally {
      await pool.query(`DELETE FROM detection_requests WHERE batch_id IN (SELECT id FROM import_batches WHERE file_name = $1)`, [FEED]);
      await pool.query(`DELETE FROM detection_requests WHERE icao24 IN (SELECT icao24 FROM flights WHERE id > $1)`, [FLIGHT_IDS]);
      await pool.query(`DELETE FROM import_batches WHERE file_name = $1`, [FEED]);
      await pool.query(`DELETE FROM flights WHERE id > $1`, [FLIGHT_IDS]);
    }

    if (citus) return;
    expect(plans.length).toBeGreaterThanOrEqual(5);
    const seqScans = plans.filter((p) => /Seq Scan on (import_batches|flights)\b/.test(p.plan));
    expect(seqScans, seqScans.map((p) => `${p.sql}\n${p.plan}`).join("\n\n")).toEqual([]);
    const used = new Set(plans.flatMap((p) => [...p.plan.matchAll(/(import_batches|flights)_\w+/g)].map((m) => m[0])));
    for (const index of ["import_batches_pending_map_idx", "import_batches_mapped_last_time_idx", "import_batches_size_bytes_idx", "import_batches_files_idx", "flights_last_seen_idx"]) {
      expect(used, `a plan reading ${index}`).toContain(index);
    }
  });
});
