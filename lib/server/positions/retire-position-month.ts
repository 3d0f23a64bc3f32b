import "server-only";
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { guardClient } from "../db/guard-client";
import { dbPool } from "../db/pool";
import { countExportedRows, exportPositionTable } from "./export-position-table";
import { attachDetachedPositionMonth } from "./attach-detached-position-months";
import { addMonthsMs, positionPartitionName, utcBoundSql } from "./position-partitions";

export interface RetiredMonth {
  partition: string;
  rows: number;
  file: string;
  bytes: number;
}

/**
 * Take one month out of the database: export its partition to `<dir>/<partition>.csv.gz` (an
 * `import`-able generic CSV) while it stays attached, read the file back and compare its row
 * count, then in one transaction detach it, check that no row came or went since the export,
 * and DROP it with the data derived from those rows alone (see below). A month detection has not
 * read yet is refused. Until that transaction commits nothing in the database has changed, so an
 * interrupt (Ctrl-C, a signal, a lost connection) or any failure leaves the month where it was,
 * with every row. The caller holds POSITION_PARTITION_LOCK, so no import re-creates the month.
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
  if (fs.existsSync(file)) {
    throw new Error(`${file} already exists: move it away first (retention never overwrites an export; the month is still stored)`);
  }
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });

  // Earlier versions detached the month before exporting it, and an interrupted run left it so.
  await attachDetachedPositionMonth(client, monthMs);
  await refuseWhileDetectionPending(client, monthMs);
  let renamed = false;
  try {
    const written = await exportOnItsOwnConnection(partition, partial);
    const readBack = await countExportedRows(partial);
    if (readBack !== written) throw new Error(`export of ${partition} holds ${readBack} rows, ${written} were written: nothing dropped`);
    fs.renameSync(partial, file);
    renamed = true;
    const bytes = fs.statSync(file).size;
    await dropWithDerivedData(client, partition, monthMs, written);
    return { partition, rows: written, file, bytes };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    // The export goes only where the month certainly stayed (a lost connection may hide a commit).
    if (renamed && (await stillAttached(client, partition).catch(() => false))) fs.rmSync(file, { force: true });
    throw error;
  }
}

async function stillAttached(client: pg.ClientBase, partition: string): Promise<boolean> {
  const { rows } = await client.query<{ attached: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass($1) AND inhparent = 'public.positions'::regclass) AS attached`,
    [`public."${partition}"`],
  );
  return rows[0]?.attached ?? false;
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

/** How long the drop waits for `positions` (readers queue behind it meanwhile), and how often it tries. */
const DROP_LOCK_TIMEOUT_MS = 2_000;
const DROP_ATTEMPTS = 5;

/**
 * One transaction: the month goes with its derived data, or nothing changes. The detach takes
 * `positions` for a moment (it waits for the queries and imports using it, and new ones wait
 * for it): each try waits at most {@link DROP_LOCK_TIMEOUT_MS}, so pages are never held longer.
 * The count then proves the export holds every row (an import that wrote into the month
 * meanwhile refuses the drop: run again).
 */
async function dropWithDerivedData(client: pg.ClientBase, partition: string, monthMs: number, exported: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dropOnce(client, partition, monthMs, exported);
    } catch (error) {
      if ((error as { code?: string }).code !== "55P03") throw error;
      if (attempt === DROP_ATTEMPTS) {
        throw new Error(`${partition} stayed in use by queries or imports (${DROP_ATTEMPTS} tries): nothing dropped, run retention again`);
      }
      await new Promise((resolve) => setTimeout(resolve, DROP_LOCK_TIMEOUT_MS));
    }
  }
}

async function dropOnce(client: pg.ClientBase, partition: string, monthMs: number, exported: number): Promise<void> {
  const from = utcBoundSql(monthMs);
  const to = utcBoundSql(addMonthsMs(monthMs, 1));
  await client.query("BEGIN");
  try {
    await client.query(`SET LOCAL lock_timeout = '${DROP_LOCK_TIMEOUT_MS}ms'`);
    await client.query(`ALTER TABLE positions DETACH PARTITION "${partition}"`);
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::bigint AS n FROM "${partition}"`);
    const stored = Number(rows[0]!.n);
    if (stored !== exported) throw new Error(`${partition} holds ${stored} rows, the export ${exported}: positions were imported into it meanwhile; nothing dropped, run retention again`);
    await refuseWhileDetectionPending(client, monthMs);
    await client.query(`DELETE FROM position_day_counts WHERE day >= (${from}::timestamptz AT TIME ZONE 'UTC')::date AND day < (${to}::timestamptz AT TIME ZONE 'UTC')::date`);
    await client.query(`DELETE FROM reception_visits WHERE hour >= ${from} AND hour < ${to}`);
    await client.query(`DELETE FROM reception_cells WHERE hour >= ${from} AND hour < ${to}`);
    await client.query(`DELETE FROM detection_requests WHERE window_end < ${to}`);
    await client.query(`DROP TABLE "${partition}"`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
