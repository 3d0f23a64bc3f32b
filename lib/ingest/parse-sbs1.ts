import type { Readable } from "node:stream";
import { CellReader } from "./cell-reader";
import { createPositionValidator, rowError, type PositionField } from "./create-position-validator";
import { callsignOrNull, normaliseIcao24, normaliseTrackDeg, squawkOrNull } from "./field-values";
import { openInput } from "./open-input";
import { readCsvRows } from "./read-csv-rows";
import type { ParseEvent, ParseOptions } from "./types";

/** BaseStation field names, in order (MSG lines have 22 fields). */
export const SBS1_FIELDS = [
  "messageType", "transmissionType", "sessionId", "aircraftId", "hex", "flightId", "dateGen", "timeGen",
  "dateLog", "timeLog", "callsign", "altitude", "groundSpeed", "track", "lat", "lon", "verticalRate",
  "squawk", "alert", "emergency", "spi", "isOnGround",
] as const;
const F = Object.fromEntries(SBS1_FIELDS.map((name, i) => [name, i])) as Record<(typeof SBS1_FIELDS)[number], number>;

/** Lines of other types a BaseStation feed interleaves; they carry no positions. */
const OTHER_MESSAGE_TYPES = new Set(["STA", "AIR", "ID", "SEL", "CLK"]);

/** A value seen this long ago (or more) is too old to attach to a new position. */
export const SBS1_STATE_MAX_AGE_MS = 60_000;

interface Timed<T> {
  value: T;
  atMs: number;
}
interface AircraftState {
  callsign?: Timed<string>;
  altitudeFt?: Timed<number>;
  groundSpeedKt?: Timed<number>;
  trackDeg?: Timed<number>;
  verticalRateFpm?: Timed<number>;
  squawk?: Timed<string>;
  onGround?: Timed<boolean>;
  lastMs: number;
}

/**
 * SBS-1 BaseStation lines (port 30003 of dump1090/readsb) → canonical positions.
 *
 * One aircraft's state is assembled across message types: every MSG line updates the fields it
 * carries (1 callsign; 4 speed, track, vertical rate; 5/6/7/8 altitude, squawk, on-ground), and
 * each position message (3 airborne, 2 surface) becomes a record completed with the latest
 * values of that address seen within 60 s. Source ADSB (the feed does not tell MLAT apart).
 *
 * Times are the "generated" date/time (the "logged" pair if those are empty), `YYYY/MM/DD` and
 * `HH:MM:SS.mmm`, read as UTC: BaseStation writes no zone, so run the receiver in UTC.
 * STA/AIR/ID/SEL/CLK lines are skipped; a MSG 2/3 without lat/lon (its CPR pair not decoded yet)
 * only updates the state. Malformed MSG lines and lines of no SBS type are row errors; an
 * unreadable optional value (altitude, speed...) is dropped with a warning on the line's position.
 */
