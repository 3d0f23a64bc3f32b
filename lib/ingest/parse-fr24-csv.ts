import type { Readable } from "node:stream";
import type { CellReader } from "./cell-reader";
import { createPositionValidator, rowError, type PositionField } from "./create-position-validator";
import { callsignOrNull, normaliseIcao24, normaliseTrackDeg, numberOrNull, sourceFromName, squawkOrNull } from "./field-values";
import { fitAircraftIdentity } from "./fit-aircraft-identity";
import { parseCsvPositions, type CsvPositionLayout } from "./parse-csv-positions";
import { parseTimestamp } from "./parse-timestamp";
import { FileRefusedError, type ParseEvent, type ParseOptions } from "./types";

/** The per-flight CSV flightradar24.com offers for download. */
export const FR24_EXPORT_HEADER = ["timestamp", "utc", "callsign", "position", "altitude", "speed", "direction"] as const;
/** The "granular" (ADS-B data) export: one row per received message, with the address. */
export const FR24_GRANULAR_COLUMNS = [
  "network_time", "receiver_time", "hex", "callsign", "latitude", "longitude", "no_position",
  "altitude", "squawk", "speed", "track", "vspeed", "on_ground", "flags", "position_class",
] as const;

export const FR24_NO_ADDRESS_REASON =
  "Flightradar24 exports carry no ICAO address: name the aircraft with --icao24 or --registration";

/** True when a header (trimmed, lower-case names) is one of the two FR24 layouts. */
export function isFr24Header(names: readonly string[]): boolean {
  return isExportHeader(names) || isGranularHeader(names);
}

function isExportHeader(names: readonly string[]): boolean {
  return names.length === FR24_EXPORT_HEADER.length && FR24_EXPORT_HEADER.every((name, i) => names[i] === name);
}

function isGranularHeader(names: readonly string[]): boolean {
  return names.includes("network_time") && names.includes("no_position") && names.includes("hex");
}

/**
 * Flightradar24 CSV → canonical positions. Two layouts, told apart by the header:
 *
 * 1. The flight export `Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction`: Position is a
 *    quoted "lat,lon", altitude ft, speed kt, Unix `Timestamp` (UTC column used only if it is
 *    empty). No address in the file: `options.icao24` is required (the importer resolves a
 *    registration to an address first). Altitude 0 is FR24's "on the ground". The file does not
 *    say how each position was obtained (ADS-B, MLAT or estimated): source OTHER.
 * 2. The granular export (network_time, receiver_time, hex, ..., position_class, then unnamed
 *    detail cells such as "GPSA:26075"): time from network_time (receiver_time is sometimes
 *    1970), address from `hex` ("0x8467d8"), source from position_class. Rows with
 *    `no_position` = N are rejected: FR24 repeats a stale or 0,0 position in them. Squawk 0
 *    means none; on_ground G means on the ground, anything else (A, N) airborne/unknown.
 */
export function parseFr24Csv(input: Readable, options: ParseOptions): AsyncGenerator<ParseEvent> {
  return parseCsvPositions(input, options, {
    delimiter: ",",
    noHeaderReason: "no header line: expected a Flightradar24 CSV export",
    plan: (reader) => {
      const names = reader.header.map((name) => name.toLowerCase());
      if (isExportHeader(names)) return exportLayout(requireIcao24(options), options);
      if (isGranularHeader(names)) return granularLayout(reader, names, options);
      throw new FileRefusedError(
        options.fileName,
        `not a Flightradar24 export: expected the header ${FR24_EXPORT_HEADER.join(",")} or the granular export's network_time,...,no_position,...`,
      );
    },
  });
}

function requireIcao24(options: ParseOptions): string {
  if (options.icao24 === undefined || options.icao24.trim() === "") {
    throw new FileRefusedError(options.fileName, FR24_NO_ADDRESS_REASON);
  }
  const icao24 = normaliseIcao24(options.icao24);
  if (!/^[0-9a-f]{6}$/.test(icao24)) {
    throw new FileRefusedError(options.fileName, `--icao24 "${options.icao24}" is not a 24-bit address (6 hex digits)`);
  }
  return icao24;
}

