import {
  EARLIEST_TIME_MS,
  HAS_CONTROL_CHARACTER,
  IDENTIFIER_TEXT,
  MAX_FUTURE_MS,
  MAX_REGISTRATION_CHARS,
  MAX_TYPECODE_CHARS,
  MIN_DOUBLE_MAGNITUDE,
  MIN_REAL_MAGNITUDE,
  POSITION_SOURCES,
  type CanonicalPosition,
} from "./canonical-position";

const ICAO24 = /^[0-9a-f]{6}$/;
const SQUAWK = /^[0-7]{4}$/;
const SOURCES: ReadonlySet<unknown> = new Set(POSITION_SOURCES);

/**
 * The hot path of validation: true only for a record the canonical schema surely accepts as it
 * is (the common row), so the validator can skip building Zod's result for it. Anything else,
 * including what this check is unsure of, goes through the schema, the single definition of a
 * valid position and the source of every message (tests/unit/ingest/plainly-valid-position.test.ts
 * checks that this never accepts what the schema refuses).
 */
export function isPlainlyValidPosition(c: CanonicalPosition, nowMs: number): boolean {
  const timeMs = c.time instanceof Date ? c.time.getTime() : Number.NaN;
  return (
    timeMs >= EARLIEST_TIME_MS &&
    timeMs <= nowMs + MAX_FUTURE_MS &&
    typeof c.icao24 === "string" &&
    ICAO24.test(c.icao24) &&
    double(c.latDeg, 90) &&
    double(c.lonDeg, 180) &&
    whole(c.altitudeBaroFt, -2000, 60000) &&
    whole(c.altitudeGeoFt, -2000, 60000) &&
    real(c.groundSpeedKt, 0, 1500) &&
    real(c.trackDeg, 0, 360) &&
    whole(c.verticalRateFpm, -30000, 30000) &&
    identifier(c.callsign, 8) &&
    (c.squawk === null || (typeof c.squawk === "string" && SQUAWK.test(c.squawk))) &&
    typeof c.onGround === "boolean" &&
    SOURCES.has(c.source) &&
    (c.registration === undefined || identifier(c.registration, MAX_REGISTRATION_CHARS)) &&
    (c.typecode === undefined || text(c.typecode, MAX_TYPECODE_CHARS))
  );
}

function double(v: unknown, limit: number): boolean {
  return typeof v === "number" && v >= -limit && v <= limit && (v === 0 || Math.abs(v) >= MIN_DOUBLE_MAGNITUDE);
}

function whole(v: unknown, min: number, max: number): boolean {
  return v === null || (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max);
}

function real(v: unknown, min: number, max: number): boolean {
  return v === null || (typeof v === "number" && v >= min && v <= max && (v === 0 || Math.abs(v) >= MIN_REAL_MAGNITUDE));
}

function text(v: unknown, max: number): boolean {
  return v === null || (typeof v === "string" && v.length <= max && !HAS_CONTROL_CHARACTER.test(v));
}

function identifier(v: unknown, max: number): boolean {
  return text(v, max) && (v === null || IDENTIFIER_TEXT.test(v as string));
}
