import "server-only";
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { guardClient } from "../db/guard-client";
import { isCitus } from "../db/is-citus";
import { dbPool } from "../db/pool";
import { countExportedRows, exportPositionTable } from "./export-position-table";
import { addMonthsMs, attachPositionPartition, positionPartitionName, utcBoundSql } from "./position-partitions";

export interface RetiredMonth {
  partition: string;
  rows: number;
  file: string;
  bytes: number;
}

/**
 * Take one month out of the database: DETACH its partition, export it to `<dir>/<partition>.csv.gz`
 * (an `import`-able generic CSV), read the file back and compare its row count, then in one
 * transaction DROP the table and the data derived from those rows alone (see below). A month
 * detection has not read yet is refused. Any failure before the drop attaches the partition
 * again: no row is lost. The caller holds
 * POSITION_PARTITION_LOCK, so no import re-creates the month meanwhile.
 *
 * Derived data: position_day_counts of the month's days and the reception map's hours of the month
 * (reception_visits, reception_cells) go, as they describe positions that are no longer stored, and
 * re-importing the export rebuilds them; detection requests that end before the month's end go
 * (re-grading requests of earlier months: nothing left to detect). Flights, flags, gap events,
 * reviews and notes stay: they are the analysts' evidence, and flights keep their map track.
 */
export async function retirePositionMonth(client: pg.ClientBase, monthMs: number, dir: string): Promise<RetiredMonth> {
  const partition = positionPartitionName(monthMs);
  const file = path.join(dir, `${partition}.csv.gz`);
  if (fs.existsSync(file)) throw new Error(`${file} already exists: move it away first (retention never overwrites an export)`);
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });

  await detachIfAttached(client, partition);
  let renamed = false;
  try {
    // After the detach, which waited for the imports writing there: what they queued is in.
    await refuseWhileDetectionPending(client, monthMs);
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::bigint AS n FROM "${partition}"`);
    const stored = Number(rows[0]!.n);
    const written = await exportOnItsOwnConnection(partition, partial);
    const readBack = await countExportedRows(partial);
    if (written !== stored || readBack !== stored) {
      throw new Error(`export of ${partition} holds ${readBack} rows (${written} written), the partition ${stored}: nothing dropped`);
    }
    fs.renameSync(partial, file);
    renamed = true;
    const bytes = fs.statSync(file).size;
    await dropWithDerivedData(client, partition, monthMs);
    return { partition, rows: stored, file, bytes };
  } catch (error) {
    // The drop is one transaction: if it did not commit, the table is still here with its rows;
    // put it back where the application reads it, and take the export away with it.
    const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [`public."${partition}"`]);
    if (rows[0]?.present) {
      await attachPositionPartition(client, monthMs);
      fs.rmSync(partial, { force: true });
      if (renamed) fs.rmSync(file, { force: true });
    }
    throw error;
  }
}

/**
 * Positions of the month still waiting for detection would never get their flights: the month
 * stays until a detection run (the worker's, or `detect`) has read them.
 */
async function refuseWhileDetectionPending(client: pg.ClientBase, monthMs: number): Promise<void> {
  const { rows } = await client.query<{ aircraft: number }>(
    `SELECT count(DISTINCT icao24)::int AS aircraft FROM detection_requests
      WHERE window_start < ${utcBoundSql(addMonthsMs(monthMs, 1))} AND window_end >= ${utcBoundSql(monthMs)}`,
  );
  const aircraft = rows[0]?.aircraft ?? 0;
  if (aircraft > 0) {
    throw new Error(`${aircraft} aircraft have positions in ${positionPartitionName(monthMs)} that detection has not read yet: run \`detect\` (or let the worker) first; the month is kept`);
  }
}

/**
 * The export streams on a connection of its own: a COPY that fails midway (a full disk) leaves
 * its connection inside the COPY, where no other query would ever be answered, and the caller's
 * must still attach the month again. That connection is closed, never reused.
 */
async function exportOnItsOwnConnection(partition: string, file: string): Promise<number> {
  const exporter = await dbPool().connect();
  const guard = guardClient(exporter);
  try {
    return await exportPositionTable(exporter, partition, file);
  } catch (error) {
    guard.markBroken();
    throw error;
  } finally {
    guard.release();
  }
}

/**
 * DETACH … CONCURRENTLY waits for queries that use the partition without blocking new readers or
 * imports; a detach an earlier run left half-done (`inhdetachpending`) is finished first. Citus
 * has no concurrent detach: on a cluster the plain one waits for open imports and holds new
 * queries on `positions` for the moment it takes.
 */
async function detachIfAttached(client: pg.ClientBase, partition: string): Promise<void> {
  const { rows } = await client.query<{ pending: boolean }>(
    `SELECT i.inhdetachpending AS pending FROM pg_inherits i
      WHERE i.inhrelid = to_regclass($1) AND i.inhparent = 'public.positions'::regclass`,
    [`public."${partition}"`],
  );
  if (rows.length === 0) return; // left detached by an interrupted run: export it as it is
  if (rows[0]!.pending) await client.query(`ALTER TABLE positions DETACH PARTITION "${partition}" FINALIZE`);
  else await client.query(`ALTER TABLE positions DETACH PARTITION "${partition}"${(await isCitus(client)) ? "" : " CONCURRENTLY"}`);
}

async function dropWithDerivedData(client: pg.ClientBase, partition: string, monthMs: number): Promise<void> {
  const from = utcBoundSql(monthMs);
  const to = utcBoundSql(addMonthsMs(monthMs, 1));
  await client.query("BEGIN");
  try {
    await client.query(`DELETE FROM position_day_counts WHERE day >= (${from}::timestamptz AT TIME ZONE 'UTC')::date AND day < (${to}::timestamptz AT TIME ZONE 'UTC')::date`);
    await client.query(`DELETE FROM reception_visits WHERE hour >= ${from} AND hour < ${to}`);
    await client.query(`DELETE FROM reception_cells WHERE hour >= ${from} AND hour < ${to}`);
    await client.query(`DELETE FROM detection_requests WHERE window_end < ${to}`);
    await client.query(`DROP TABLE "${partition}"`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
