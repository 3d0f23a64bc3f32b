import { pipeline, type Readable } from "node:stream";
import Assembler from "stream-json/assembler.js";
import { parser as jsonParser, type Token } from "stream-json/parser.js";
import type { PositionSource } from "./canonical-position";
import { createPositionValidator, rowError, type PositionField } from "./create-position-validator";
import { callsignOrNull, normaliseIcao24, normaliseTrackDeg, squawkOrNull } from "./field-values";
import { openInput } from "./open-input";
import { fitAircraftIdentity } from "./fit-aircraft-identity";
import { FileRefusedError, type FieldWarning, type ParseEvent, type ParseOptions } from "./types";

/** Positions in a readsb/tar1090 trace row. */
const T = { offsetS: 0, lat: 1, lon: 2, altBaro: 3, gs: 4, track: 5, flags: 6, baroRate: 7, details: 8, source: 9, altGeom: 10 } as const;

/**
 * readsb / tar1090 / ADS-B Exchange `trace_full_<hex>.json` → canonical positions.
 *
 * Streamed with stream-json: only one trace row is in memory at a time (the metadata keys
 * `icao`, `r`, `t`, `desc`, `timestamp` come before `trace` in files readsb writes; if a file
 * puts them after, its rows are held until they arrive).
 *
 * - time = timestamp + row[0] seconds; altitude "ground" → onGround, baro altitude null.
 * - flags (row[6]): value 8 says row[3] is a geometric altitude (then it fills altitudeGeoFt when
 *   row[10] is empty, and the baro altitude is null); stale (1) and new-leg (2) rows are kept
 *   as they are: staleness and legs are for the flight splitting in the core to judge.
 * - callsign and squawk are carried forward from the latest details object (row[8]), as the
 *   trace itself does; sourceType row[9] maps to the canonical source (see `traceSource`).
 * - Errors and warnings: `line` is the 1-based trace row number (not a text line), `column` a
 *   JSON path with the 0-based index, e.g. line 18, column "trace[17][1]". A row without a
 *   numeric time or position is rejected; a bad optional value is dropped with a warning.
 *   Identity warnings (an over-long `r`/`t`/`desc`) carry line 0.
 * - One `aircraft` event (icao, r, t, desc) precedes the first record. A non-ICAO ("~")
 *   or malformed `icao` refuses the file.
 */