export async function* parseSbs1(input: Readable, options: ParseOptions): AsyncGenerator<ParseEvent> {
  const text = openInput(input, options.fileName);
  const reader = new CellReader(SBS1_FIELDS);
  const fieldIndex: Partial<Record<PositionField, number>> = {
    time: F.dateGen, icao24: F.hex, callsign: F.callsign, altitudeBaroFt: F.altitude, groundSpeedKt: F.groundSpeed,
    trackDeg: F.track, latDeg: F.lat, lonDeg: F.lon, verticalRateFpm: F.verticalRate, squawk: F.squawk,
    onGround: F.isOnGround,
  };
  const validate = createPositionValidator(options.nowMs, reader.naming(fieldIndex));
  const states = new Map<string, AircraftState>();
  let linesSincePrune = 0;

  // An SBS-1 message is one line: a stray quote must not hold back the lines after it (a feed's, for minutes).
  for await (const batch of readCsvRows(text, { fileName: options.fileName, delimiter: ",", singleLineRecords: true })) {
    for (const row of batch) {
      if (row.fields === undefined) {
        yield rowError(row.line, null, row.error);
        continue;
      }
      if (row.fields.some((field) => field.includes("\uFFFD"))) {
        // A feed's damaged bytes (sbs1-source.ts): this line is lost, not the connection.
        yield rowError(row.line, null, "damaged line (bytes that are not UTF-8 text)");
        continue;
      }
      const type = row.fields[0]?.trim() ?? "";
      if (OTHER_MESSAGE_TYPES.has(type)) continue;
      if (type !== "MSG") {
        yield rowError(row.line, "messageType", "not an SBS-1 line (expected MSG, STA, AIR, ID, SEL or CLK)", type);
        continue;
      }
      const shape = reader.start(row.fields, row.line);
      if (shape !== null) {
        yield rowError(row.line, null, `${shape} (SBS-1 MSG lines have 22)`);
        continue;
      }
      const transmission = reader.text(F.transmissionType);
      if (!/^[1-8]$/.test(transmission)) {
        yield rowError(row.line, "transmissionType", "not an SBS-1 transmission type (1-8)", transmission);
        continue;
      }
      const timeMs = sbsTimeMs(reader.text(F.dateGen) || reader.text(F.dateLog), reader.text(F.timeGen) || reader.text(F.timeLog));
      if (timeMs === null) {
        yield rowError(row.line, "dateGen", "not a BaseStation date and time (YYYY/MM/DD, HH:MM:SS.mmm)", `${reader.text(F.dateGen)} ${reader.text(F.timeGen)}`);
        continue;
      }
      const icao24 = normaliseIcao24(reader.raw(F.hex));
      const altitudeFt = reader.optionalNumber(F.altitude);
      const groundSpeedKt = reader.optionalNumber(F.groundSpeed);
      const trackDeg = reader.optionalNumber(F.track);
      const latDeg = reader.number(F.lat);
      const lonDeg = reader.number(F.lon);
      const verticalRateFpm = reader.optionalNumber(F.verticalRate);
      const onGround = reader.optionalBoolean(F.isOnGround);
      if (reader.problem) {
        yield rowError(row.line, reader.problem.column, reader.problem.reason, reader.problem.value);
        continue;
      }
      if (!/^[0-9a-f]{6}$/.test(icao24)) {
        yield rowError(row.line, "hex", "not a 24-bit address (6 hex digits)", reader.raw(F.hex));
        continue;
      }

      const state = states.get(icao24) ?? { lastMs: timeMs };
      states.set(icao24, state);
      state.lastMs = Math.max(state.lastMs, timeMs);
      const at = <T>(value: T): Timed<T> => ({ value, atMs: timeMs });
      const callsign = callsignOrNull(reader.raw(F.callsign));
      const squawk = squawkOrNull(reader.raw(F.squawk));
      if (callsign !== null) state.callsign = at(callsign);
      if (altitudeFt !== null) state.altitudeFt = at(altitudeFt);
      if (groundSpeedKt !== null) state.groundSpeedKt = at(groundSpeedKt);
      if (trackDeg !== null) state.trackDeg = at(trackDeg);
      if (verticalRateFpm !== null) state.verticalRateFpm = at(verticalRateFpm);
      if (squawk !== null) state.squawk = at(squawk);
      if (onGround !== null) state.onGround = at(onGround);

      const isPosition = transmission === "2" || transmission === "3";
      if (isPosition && (latDeg === null) !== (lonDeg === null)) {
        // Half a position is no position: reported, not dropped in silence.
        yield rowError(row.line, latDeg === null ? "lat" : "lon", `a position message with ${latDeg === null ? "a longitude but no latitude" : "a latitude but no longitude"}`);
      } else if (isPosition && latDeg !== null && lonDeg !== null) {
        const fresh = <T>(timed: Timed<T> | undefined): T | null =>
          timed !== undefined && Math.abs(timeMs - timed.atMs) < SBS1_STATE_MAX_AGE_MS ? timed.value : null;
        yield validate(
          {
            time: new Date(timeMs),
            icao24,
            callsign: fresh(state.callsign),
            latDeg,
            lonDeg,
            altitudeBaroFt: transmission === "2" ? null : roundOrNull(fresh(state.altitudeFt)),
            altitudeGeoFt: null,
            groundSpeedKt: fresh(state.groundSpeedKt),
            trackDeg: normaliseTrackDeg(fresh(state.trackDeg)),
            verticalRateFpm: fresh(state.verticalRateFpm),
            squawk: fresh(state.squawk),
            onGround: transmission === "2" ? true : (fresh(state.onGround) ?? false),
            source: "ADSB",
          },
          row.line,
          reader.warnings,
        );
      }
      if (++linesSincePrune >= 100_000) {
        linesSincePrune = 0;
        pruneStates(states, timeMs);
      }
    }
  }
}

/** Forget aircraft not heard for a while, so a days-long log does not grow the map without bound. */
function pruneStates(states: Map<string, AircraftState>, nowMs: number): void {
  for (const [icao24, state] of states) {
    if (nowMs - state.lastMs > 10 * SBS1_STATE_MAX_AGE_MS) states.delete(icao24);
  }
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

const DATE = /^(\d{4})\/(\d{2})\/(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** `2024/01/02` + `07:41:03.515` read as UTC; null when either is malformed. */
export function sbsTimeMs(date: string, time: string): number | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [, y, mo, day] = d.map(Number) as [number, number, number, number];
  const [, h, mi, s] = t.map(Number) as [number, number, number, number];
  const ms = t[4] === undefined ? 0 : Number(t[4].padEnd(3, "0"));
  if (mo < 1 || mo > 12 || day < 1 || day > 31 || h > 23 || mi > 59 || s > 59) return null;
  const result = Date.UTC(y, mo - 1, day, h, mi, s, ms);
  return new Date(result).getUTCDate() === day ? result : null;
}
