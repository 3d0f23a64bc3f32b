import type { Readable } from "node:stream";
import type { PositionSource } from "./canonical-position";
import { CellReader } from "./cell-reader";
import { createPositionValidator, rowError, type PositionField } from "./create-position-validator";
import { callsignOrNull, normaliseIcao24, normaliseTrackDeg, sourceFromName, squawkOrNull } from "./field-values";
import { openInput } from "./open-input";
import { parseTimestamp } from "./parse-timestamp";
import { readCsvRows } from "./read-csv-rows";
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
 *   name is a row error; no column or an empty cell means OTHER (the file does not say).
 * - Registration/typecode columns are validated with the record and also announced as an
 *   `aircraft` event before the first record of an address, and again whenever they change.
 */
export async function* parseGenericCsv(input: Readable, options: ParseOptions): AsyncGenerator<ParseEvent> {
  const text = openInput(input, options.fileName);
  let reader: CellReader | null = null;
  let at: Partial<Record<GenericField, number>> = {};
  let units: ColumnUnits = { altitudeBaro: "ft", altitudeGeo: "ft", speed: "kt", verticalRate: "fpm" };
  let fixedIcao24: string | null = null;
  let validate: ReturnType<typeof createPositionValidator> | null = null;
  const identities = new Map<string, string>();

  for await (const batch of readCsvRows(text, { fileName: options.fileName })) {
    for (const row of batch) {
      if (reader === null || validate === null) {
        if (row.fields === undefined) throw new FileRefusedError(options.fileName, `unreadable header: ${row.error}`);
        reader = new CellReader(row.fields.map((name) => name.trim()));
        ({ at, units, fixedIcao24 } = planColumns(reader.header, options));
        const fieldIndex: Partial<Record<PositionField, number>> = {};
        for (const [field, generic] of Object.entries(FIELD_OF)) fieldIndex[field as PositionField] = at[generic];
        validate = createPositionValidator(options.nowMs, reader.naming(fieldIndex));
        continue;
      }
      if (row.fields === undefined) {
        yield rowError(row.line, null, row.error);
        continue;
      }
      const shape = reader.start(row.fields);
      if (shape !== null) {
        yield rowError(row.line, null, shape);
        continue;
      }
      if (reader.isBlank(at.lat) || reader.isBlank(at.lon)) {
        const empty = reader.isBlank(at.lat) ? at.lat : at.lon;
        yield rowError(row.line, reader.columnName(empty), "no position (empty latitude/longitude)");
        continue;
      }
      const timeMs = parseTimestamp(reader.raw(at.time) ?? "");
      if (typeof timeMs === "string") {
        yield rowError(row.line, reader.columnName(at.time), timeMs, reader.raw(at.time));
        continue;
      }
      const latDeg = reader.number(at.lat);
      const lonDeg = reader.number(at.lon);
      const altitudeBaro = reader.number(at.altitudeBaro);
      const altitudeGeo = reader.number(at.altitudeGeo);
      const speed = reader.number(at.speed);
      const trackDeg = reader.number(at.track);
      const verticalRate = reader.number(at.verticalRate);
      const onGround = reader.boolean(at.onGround);
      const source = readSource(reader, at.source);
      if (reader.problem) {
        const { column, reason, value } = reader.problem;
        yield rowError(row.line, column, reason, value);
        continue;
      }
      const registration = reader.text(at.registration).toUpperCase() || null;
      const typecode = reader.text(at.typecode).toUpperCase() || null;
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
          ...(at.registration === undefined ? {} : { registration }),
          ...(at.typecode === undefined ? {} : { typecode }),
        },
        row.line,
      );
      if (event.kind === "record" && (registration !== null || typecode !== null)) {
        const key = `${registration ?? ""}|${typecode ?? ""}`;
        const { icao24 } = event.record;
        if (identities.get(icao24) !== key) {
          identities.set(icao24, key);
          yield { kind: "aircraft", identity: { icao24, registration, typecode } };
        }
      }
      yield event;
    }
  }
  if (reader === null) throw new FileRefusedError(options.fileName, "no header line: a CSV with a header row is expected");
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
  if (unitProblems.length > 0) throw new FileRefusedError(options.fileName, `unknown units: ${unitProblems.join("; ")}`);
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
    reader.fail(index, "unknown source (expected ADSB, MLAT, TISB, ADSC, MODE_S, ASTERIX, FLARM or OTHER)", name);
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
