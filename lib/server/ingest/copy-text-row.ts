import type { CanonicalPosition } from "../../ingest/canonical-position";

/** `positions` columns written by COPY, in the order `copyTextRow` encodes them. */
export const COPY_COLUMNS = [
  "icao24",
  "time",
  "lat_deg",
  "lon_deg",
  "altitude_baro_ft",
  "altitude_geo_ft",
  "ground_speed_kt",
  "track_deg",
  "vertical_rate_fpm",
  "callsign",
  "squawk",
  "on_ground",
  "source",
  "batch_id",
] as const;

/** Each of COPY_COLUMNS' SQL type, for the statements that write positions as parameters (insert-values.ts). */
export const COPY_COLUMN_TYPES: Record<(typeof COPY_COLUMNS)[number], string> = {
  icao24: "char(6)",
  time: "timestamptz",
  lat_deg: "float8",
  lon_deg: "float8",
  altitude_baro_ft: "int",
  altitude_geo_ft: "int",
  ground_speed_kt: "real",
  track_deg: "real",
  vertical_rate_fpm: "int",
  callsign: "varchar(8)",
  squawk: "char(4)",
  on_ground: "boolean",
  source: `"PositionSource"`,
  batch_id: "bigint",
};

const NEEDS_ESCAPE = /[\\\t\n\r]/;

// PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes.
function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

function num(value: number | null | undefined): string {
  return value === null || value === undefined ? "\\N" : String(value);
}

const DAY_MS = 86_400_000;
let cachedDayStartMs = Number.NaN;
let cachedDayPrefix = "";
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * "2024-08-01 13:05:07.250+00". Date#toISOString per row cost more than parsing the row; files
 * are mostly in time order, so the day part is cached and only the time of day is formatted.
 */
export function copyTimestamp(timeMs: number): string {
  const dayStartMs = timeMs - (((timeMs % DAY_MS) + DAY_MS) % DAY_MS);
  if (dayStartMs !== cachedDayStartMs) {
    cachedDayStartMs = dayStartMs;
    cachedDayPrefix = new Date(dayStartMs).toISOString().slice(0, 10);
  }
  const msOfDay = timeMs - dayStartMs;
  const hours = Math.floor(msOfDay / 3_600_000);
  const minutes = Math.floor((msOfDay % 3_600_000) / 60_000);
  const seconds = Math.floor((msOfDay % 60_000) / 1000);
  return `${cachedDayPrefix} ${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(msOfDay % 1000)}+00`;
}

/** One canonical record as a line of COPY text in COPY_COLUMNS order, for batch `batchId`. */
export function copyTextRow(r: CanonicalPosition, batchId: string): string {
  return (
    `${r.icao24}\t${copyTimestamp(r.time.getTime())}\t${r.latDeg}\t${r.lonDeg}\t${num(r.altitudeBaroFt)}\t` +
    `${num(r.altitudeGeoFt)}\t${num(r.groundSpeedKt)}\t${num(r.trackDeg)}\t${num(r.verticalRateFpm)}\t` +
    `${text(r.callsign)}\t${text(r.squawk)}\t${r.onGround ? "t" : "f"}\t${r.source}\t${batchId}\n`
  );
}