export async function* parseReadsbTrace(input: Readable, options: ParseOptions): AsyncGenerator<ParseEvent> {
  const { fileName } = options;
  const text = openInput(input, fileName);
  const tokens = jsonParser.asStream({ streamValues: false });
  // Read errors (bad gzip, encoding) reach the token stream and end the loop below.
  pipeline(text, tokens, () => undefined);

  const meta: Record<string, unknown> = {};
  const state = { callsign: null as string | null, squawk: null as string | null, index: 0 };
  const held: unknown[] = [];
  let convert: ((row: unknown, index: number) => ParseEvent) | null = null;
  let depth = 0;
  let key: string | null = null;
  let inTrace = false;
  let assembler: Assembler | null = null;
  let sawTrace = false;

  const ready = (): ParseEvent[] => {
    const events: ParseEvent[] = [];
    if (convert === null) {
      if (typeof meta.timestamp !== "number" || typeof meta.icao !== "string") return events;
      if (!/^[0-9a-f]{6}$/.test(normaliseIcao24(meta.icao))) {
        // One address for the whole file: a "~" (non-ICAO) or malformed one would reject every row.
        throw notATrace(fileName, `"icao" ${JSON.stringify(meta.icao)} is not a 24-bit ICAO address (a "~" id is a non-ICAO track)`);
      }
      // Every row's time counts from it: one that overflows (1e400) would reject every row.
      if (!Number.isFinite(meta.timestamp)) throw notATrace(fileName, '"timestamp" is not a finite number');
      convert = rowConverter(meta.icao, meta.timestamp, state, options);
      const { identity, warnings } = fitAircraftIdentity(identityOf(meta), 0, (k) => IDENTITY_KEYS[k]);
      events.push(warnings.length > 0 ? { kind: "aircraft", identity, warnings } : { kind: "aircraft", identity });
    }
    for (const row of held.splice(0)) events.push(convert(row, state.index++));
    return events;
  };

  try {
    for await (const token of tokens as AsyncIterable<Token>) {
      if (assembler) {
        assembler.consume(token);
        if (assembler.done) {
          const value = assembler.current;
          assembler = null;
          yield* take(value);
        }
        continue;
      }
      switch (token.name) {
        case "startObject":
        case "startArray":
          if (depth === 0 && token.name === "startObject") depth = 1;
          else if (depth === 1 && key === "trace" && token.name === "startArray" && !inTrace) {
            inTrace = true;
            sawTrace = true;
            depth = 2;
          } else if (depth === 0) throw notATrace(fileName, "the top level is not an object");
          else {
            assembler = new Assembler();
            assembler.consume(token);
          }
          break;
        case "endArray":
          if (inTrace && depth === 2) {
            inTrace = false;
            depth = 1;
            key = null;
          }
          break;
        case "endObject":
          if (depth === 1) depth = 0;
          break;
        case "keyValue":
          if (depth === 1) key = token.value;
          break;
        case "stringValue":
        case "numberValue":
        case "nullValue":
        case "trueValue":
        case "falseValue":
          if (depth === 0) throw notATrace(fileName, "the top level is not an object");
          yield* take(token.name === "numberValue" ? Number(token.value) : token.value);
          break;
        default:
          break;
      }
    }
  } catch (err) {
    if (err instanceof FileRefusedError) throw err;
    throw new FileRefusedError(fileName, `not valid JSON (${(err as Error).message})`);
  }

  if (!sawTrace) throw notATrace(fileName, 'no "trace" array');
  if (typeof meta.icao !== "string") throw notATrace(fileName, 'no "icao" address');
  if (typeof meta.timestamp !== "number") throw notATrace(fileName, 'no numeric "timestamp" (the rows count seconds from it)');
  yield* ready();

  function* take(value: unknown): Generator<ParseEvent> {
    if (inTrace) {
      held.push(value);
      yield* ready();
    } else if (depth === 1 && key !== null) {
      meta[key] = value;
      key = null;
    }
  }
}

function notATrace(fileName: string, why: string): FileRefusedError {
  return new FileRefusedError(fileName, `not a readsb trace_full JSON (${why}): expected {"icao": ..., "timestamp": ..., "trace": [...]}`);
}

/** Where readsb keeps each identity value, for the warnings. */
const IDENTITY_KEYS = { registration: "r", typecode: "t", model: "desc" } as const;

function identityOf(meta: Record<string, unknown>) {
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);
  return {
    icao24: normaliseIcao24(meta.icao as string),
    registration: text(meta.r),
    typecode: text(meta.t),
    model: text(meta.desc),
  };
}

/** readsb sourceType names → canonical source. */
export function traceSource(sourceType: unknown): PositionSource {
  if (typeof sourceType !== "string") return "OTHER";
  if (sourceType.startsWith("adsb_") || sourceType.startsWith("adsr_")) return "ADSB";
  if (sourceType.startsWith("tisb_")) return "TISB";
  if (sourceType === "mlat") return "MLAT";
  if (sourceType === "adsc") return "ADSC";
  if (sourceType === "mode_s") return "MODE_S";
  return "OTHER";
}

