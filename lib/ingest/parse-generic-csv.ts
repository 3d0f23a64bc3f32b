import type { Readable } from "node:stream";
import type { PositionSource } from "./canonical-position";
import type { CellReader } from "./cell-reader";
import { createPositionValidator, rowError, type PositionField } from "./create-position-validator";
import { callsignOrNull, normaliseIcao24, normaliseTrackDeg, sourceFromName, squawkOrNull } from "./field-values";
import { parseCsvPositions, type CsvPositionLayout } from "./parse-csv-positions";
import { parseTimestamp } from "./parse-timestamp";
import { GENERIC_ALIASES, resolveGenericColumns, type GenericField, type UnitSuffix } from "./resolve-generic-columns";
import { FileRefusedError, type ParseEvent, type ParseOptions } from "./types";
import { kmhToKt, metresToFt, msToFpm, msToKt } from "./unit-conversions";

const FIELD_OF: Partial<Record<PositionField, GenericField>> = {
  time: "time", icao24: "icao24", latDeg: "lat", lonDeg: "lon", altitudeBaroFt: "altitudeBaro",
  altitudeGeoFt: "altitudeGeo", groundSpeedKt: "speed", trackDeg: "track", verticalRateFpm: "verticalRate",
  callsign: "callsign", squawk: "squawk", onGround: "onGround", registration: "registration",
  typecode: "typecode", source: "source",
};

/**
 * Any CSV with recognisable columns (see `GENERIC_ALIASES`) → canonical positions.
 *
 * - Separator comma, semicolon or tab (sniffed from the header); quotes, BOM, CRLF accepted.
 * - Units: a header suffix wins (`_ft`/`_m`, `_kt`/`_ms`/`_kmh`, `_fpm`/`_ms`), then
 *   options.altitudeUnit / speedUnit / verticalRateUnit, then ft, kt, ft/min.
 * - Time: ISO-8601 with a zone, or Unix seconds/milliseconds (see `parseTimestamp`).
 * - Address: "0x" prefix and case are normalised; "~" (non-ICAO) ids are rejected. With no
 *   address column, options.icao24 names the aircraft (otherwise the file is refused).
 * - `source` names (ADSB, mlat, adsb_icao, tisb_other...) map to the canonical enum; an unknown
 *   name is dropped with a warning; no column or an empty cell means OTHER (the file does not say).
 * - A bad optional value (altitude, speed, squawk "1965"...) is dropped with a warning, the row kept.
 * - Registration/typecode columns are validated with the record and also announced as an
 *   `aircraft` event before the first record of an address, and again whenever they change.
 */
export function parseGenericCsv(input: Readable, options: ParseOptions): AsyncGenerator<ParseEvent> {
  return parseCsvPositions(input, options, {
    noHeaderReason: "no header line: a CSV with a header row is expected",
    plan: (reader) => genericLayout(reader, options),
  });
}

function genericLayout(reader: CellReader, options: ParseOptions): CsvPositionLayout {
  const { at, units, fixedIcao24 } = planColumns(reader.header, options);
  const fieldIndex: Partial<Record<PositionField, number>> = {};
  for (const [field, generic] of Object.entries(FIELD_OF)) fieldIndex[field as PositionField] = at[generic];
  const validate = createPositionValidator(options.nowMs, reader.naming(fieldIndex));
  const identities = new Map<string, string>();
  return {
    latIndex: at.lat,
    lonIndex: at.lon,
    convertRow: (reader, line) => {
      const timeMs = parseTimestamp(reader.raw(at.time) ?? "");
      if (typeof timeMs === "string") return rowError(line, reader.columnName(at.time), timeMs, reader.raw(at.time));
      const latDeg = reader.number(at.lat);
      const lonDeg = reader.number(at.lon);
      const altitudeBaro = reader.optionalNumber(at.altitudeBaro);
      const altitudeGeo = reader.optionalNumber(at.altitudeGeo);
      const speed = reader.optionalNumber(at.speed);
      const trackDeg = reader.optionalNumber(at.track);
      const verticalRate = reader.optionalNumber(at.verticalRate);
      const onGround = reader.optionalBoolean(at.onGround);
      const source = readSource(reader, at.source);
      if (reader.problem) {
        const { column, reason, value } = reader.problem;
        return rowError(line, column, reason, value);
      }
      const event = validate(
        {
          time: new Date(timeMs),
          icao24: fixedIcao24 ?? normaliseIcao24(reader.raw(at.icao24)),
          callsign: callsignOrNull(reader.raw(at.callsign)),
          latDeg: latDeg ?? Number.NaN,
          lonDeg: lonDeg ?? Number.NaN,
          altitudeBaroFt: toFt(altitudeBaro, units.altitudeBaro),
          altitudeGeoFt: toFt(altitudeGeo, units.altitudeGeo),
          groundSpeedKt: toKt(speed, units.speed),
          trackDeg: normaliseTrackDeg(trackDeg),
          verticalRateFpm: toFpm(verticalRate, units.verticalRate),
          squawk: squawkOrNull(reader.raw(at.squawk)),
          onGround: onGround ?? false,
          source: source ?? "OTHER",
          ...(at.registration === undefined ? {} : { registration: reader.text(at.registration).toUpperCase() || null }),
          ...(at.typecode === undefined ? {} : { typecode: reader.text(at.typecode).toUpperCase() || null }),
        },
        line,
        reader.warnings,
      );
      if (event.kind !== "record") return event;
      // The identity as validated (an over-long registration was dropped with the record's warning).
      const { icao24, registration = null, typecode = null } = event.record;
      if (registration === null && typecode === null) return event;
      const key = `${registration ?? ""}|${typecode ?? ""}`;
      if (identities.get(icao24) === key) return event;
      identities.set(icao24, key);
      return [{ kind: "aircraft", identity: { icao24, registration, typecode } }, event];
    },
  };
}

