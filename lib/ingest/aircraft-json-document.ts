import type { CanonicalPosition, PositionSource } from "./canonical-position";
import { AIRCRAFT_JSON_MAX_POSITION_AGE_S } from "./parse-aircraft-json";

/** One entry of `aircraft`, with the keys readsb uses (absent keys are unknown values). */
export interface AircraftJsonEntry {
  hex: string;
  type: string;
  flight?: string;
  r?: string;
  t?: string;
  alt_baro?: number | "ground";
  alt_geom?: number;
  gs?: number;
  track?: number;
  baro_rate?: number;
  squawk?: string;
  lat: number;
  lon: number;
  /** Seconds between the position and `now`, ms precision. */
  seen_pos: number;
  /** Seconds since the last message: here the position's age too (it is all a replay knows). */
  seen: number;
}

export interface AircraftJsonDocument {
  /** Seconds since the epoch, ms precision. */
  now: number;
  messages: number;
  aircraft: AircraftJsonEntry[];
}

/** Canonical source → readsb `type` (the first of readsb's names for it). */
const READSB_TYPE: Record<PositionSource, string> = {
  ADSB: "adsb_icao", MLAT: "mlat", TISB: "tisb_icao", ADSC: "adsc", MODE_S: "mode_s", ASTERIX: "other", FLARM: "other", OTHER: "other",
};

/**
 * The aircraft.json a readsb receiver would serve at `streamTimeMs`, given each aircraft's latest
 * position (its `registration`/`typecode`, when set, become `r`/`t`). Aircraft whose position is
 * more than AIRCRAFT_JSON_MAX_POSITION_AGE_S old, or still in the future, are left out.
 *
 * parseAircraftJson reads every record back equal (time to the ms) except: altitudeBaroFt is
 * null on the ground (`alt_baro: "ground"`), callsigns come back trimmed and upper-cased, ASTERIX
 * and FLARM come back OTHER, and registration/typecode come back as `aircraft` events.
 *
 * @example JSON.stringify(aircraftJsonDocument(latestByAircraft.values(), clockMs, sentCount))
 */
export function aircraftJsonDocument(latest: Iterable<CanonicalPosition>, streamTimeMs: number, messages = 0): AircraftJsonDocument {
  const aircraft: AircraftJsonEntry[] = [];
  for (const record of latest) {
    const ageMs = streamTimeMs - record.time.getTime();
    if (ageMs < 0 || ageMs > AIRCRAFT_JSON_MAX_POSITION_AGE_S * 1000) continue;
    // ms / 1000 is the double nearest the decimal: JSON writes it with 3 decimals at most.
    const entry: AircraftJsonEntry = { hex: record.icao24, type: READSB_TYPE[record.source], lat: record.latDeg, lon: record.lonDeg, seen_pos: ageMs / 1000, seen: ageMs / 1000 };
    // readsb pads callsigns to 8 characters.
    if (record.callsign !== null) entry.flight = record.callsign.padEnd(8, " ");
    if (record.registration) entry.r = record.registration;
    if (record.typecode) entry.t = record.typecode;
    if (record.onGround) entry.alt_baro = "ground";
    else if (record.altitudeBaroFt !== null) entry.alt_baro = record.altitudeBaroFt;
    if (record.altitudeGeoFt !== null) entry.alt_geom = record.altitudeGeoFt;
    if (record.groundSpeedKt !== null) entry.gs = record.groundSpeedKt;
    if (record.trackDeg !== null) entry.track = record.trackDeg;
    if (record.verticalRateFpm !== null) entry.baro_rate = record.verticalRateFpm;
    if (record.squawk !== null) entry.squawk = record.squawk;
    aircraft.push(entry);
  }
  return { now: streamTimeMs / 1000, messages, aircraft };
}
