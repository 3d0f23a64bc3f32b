import "server-only";
import type pg from "pg";
import { insertValues, typedColumns } from "../db/insert-values";
import { isCitus } from "../db/is-citus";

const REQUEST_COLUMNS = typedColumns("icao24 char(6)", "window_start timestamptz", "window_end timestamptz", "batch_id bigint");

/** Queue detection for each aircraft's time window in the batch (the worker picks them up after COMMIT). */
export async function recordDetectionRequests(
  client: pg.PoolClient,
  batchId: string,
  windows: Map<string, { first: Date; last: Date }>,
): Promise<void> {
  const icao24s = [...windows.keys()].sort();
  // On Citus as VALUES (insert-values.ts says why).
  if (await isCitus(client)) {
    const rows = icao24s.map((k) => [k, windows.get(k)!.first, windows.get(k)!.last, batchId]);
    return insertValues(client, "detection_requests", REQUEST_COLUMNS, rows);
  }
  await client.query(
    `INSERT INTO detection_requests (icao24, window_start, window_end, batch_id)
     SELECT * , $4::bigint FROM unnest($1::char(6)[], $2::timestamptz[], $3::timestamptz[])`,
    [icao24s, icao24s.map((k) => windows.get(k)!.first), icao24s.map((k) => windows.get(k)!.last), batchId],
  );
}
