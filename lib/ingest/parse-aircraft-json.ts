import type { PositionSource } from "./canonical-position";
import { createPositionValidator, rowError, type PositionField } from "./create-position-validator";
import { callsignOrNull, normaliseIcao24, normaliseTrackDeg, squawkOrNull } from "./field-values";
import { fitAircraftIdentity } from "./fit-aircraft-identity";
import { traceSource } from "./parse-readsb-trace";
import { FileRefusedError, type FieldWarning, type ParseEvent } from "./types";

/**
 * A position readsb last heard more than this long ago is stale: readsb itself stops showing it
 * after 60 s, and a poller reading every few seconds has already taken it while it was fresh.
 */
export const AIRCRAFT_JSON_MAX_POSITION_AGE_S = 60;

export interface AircraftJsonParse {
  /** The document's `now`, in ms: the receiver's clock when it wrote the document. */
  streamTimeMs: number;
  /** Identities, records and row errors, in the order of the `aircraft` array. */
  events: ParseEvent[];
  /** Aircraft left out without an error: no position (Mode S/Mode A only) or a stale one. */
  skipped: { withoutPosition: number; stale: number; nonIcao: number };
}

/** Where each canonical field comes from in an aircraft entry, for errors and warnings. */
const KEY_OF: Partial<Record<PositionField, string>> = {
  time: "seen_pos", icao24: "hex", callsign: "flight", latDeg: "lat", lonDeg: "lon", altitudeBaroFt: "alt_baro",
  altitudeGeoFt: "alt_geom", groundSpeedKt: "gs", trackDeg: "track", verticalRateFpm: "baro_rate", squawk: "squawk",
  onGround: "alt_baro", source: "type",
};
const IDENTITY_KEYS = { registration: "r", typecode: "t", model: "desc" } as const;

/**
 * One readsb / tar1090 / dump1090 `aircraft.json` document (a receiver's current picture) →
 * canonical positions. Synchronous, not a generator: the document is small (one entry per
 * aircraft in view) and a poller needs its `now` before the events.
 *
 * - time = `now - seen_pos` (ms, rounded): when the position was received, never when the
 *   document was fetched. `alt_baro: "ground"` → onGround, baro altitude null. `baro_rate`, or
 *   `geom_rate` when it is absent, is the vertical rate.
 * - source from `type` (adsb_*, adsr_* → ADSB, mlat, tisb_*, adsc, mode_s, anything else OTHER);
 *   without `type` (dump1090-fa) a position listed in the `mlat`/`tisb` arrays is MLAT/TISB, else ADSB.
 * - Skipped silently (counted in `skipped`): entries without lat/lon, positions older than
 *   AIRCRAFT_JSON_MAX_POSITION_AGE_S, and `~` hexes (non-ICAO addresses, TIS-B track ids: no
 *   aircraft identity, and they would collide with real addresses). A US feed lists them in
 *   every document; as errors they would bury the real ones.
 * - Errors and warnings: `line` is the entry's 1-based index in `aircraft`, `column` its JSON key
 *   ("seen_pos" for the time). A missing or non-numeric lat/lon/seen_pos rejects the entry; a bad
 *   optional value is dropped with a warning. An `aircraft` event (r, t, desc) precedes the record.
 * - A document that is not JSON, or has no numeric `now` or no `aircraft` array, is refused
 *   (FileRefusedError).
 *
 * @example parseAircraftJson(await (await fetch(url)).text(), { fileName: "aircraft.json", nowMs: Date.now() })
 */