/** The unit each numeric column is read in (suffix, then options, then the canonical unit). */
interface ColumnUnits {
  altitudeBaro: UnitSuffix;
  altitudeGeo: UnitSuffix;
  speed: UnitSuffix;
  verticalRate: UnitSuffix;
}

function planColumns(header: readonly string[], options: ParseOptions) {
  const { columns, unitProblems } = resolveGenericColumns(header);
  if (unitProblems.length > 0) {
    // A few examples say it all; hundreds of such columns would make an unreadable reason.
    const more = unitProblems.length > 5 ? `; and ${unitProblems.length - 5} more` : "";
    throw new FileRefusedError(options.fileName, `unknown units: ${unitProblems.slice(0, 5).join("; ")}${more}`);
  }
  const required: GenericField[] = ["time", "lat", "lon"];
  const missing = required.filter((field) => columns[field] === undefined);
  if (missing.length > 0) {
    const expected = missing.map((field) => `${field} (${GENERIC_ALIASES[field].join("/")})`).join(", ");
    throw new FileRefusedError(options.fileName, `missing column${missing.length > 1 ? "s" : ""} ${expected} (found: ${header.join(", ")})`);
  }
  let fixedIcao24: string | null = null;
  if (columns.icao24 === undefined) {
    if (options.icao24 === undefined) {
      throw new FileRefusedError(
        options.fileName,
        `no aircraft address column (${GENERIC_ALIASES.icao24.join("/")}): add one or name the aircraft with --icao24`,
      );
    }
    fixedIcao24 = normaliseIcao24(options.icao24);
  }
  const at: Partial<Record<GenericField, number>> = {};
  for (const [field, column] of Object.entries(columns)) at[field as GenericField] = column.index;
  const units: ColumnUnits = {
    altitudeBaro: columns.altitudeBaro?.unit ?? options.altitudeUnit ?? "ft",
    altitudeGeo: columns.altitudeGeo?.unit ?? options.altitudeUnit ?? "ft",
    speed: columns.speed?.unit ?? options.speedUnit ?? "kt",
    verticalRate: columns.verticalRate?.unit ?? options.verticalRateUnit ?? "fpm",
  };
  return { at, units, fixedIcao24 };
}

function readSource(reader: CellReader, index: number | undefined): PositionSource | null {
  const name = reader.text(index);
  if (name === "") return null;
  const source = sourceFromName(name);
  if (source === undefined) {
    reader.warn(index, "unknown source (expected ADSB, MLAT, TISB, ADSC, MODE_S, ASTERIX, FLARM or OTHER)", name);
    return null;
  }
  return source;
}

function toFt(value: number | null, unit: UnitSuffix): number | null {
  if (value === null) return null;
  return unit === "m" ? metresToFt(value) : Math.round(value);
}

function toKt(value: number | null, unit: UnitSuffix): number | null {
  if (value === null) return null;
  if (unit === "ms") return msToKt(value);
  if (unit === "kmh") return kmhToKt(value);
  return value;
}

function toFpm(value: number | null, unit: UnitSuffix): number | null {
  if (value === null) return null;
  return unit === "ms" ? msToFpm(value) : value;
}
