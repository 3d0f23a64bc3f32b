import "server-only";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { countCsvRecords } from "./count-csv-records";

/**
 * The stored columns under generic-CSV names `import` reads back as they were: ISO times with
 * milliseconds and Z, feet, knots, ft/min, source names. batch_id is not exported (a re-import
 * is a new batch); registration and type live in `aircraft`, which retention keeps.
 */
const EXPORT_SELECT = `SELECT to_char("time" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time, icao24,
       lat_deg AS lat, lon_deg AS lon, altitude_baro_ft AS altitude_ft, altitude_geo_ft AS geoaltitude_ft,
       ground_speed_kt AS speed_kt, track_deg AS track, vertical_rate_fpm, callsign, squawk,
       CASE WHEN on_ground THEN 'true' ELSE 'false' END AS on_ground, source`;

/**
 * Stream a positions table (a detached partition) to a gzip CSV with COPY TO STDOUT: memory
 * stays flat whatever its size. Returns the number of rows written.
 */
export async function exportPositionTable(client: pg.ClientBase, table: string, filePath: string): Promise<number> {
  // Shortest text that reads back to the same float (PostgreSQL 12+), whatever the server's setting.
  await client.query("SET extra_float_digits = 1");
  const copy = client.query(copyTo(`COPY (${EXPORT_SELECT} FROM "${table}") TO STDOUT WITH (FORMAT csv, HEADER true)`));
  const counter = countCsvRecords();
  await pipeline(copy, counter.stream, zlib.createGzip(), fs.createWriteStream(filePath, { flags: "wx" }));
  return counter.records() - 1;
}

/** Read an export back from disk and count its rows (the header excluded). */
export async function countExportedRows(filePath: string): Promise<number> {
  const counter = countCsvRecords();
  await pipeline(fs.createReadStream(filePath), zlib.createGunzip(), counter.stream, async function* (source) {
    for await (const chunk of source) void chunk;
  });
  return counter.records() - 1;
}