export function parseAircraftJson(text: string, options: { fileName: string; nowMs: number }): AircraftJsonParse {
  const document = readDocument(text, options.fileName);
  const nowS = document.now;
  let entry: Record<string, unknown> = {};
  let verticalRateKey = "baro_rate";
  const columnFor = (field: PositionField) => (field === "verticalRateFpm" ? verticalRateKey : (KEY_OF[field] ?? null));
  const validate = createPositionValidator(options.nowMs, {
    columnFor,
    valueFor: (field) => {
      const key = columnFor(field);
      return key === null ? undefined : JSON.stringify(entry[key]);
    },
  });
  const result: AircraftJsonParse = { streamTimeMs: Math.round(nowS * 1000), events: [], skipped: { withoutPosition: 0, stale: 0, nonIcao: 0 } };

  document.aircraft.forEach((raw, index) => {
    const line = index + 1;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      result.events.push(rowError(line, null, "aircraft entry is not an object", JSON.stringify(raw)));
      return;
    }
    entry = raw as Record<string, unknown>;
    const hex = typeof entry.hex === "string" ? entry.hex : "";
    if (hex.trim().startsWith("~")) {
      result.skipped.nonIcao++;
      return;
    }
    const icao24 = normaliseIcao24(hex);
    if (!/^[0-9a-f]{6}$/.test(icao24)) {
      result.events.push(rowError(line, "hex", "not a 24-bit address (6 hex digits)", JSON.stringify(entry.hex)));
      return;
    }
    const identity = identityEvent(entry, icao24, line);
    if (identity) result.events.push(identity);

    if (entry.lat == null && entry.lon == null) {
      result.skipped.withoutPosition++;
      return;
    }
    for (const key of ["lat", "lon", "seen_pos"] as const) {
      if (typeof entry[key] !== "number" || !Number.isFinite(entry[key])) {
        result.events.push(rowError(line, key, entry[key] == null ? "missing (a position needs lat, lon and seen_pos)" : "not a number", JSON.stringify(entry[key])));
        return;
      }
    }
    const seenPosS = entry.seen_pos as number;
    if (seenPosS < 0) {
      // Seconds since the fix: a negative age dates it after the document, and one such fix would move the feed's clock.
      result.events.push(rowError(line, "seen_pos", "negative: a fix cannot be newer than the document", JSON.stringify(seenPosS)));
      return;
    }
    if (seenPosS > AIRCRAFT_JSON_MAX_POSITION_AGE_S) {
      result.skipped.stale++;
      return;
    }
    const warnings: FieldWarning[] = [];
    const number = (key: string): number | null => {
      const value = entry[key];
      if (value == null) return null;
      if (typeof value === "number" && Number.isFinite(value)) return value;
      warnings.push({ line, column: key, reason: "not a number", value: JSON.stringify(value), action: "dropped" });
      return null;
    };
    const text = (key: string): string | null => {
      const value = entry[key];
      if (value == null) return null;
      if (typeof value === "string") return value;
      warnings.push({ line, column: key, reason: "not a string", value: JSON.stringify(value), action: "dropped" });
      return null;
    };
    const onGround = entry.alt_baro === "ground";
    const altitudeBaroFt = onGround ? null : altitudeOrNull(entry.alt_baro, line, warnings);
    verticalRateKey = entry.baro_rate == null && entry.geom_rate != null ? "geom_rate" : "baro_rate";
    result.events.push(
      validate(
        {
          time: new Date(Math.round((nowS - seenPosS) * 1000)),
          icao24,
          callsign: callsignOrNull(text("flight")),
          latDeg: entry.lat as number,
          lonDeg: entry.lon as number,
          altitudeBaroFt,
          altitudeGeoFt: number("alt_geom"),
          groundSpeedKt: number("gs"),
          trackDeg: normaliseTrackDeg(number("track")),
          verticalRateFpm: number(verticalRateKey),
          // Some feeders write the squawk as a number: squawkOrNull puts its leading zeros back.
          squawk: squawkOrNull(typeof entry.squawk === "number" ? String(entry.squawk) : text("squawk")),
          onGround,
          source: aircraftJsonSource(entry),
        },
        line,
        warnings,
      ),
    );
  });
  return result;
}

function readDocument(text: string, fileName: string): { now: number; aircraft: unknown[] } {
  const refuse = (why: string) =>
    new FileRefusedError(fileName, `not a readsb aircraft.json (${why}): expected {"now": <seconds>, "aircraft": [...]}`);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    throw refuse(`not valid JSON: ${(err as Error).message}`);
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) throw refuse("the top level is not an object");
  const { now, aircraft } = document as { now?: unknown; aircraft?: unknown };
  if (typeof now !== "number" || !Number.isFinite(now)) throw refuse('no numeric "now"');
  if (!Array.isArray(aircraft)) throw refuse('no "aircraft" array');
  return { now, aircraft };
}

function altitudeOrNull(value: unknown, line: number, warnings: FieldWarning[]): number | null {
  if (value == null) return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  warnings.push({ line, column: "alt_baro", reason: 'altitude is neither a number nor "ground"', value: JSON.stringify(value), action: "dropped" });
  return null;
}

/** readsb `type`; dump1090-fa writes none but lists MLAT/TIS-B-derived fields in `mlat`/`tisb`. */
export function aircraftJsonSource(entry: Record<string, unknown>): PositionSource {
  if (typeof entry.type === "string") return traceSource(entry.type);
  const derived = (key: string) => Array.isArray(entry[key]) && (entry[key] as unknown[]).includes("lat");
  if (derived("mlat")) return "MLAT";
  if (derived("tisb")) return "TISB";
  return "ADSB";
}

function identityEvent(entry: Record<string, unknown>, icao24: string, line: number): ParseEvent | null {
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null);
  const registration = text(entry.r);
  const typecode = text(entry.t);
  const model = text(entry.desc);
  if (registration === null && typecode === null && model === null) return null;
  const { identity, warnings } = fitAircraftIdentity({ icao24, registration, typecode, model }, line, (k) => IDENTITY_KEYS[k]);
  return warnings.length > 0 ? { kind: "aircraft", identity, warnings } : { kind: "aircraft", identity };
}