function rowConverter(
  icao: string,
  timestampS: number,
  state: { callsign: string | null; squawk: string | null },
  options: ParseOptions,
) {
  const icao24 = normaliseIcao24(icao);
  let index = 0;
  const path = (k: number) => `trace[${index}][${k}]`;
  const FIELD_PATH: Partial<Record<PositionField, number>> = {
    time: T.offsetS, latDeg: T.lat, lonDeg: T.lon, altitudeBaroFt: T.altBaro, groundSpeedKt: T.gs,
    trackDeg: T.track, verticalRateFpm: T.baroRate, source: T.source, altitudeGeoFt: T.altGeom,
  };
  let current: unknown[] = [];
  let geoFromAltBaro = false;
  const validate = createPositionValidator(options.nowMs, {
    columnFor: (field) => {
      if (field === "icao24") return "icao";
      if (field === "callsign") return "details.flight";
      if (field === "squawk") return "details.squawk";
      const k = field === "altitudeGeoFt" && geoFromAltBaro ? T.altBaro : FIELD_PATH[field];
      return k === undefined ? null : path(k);
    },
    valueFor: (field) => {
      const k = field === "altitudeGeoFt" && geoFromAltBaro ? T.altBaro : FIELD_PATH[field];
      return k === undefined ? undefined : JSON.stringify(current[k]);
    },
  });

  return (row: unknown, rowIndex: number): ParseEvent => {
    index = rowIndex;
    const line = rowIndex + 1;
    if (!Array.isArray(row)) return rowError(line, `trace[${rowIndex}]`, "trace row is not an array", JSON.stringify(row));
    const cells: unknown[] = row;
    current = cells;
    const details = cells[T.details];
    if (details !== null && typeof details === "object" && !Array.isArray(details)) {
      const { flight, squawk } = details as { flight?: unknown; squawk?: unknown };
      if (typeof flight === "string") state.callsign = callsignOrNull(flight);
      if (typeof squawk === "string") state.squawk = squawkOrNull(squawk);
    }
    const offsetS = cells[T.offsetS];
    if (typeof offsetS !== "number") return rowError(line, path(T.offsetS), "time offset is not a number", JSON.stringify(offsetS));
    const lat = cells[T.lat];
    const lon = cells[T.lon];
    if (lat === null || lon === null || lat === undefined || lon === undefined) {
      return rowError(line, path(lat == null ? T.lat : T.lon), "no position (null latitude/longitude)");
    }
    const numbers: Record<string, number | null> = {};
    const warnings: FieldWarning[] = [];
    const drop = (k: number, reason: string) =>
      warnings.push({ line, column: path(k), reason, value: JSON.stringify(cells[k]) ?? "undefined", action: "dropped" });
    for (const k of [T.lat, T.lon, T.gs, T.track, T.baroRate, T.altGeom] as const) {
      const value = cells[k] ?? null;
      if (value !== null && typeof value !== "number") {
        if (k === T.lat || k === T.lon) return rowError(line, path(k), "not a number", JSON.stringify(value));
        drop(k, "not a number");
        numbers[k] = null;
      } else numbers[k] = value;
    }
    let altBaro = cells[T.altBaro] ?? null;
    if (altBaro !== null && altBaro !== "ground" && typeof altBaro !== "number") {
      drop(T.altBaro, 'altitude is neither a number nor "ground"');
      altBaro = null;
    }
    // readsb flag 8: the altitude in row[3] is geometric, not barometric.
    const flags = cells[T.flags];
    const altitudeIsGeometric = typeof flags === "number" && (flags & 8) !== 0 && typeof altBaro === "number";
    geoFromAltBaro = altitudeIsGeometric && numbers[T.altGeom] == null;
    const altGeom = geoFromAltBaro ? (altBaro as number) : (numbers[T.altGeom] ?? null);
    return validate(
      {
        time: new Date(Math.round((timestampS + offsetS) * 1000)),
        icao24,
        callsign: state.callsign,
        latDeg: numbers[T.lat] ?? Number.NaN,
        lonDeg: numbers[T.lon] ?? Number.NaN,
        altitudeBaroFt: typeof altBaro === "number" && !altitudeIsGeometric ? Math.round(altBaro) : null,
        altitudeGeoFt: altGeom === null ? null : Math.round(altGeom),
        groundSpeedKt: numbers[T.gs] ?? null,
        trackDeg: normaliseTrackDeg(numbers[T.track] ?? null),
        verticalRateFpm: numbers[T.baroRate] ?? null,
        squawk: state.squawk,
        onGround: altBaro === "ground",
        source: traceSource(cells[T.source]),
      },
      line,
      warnings,
    );
  };
}
