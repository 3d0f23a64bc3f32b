import "server-only";
import crypto from "node:crypto";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type pg from "pg";
import type { CanonicalPosition } from "../../ingest/canonical-position";
import type { AircraftIdentity } from "../../ingest/types";
import { COMMUTATIVE_WRITES } from "../db/commutative-writes";
import { guardClient } from "../db/guard-client";
import { insertValues } from "../db/insert-values";
import { isCitus } from "../db/is-citus";
import { dbPool } from "../db/pool";
import { COPY_COLUMN_TYPES, COPY_COLUMNS, copyTextRow } from "../ingest/copy-text-row";
import { LIVE_DATASET } from "../ingest/live-dataset";
import { recordAircraft } from "../ingest/record-aircraft";
import { recordDetectionRequests } from "../ingest/record-detection-requests";
import { ensurePositionPartitions, monthStartMs } from "../positions/position-partitions";
import type { LiveSourceKind } from "./live-source-url";

/** `positions` as VALUES, in copyTextRow's column order. */
const POSITION_COLUMNS = COPY_COLUMNS.map((name) => ({ name, type: COPY_COLUMN_TYPES[name] }));

export interface LiveBatchSource {
  /** The feed's URL, shown as the batch's file name. */
  label: string;
  format: LiveSourceKind;
}

export interface LiveCommit {
  /** null when every position was already stored (nothing was written). */
  batchId: string | null;
  inserted: number;
  duplicates: number;
  aircraft: number;
}


/**
 * Commit one small batch of live positions atomically, as an import batch of its own: the rows
 * go through a temporary table into `positions` with `ON CONFLICT DO NOTHING`, so a fix received
 * twice (a reconnect, a repeated aircraft.json) is stored once and counted as a duplicate. With
 * the positions: the per-day counts of what went in, the aircraft registry rows, and the detection
 * requests for the aircraft touched, which the next detection run answers (the reception map
 * takes the batch in first, as for a file). A batch that brings nothing new writes nothing.
 */
export async function commitLiveBatch(
  records: readonly CanonicalPosition[],
  identities: Map<string, AircraftIdentity>,
  source: LiveBatchSource,
): Promise<LiveCommit> {
  if (records.length === 0) return { batchId: null, inserted: 0, duplicates: 0, aircraft: 0 };
  const windows = new Map<string, { first: Date; last: Date }>();
  const months = new Set<number>();
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const r of records) {
    const w = windows.get(r.icao24);
    if (!w) windows.set(r.icao24, { first: r.time, last: r.time });
    else if (r.time < w.first) w.first = r.time;
    else if (r.time > w.last) w.last = r.time;
    const t = r.time.getTime();
    if (t < firstMs) firstMs = t;
    if (t > lastMs) lastMs = t;
    months.add(monthStartMs(t));
  }
  await ensurePositionPartitions(dbPool(), [...months]);

  const client = await dbPool().connect();
  // A connection that drops while checked out must not raise an unheard 'error' (it would end the process).
  const guard = guardClient(client);
  try {
    await client.query("BEGIN");
    await client.query(COMMUTATIVE_WRITES);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO import_batches (sha256, file_name, format, dataset, status, size_bytes)
       VALUES ($1, $2, $3, $4, 'RUNNING', 0) RETURNING id::text`,
      // No file and no stored original: a random key (a live batch is never "already imported").
      [crypto.randomBytes(32).toString("hex"), source.label, source.format, LIVE_DATASET],
    );
    const batchId = rows[0]!.id;
    await insertPositions(client, records, batchId);
    // What went in carries this batch's id (not the INSERT's row count: on Citus it counts what was sent).
    const days = await client.query<{ day: string; n: number }>(
      `SELECT to_char((time AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM positions
        WHERE batch_id = $1 AND time BETWEEN $2 AND $3 GROUP BY 1 ORDER BY 1`,
      [batchId, new Date(firstMs), new Date(lastMs)],
    );
    const inserted = days.rows.reduce((n, r) => n + r.n, 0);
    if (inserted === 0) {
      await client.query("ROLLBACK");
      return { batchId: null, inserted: 0, duplicates: records.length, aircraft: 0 };
    }
    await client.query(
      `INSERT INTO position_day_counts (day, positions) SELECT * FROM unnest($1::date[], $2::bigint[]) ORDER BY 1
       ON CONFLICT (day) DO UPDATE SET positions = position_day_counts.positions + EXCLUDED.positions`,
      [days.rows.map((r) => r.day), days.rows.map((r) => r.n)],
    );
    await recordAircraft(client, identities, [...windows.keys()]);
    await recordDetectionRequests(client, batchId, windows);
    await client.query(
      `UPDATE import_batches SET status = 'COMMITTED', rows_accepted = $2, rows_duplicate = $3, first_time = $4, last_time = $5,
              report = $6, finished_at = $7, map_refreshed_at = NULL WHERE id = $1`,
      [batchId, inserted, records.length - inserted, new Date(firstMs), new Date(lastMs), JSON.stringify({ live: true, aircraft: windows.size }), new Date()],
    );
    await client.query("COMMIT");
    return { batchId, inserted, duplicates: records.length - inserted, aircraft: windows.size };
  } catch (error) {
    // A failed batch may have left a COPY or the temporary table half-way: never reuse its connection.
    guard.markBroken();
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    guard.release();
  }
}

/** The batch's positions, in key order (two writers touching the same keys wait, never deadlock); a fix stored before is skipped. */
async function insertPositions(client: pg.ClientBase, records: readonly CanonicalPosition[], batchId: string): Promise<void> {
  // On Citus as VALUES (insert-values.ts says why), elsewhere through a temporary table.
  if (await isCitus(client)) {
    const rows = [...records]
      .sort((a, b) => (a.icao24 < b.icao24 ? -1 : a.icao24 > b.icao24 ? 1 : a.time.getTime() - b.time.getTime()))
      .map((r) => [r.icao24, r.time, r.latDeg, r.lonDeg, r.altitudeBaroFt, r.altitudeGeoFt, r.groundSpeedKt, r.trackDeg, r.verticalRateFpm, r.callsign, r.squawk, r.onGround, r.source, batchId]);
    return insertValues(client, "positions", POSITION_COLUMNS, rows, "ON CONFLICT (icao24, time) DO NOTHING");
  }
  await client.query(`CREATE TEMP TABLE live_staging (LIKE positions INCLUDING DEFAULTS) ON COMMIT DROP`);
  await pipeline(
    Readable.from(copyChunks(records, batchId)),
    client.query(copyFrom(`COPY live_staging (${COPY_COLUMNS.join(", ")}) FROM STDIN`)),
  );
  await client.query(
    `INSERT INTO positions (${COPY_COLUMNS.join(", ")}) SELECT ${COPY_COLUMNS.join(", ")} FROM live_staging
     ORDER BY icao24, time ON CONFLICT (icao24, time) DO NOTHING`,
  );
}

function* copyChunks(records: readonly CanonicalPosition[], batchId: string): Generator<string> {
  let chunk = "";
  for (const r of records) {
    chunk += copyTextRow(r, batchId);
    if (chunk.length >= 256 << 10) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}