function exportLayout(icao24: string, options: ParseOptions): CsvPositionLayout {
  const [TIMESTAMP, UTC, CALLSIGN, POSITION, ALTITUDE, SPEED, DIRECTION] = [0, 1, 2, 3, 4, 5, 6];
  const fieldIndex: Partial<Record<PositionField, number>> = {
    time: TIMESTAMP, callsign: CALLSIGN, latDeg: POSITION, lonDeg: POSITION, altitudeBaroFt: ALTITUDE,
    groundSpeedKt: SPEED, trackDeg: DIRECTION,
  };
  let validate: ReturnType<typeof createPositionValidator> | null = null;
  const preamble: ParseEvent[] = [];
  if (options.registration !== undefined) {
    const named = { icao24, registration: options.registration.trim().toUpperCase(), typecode: null };
    const { identity, warnings } = fitAircraftIdentity(named, 0, () => "--registration");
    preamble.push(warnings.length > 0 ? { kind: "aircraft", identity, warnings } : { kind: "aircraft", identity });
  }
  return {
    latIndex: POSITION,
    lonIndex: POSITION,
    preamble,
    convertRow: (reader, line) => {
      validate ??= createPositionValidator(options.nowMs, reader.naming(fieldIndex));
      const timeText = reader.text(TIMESTAMP) || reader.text(UTC);
      const timeMs = parseTimestamp(timeText);
      if (typeof timeMs === "string") return rowError(line, reader.columnName(TIMESTAMP), timeMs, timeText);
      const position = reader.text(POSITION);
      const [latText, lonText, ...rest] = position.split(",");
      const latDeg = numberOrNull(latText) ?? Number.NaN;
      const lonDeg = numberOrNull(lonText) ?? Number.NaN;
      if (rest.length > 0 || Number.isNaN(latDeg) || Number.isNaN(lonDeg)) {
        return rowError(line, reader.columnName(POSITION), 'not a "lat,lon" position', position);
      }
      const altitudeFt = reader.optionalNumber(ALTITUDE);
      const speedKt = reader.optionalNumber(SPEED);
      const directionDeg = reader.optionalNumber(DIRECTION);
      return validate(
        {
          time: new Date(timeMs),
          icao24,
          callsign: callsignOrNull(reader.raw(CALLSIGN)),
          latDeg,
          lonDeg,
          altitudeBaroFt: altitudeFt === null ? null : Math.round(altitudeFt),
          altitudeGeoFt: null,
          groundSpeedKt: speedKt,
          trackDeg: normaliseTrackDeg(directionDeg),
          verticalRateFpm: null,
          squawk: null,
          onGround: altitudeFt === 0,
          source: "OTHER",
        },
        line,
        reader.warnings,
      );
    },
  };
}

function granularLayout(reader: CellReader, names: readonly string[], options: ParseOptions): CsvPositionLayout {
  const at = (name: (typeof FR24_GRANULAR_COLUMNS)[number]): number | undefined => {
    const index = names.indexOf(name);
    return index === -1 ? undefined : index;
  };
  const c = {
    time: at("network_time"), hex: at("hex"), callsign: at("callsign"), lat: at("latitude"), lon: at("longitude"),
    noPosition: at("no_position"), altitude: at("altitude"), squawk: at("squawk"), speed: at("speed"),
    track: at("track"), vspeed: at("vspeed"), onGround: at("on_ground"), positionClass: at("position_class"),
  };
  const missing = (["network_time", "hex", "latitude", "longitude"] as const).filter((name) => at(name) === undefined);
  if (missing.length > 0) {
    throw new FileRefusedError(options.fileName, `Flightradar24 granular export without column ${missing.join(", ")}`);
  }
  const fieldIndex: Partial<Record<PositionField, number>> = {
    time: c.time, icao24: c.hex, callsign: c.callsign, latDeg: c.lat, lonDeg: c.lon, altitudeBaroFt: c.altitude,
    squawk: c.squawk, groundSpeedKt: c.speed, trackDeg: c.track, verticalRateFpm: c.vspeed, onGround: c.onGround,
    source: c.positionClass,
  };
  const validate = createPositionValidator(options.nowMs, reader.naming(fieldIndex));
  return {
    latIndex: c.lat,
    lonIndex: c.lon,
    rejectRow: (reader, line) =>
      reader.text(c.noPosition).toUpperCase() === "N"
        ? rowError(line, reader.columnName(c.noPosition), "no position in this message (no_position = N: FR24 repeats an old or 0,0 position)", "N")
        : null,
    convertRow: (reader, line) => {
      const timeMs = parseTimestamp(reader.raw(c.time) ?? "");
      if (typeof timeMs === "string") return rowError(line, reader.columnName(c.time), timeMs, reader.raw(c.time));
      const latDeg = reader.number(c.lat);
      const lonDeg = reader.number(c.lon);
      const altitudeFt = reader.optionalNumber(c.altitude);
      const speedKt = reader.optionalNumber(c.speed);
      const trackDeg = reader.optionalNumber(c.track);
      const vspeedFpm = reader.optionalNumber(c.vspeed);
      if (reader.problem) return rowError(line, reader.problem.column, reader.problem.reason, reader.problem.value);
      const squawk = reader.text(c.squawk);
      return validate(
        {
          time: new Date(timeMs),
          icao24: normaliseIcao24(reader.raw(c.hex)),
          callsign: callsignOrNull(reader.raw(c.callsign)),
          latDeg: latDeg ?? Number.NaN,
          lonDeg: lonDeg ?? Number.NaN,
          altitudeBaroFt: altitudeFt === null ? null : Math.round(altitudeFt),
          altitudeGeoFt: null,
          groundSpeedKt: speedKt,
          trackDeg: normaliseTrackDeg(trackDeg),
          verticalRateFpm: vspeedFpm,
          squawk: squawk === "0" ? null : squawkOrNull(squawk),
          onGround: reader.text(c.onGround).toUpperCase() === "G",
          source: sourceFromName(reader.text(c.positionClass)) ?? "OTHER",
        },
        line,
        reader.warnings,
      );
    },
  };
}
