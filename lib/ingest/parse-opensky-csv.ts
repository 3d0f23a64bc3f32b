import type { Readable } from "node:stream";
import type { PositionSource } from "./canonical-position";
import type { CellReader } from "./cell-reader";
import { createPositionValidator, rowError, type PositionField } from "./create-position-validator";
import { callsignOrNull, normaliseIcao24, normaliseTrackDeg, squawkOrNull } from "./field-values";
import { parseCsvPositions, type CsvPositionLayout } from "./parse-csv-positions";
import { FileRefusedError, type ParseEvent, type ParseOptions } from "./types";
import { metresToFt, msToFpm, msToKt } from "./unit-conversions";

/** OpenSky columns this parser reads; `alert`, `spi`, `lastposupdate`, `lastcontact`, `origin_country` are ignored. */
const COLUMNS = [
  "time", "icao24", "lat", "lon", "velocity", "heading", "vertrate", "callsign",
  "onground", "squawk", "baroaltitude", "geoaltitude", "position_source",
] as const;
type Column = (typeof COLUMNS)[number];
export const OPENSKY_REQUIRED_COLUMNS = ["time", "icao24", "lat", "lon"] as const;

const FIELD_COLUMN: Partial<Record<PositionField, Column>> = {
  time: "time", icao24: "icao24", latDeg: "lat", lonDeg: "lon", groundSpeedKt: "velocity",
  trackDeg: "heading", verticalRateFpm: "vertrate", callsign: "callsign", onGround: "onground",
  squawk: "squawk", altitudeBaroFt: "baroaltitude", altitudeGeoFt: "geoaltitude", source: "position_source",
};

/** OpenSky's `position_source` codes. */
const POSITION_SOURCES: Record<string, PositionSource> = { "0": "ADSB", "1": "ASTERIX", "2": "MLAT", "3": "FLARM" };

/**
 * OpenSky state vectors CSV → canonical positions. Columns are found by header name (any order,
 * extra columns ignored). Units: time Unix seconds (fractions kept to the ms), altitudes metres,
 * velocity m/s, vertrate m/s; converted and rounded as in `unit-conversions`. An empty `onground`
 * means airborne; a missing or empty `position_source` means ADS-B (OpenSky's 0). Headings in
 * (-180, 0) are wrapped to [0, 360). Rows without lat/lon are rejected: they carry no position;
 * a bad optional value (altitude, speed, squawk...) is dropped with a warning, the row kept.
 */
export function parseOpenskyCsv(input: Readable, options: ParseOptions): AsyncGenerator<ParseEvent> {
  return parseCsvPositions(input, options, {
    noHeaderReason: "no header line: expected an OpenSky state vectors CSV",
    plan: (reader) => openskyLayout(reader, options),
  });
}

function openskyLayout(reader: CellReader, options: ParseOptions): CsvPositionLayout {
  const at = locateColumns(reader.header, options.fileName);
  const fieldIndex: Partial<Record<PositionField, number>> = {};
  for (const [field, column] of Object.entries(FIELD_COLUMN)) fieldIndex[field as PositionField] = at[column];
  const validate = createPositionValidator(options.nowMs, reader.naming(fieldIndex));
  return {
    latIndex: at.lat,
    lonIndex: at.lon,
    convertRow: (reader, line) => {
      const timeS = reader.number(at.time);
      const latDeg = reader.number(at.lat);
      const lonDeg = reader.number(at.lon);
      const velocityMs = reader.optionalNumber(at.velocity);
      const headingDeg = reader.optionalNumber(at.heading);
      const vertrateMs = reader.optionalNumber(at.vertrate);
      const baroM = reader.optionalNumber(at.baroaltitude);
      const geoM = reader.optionalNumber(at.geoaltitude);
      const onGround = reader.optionalBoolean(at.onground);
      const sourceCode = reader.text(at.position_source);
      const source = sourceCode === "" ? "ADSB" : (POSITION_SOURCES[sourceCode] ?? "OTHER");
      if (reader.problem) {
        const { column, reason, value } = reader.problem;
        return rowError(line, column, reason, value);
      }
      if (timeS === null) return rowError(line, reader.columnName(at.time) ?? "time", "empty time");
      return validate(
        {
          time: new Date(Math.round(timeS * 1000)),
          icao24: normaliseIcao24(reader.raw(at.icao24)),
          callsign: callsignOrNull(reader.raw(at.callsign)),
          latDeg: latDeg ?? Number.NaN,
          lonDeg: lonDeg ?? Number.NaN,
          altitudeBaroFt: baroM === null ? null : metresToFt(baroM),
          altitudeGeoFt: geoM === null ? null : metresToFt(geoM),
          groundSpeedKt: velocityMs === null ? null : msToKt(velocityMs),
          trackDeg: normaliseTrackDeg(headingDeg),
          verticalRateFpm: vertrateMs === null ? null : msToFpm(vertrateMs),
          squawk: squawkOrNull(reader.raw(at.squawk)),
          onGround: onGround ?? false,
          source,
        },
        line,
        reader.warnings,
      );
    },
  };
}

function locateColumns(header: readonly string[], fileName: string): Partial<Record<Column, number>> {
  const at: Partial<Record<Column, number>> = {};
  header.forEach((name, index) => {
    const column = name.toLowerCase() as Column;
    if ((COLUMNS as readonly string[]).includes(column) && at[column] === undefined) at[column] = index;
  });
  const missing = OPENSKY_REQUIRED_COLUMNS.filter((column) => at[column] === undefined);
  if (missing.length > 0) {
    throw new FileRefusedError(
      fileName,
      `missing required OpenSky column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (found: ${header.join(", ")})`,
    );
  }
  return at;
}
