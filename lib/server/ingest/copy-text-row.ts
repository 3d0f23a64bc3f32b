import type { CanonicalPosition } from "../../ingest/canonical-position";

/** Column order of the staging table, shared by the COPY statement and the row encoder. */
export const STAGING_COLUMNS = [
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
] as const;

// PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes.
function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

function num(value: number | null | undefined): string {
  return value === null || value === undefined ? "\\N" : String(value);
}

/** One canonical record as a line of COPY text, in STAGING_COLUMNS order. */
export function copyTextRow(r: CanonicalPosition): string {
  return (
    `${r.icao24}\t${r.time.toISOString()}\t${r.latDeg}\t${r.lonDeg}\t${num(r.altitudeBaroFt)}\t${num(r.altitudeGeoFt)}\t` +
    `${num(r.groundSpeedKt)}\t${num(r.trackDeg)}\t${num(r.verticalRateFpm)}\t${text(r.callsign)}\t${text(r.squawk)}\t` +
    `${r.onGround ? "t" : "f"}\t${r.source}\n`
  );
}
