import "server-only";
import type pg from "pg";
import { insertValues, typedColumns, type ValuesColumn } from "../db/insert-values";
import type { flagRows, flightRow, gapRows } from "./detected-flight-rows";

const FLIGHT_COLUMNS: ValuesColumn[] = [
  ...typedColumns("icao24 char(6)", "id bigint", "first_seen timestamptz", "last_seen timestamptz", "callsign text", "origin_icao text"),
  ...typedColumns("destination_icao text", "origin_country text", "destination_country text", "endpoints_inferred jsonb"),
  ...typedColumns("position_count int", "distance_km float8", "max_altitude_ft int", "fir_sequence text[]", "score float8"),
  ...typedColumns("map_track bytea", "detector_version text"),
  { name: "detected_at", sql: "now()" },
];

const FLAG_COLUMNS = typedColumns(
  "icao24 char(6)", "flight_id bigint", `kind "FlagKind"`, "window_start timestamptz", "window_end timestamptz", "evidence jsonb",
  "rule_version text", "config jsonb",
);

const GAP_COLUMNS = typedColumns(
  "icao24 char(6)", "flight_id bigint", "off_time timestamptz", "off_lat_deg float8", "off_lon_deg float8", "off_altitude_ft int",
  "off_speed_kt real", "on_time timestamptz", "on_lat_deg float8", "on_lon_deg float8", "on_altitude_ft int", "on_speed_kt real",
  "duration_s int", "distance_km float8", "implied_speed_kt real", "open boolean", "partial boolean", "suspected boolean",
  "confidence real", "witness_count int",
);

/** The columns' values of each row, in the columns' order (typed columns only). */
const valuesOf = (columns: readonly ValuesColumn[], rows: readonly Record<string, unknown>[]) =>
  rows.map((row) => columns.filter((c) => "type" in c).map((c) => row[c.name]));

/**
 * What store-detected-flights writes, as multi-row VALUES (insert-values.ts: on a Citus cluster a
 * write from json_to_recordset opens a connection to every shard in each batch's transaction).
 * JSON values travel as text, a map track as its bytes.
 */
export async function insertDetectedValues(
  client: pg.ClientBase,
  flights: readonly ReturnType<typeof flightRow>[],
  mapTracks: readonly Uint8Array[],
  flags: ReturnType<typeof flagRows>,
  gaps: ReturnType<typeof gapRows>,
  detectorVersion: string,
  upsert: string,
): Promise<void> {
  const flightRows = flights.map((f, i) => ({
    ...f,
    endpoints_inferred: JSON.stringify(f.endpoints_inferred),
    map_track: Buffer.from(mapTracks[i]!.buffer, mapTracks[i]!.byteOffset, mapTracks[i]!.byteLength),
    detector_version: detectorVersion,
  }));
  await insertValues(client, "flights", FLIGHT_COLUMNS, valuesOf(FLIGHT_COLUMNS, flightRows), upsert);
  const flagValues = flags.map((f) => ({ ...f, evidence: JSON.stringify(f.evidence), config: JSON.stringify(f.config) }));
  await insertValues(client, "flags", FLAG_COLUMNS, valuesOf(FLAG_COLUMNS, flagValues));
  await insertValues(client, "gap_events", GAP_COLUMNS, valuesOf(GAP_COLUMNS, gaps));
}
