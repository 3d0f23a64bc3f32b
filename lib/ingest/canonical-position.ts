import { z } from "zod";

/**
 * The one canonical position record every parser produces, the fixtures write and the
 * upload path stores. Units are in the field names; time is UTC.
 */
export const POSITION_SOURCES = ["ADSB", "MLAT", "TISB", "ADSC", "MODE_S", "ASTERIX", "FLARM", "OTHER"] as const;
export type PositionSource = (typeof POSITION_SOURCES)[number];

/** Oldest time accepted: ADS-B data before 1990 is a unit or epoch mistake. */
export const EARLIEST_TIME_MS = Date.UTC(1990, 0, 1);
/** Times more than a day ahead of "now" are clock or unit mistakes. */
export const MAX_FUTURE_MS = 24 * 3600 * 1000;

/**
 * Smallest non-zero magnitude stored in a `real` (4-byte float) column: PostgreSQL refuses a
 * value that underflows to 0 ("1e-50" is out of range for type real), so nearer 0 is 0.
 */
export const MIN_REAL_MAGNITUDE = 1e-30;
/** The same for `double precision` columns (latitude, longitude). */
export const MIN_DOUBLE_MAGNITUDE = 1e-300;

/**
 * Text columns take no control characters (PostgreSQL refuses NUL; the others are noise), nor
 * invisible ones: zero-width characters, direction marks, embeddings, overrides and isolates
 * (a right-to-left override would show a registration reversed in a page or an alert's text).
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** The same characters, for a test (a global regex's `test` is stateful). */
export const HAS_CONTROL_CHARACTER = new RegExp(CONTROL_CHARACTERS.source);
const noControlCharacters = (text: string) => !HAS_CONTROL_CHARACTER.test(text);
/** Callsigns and registrations: ADS-B identification has letters, digits and spaces; exports add hyphens (a registration as callsign). */
export const IDENTIFIER_TEXT = /^[A-Z0-9][A-Z0-9 -]*$/i;

/** Zod's own wording ("expected number, received Infinity") tells a user nothing. */
const FINITE = { error: "not a finite number" };

/** Stored in an `integer` column: whole numbers only. */
const nullableWhole = (min: number, max: number, unit: string) =>
  z.number(FINITE).min(min, `below ${min} ${unit}`).max(max, `above ${max} ${unit}`).int(`not a whole number of ${unit}`).nullable();

/** Stored in a `real` column: no magnitude that underflows it. */
const nullableReal = (min: number, max: number, unit: string) =>
  z
    .number(FINITE)
    .min(min, `below ${min} ${unit}`)
    .max(max, `above ${max} ${unit}`)
    .refine((v) => v === 0 || Math.abs(v) >= MIN_REAL_MAGNITUDE, "too close to 0 for a real column")
    .nullable();

const degrees = (min: number, max: number, name: string) =>
  z
    .number(FINITE)
    .min(min, `${name} below ${min}`)
    .max(max, `${name} above ${max}`)
    .refine((v) => v === 0 || Math.abs(v) >= MIN_DOUBLE_MAGNITUDE, `${name} too close to 0 for a double column`);

const text = (max: number, what: string) =>
  z.string().max(max, `${what} longer than ${max} characters`).refine(noControlCharacters, "contains control characters");

/** Registrations are at most 7 characters in practice; 16 leaves room for odd national formats. */
export const MAX_REGISTRATION_CHARS = 16;
/** ICAO aircraft type designators (Doc 8643) have 2 to 4 characters. */
export const MAX_TYPECODE_CHARS = 4;

/**
 * Build the record schema for a given "now" (the core takes no clock: callers pass it).
 * @example canonicalPositionSchema(Date.now()).safeParse(record)
 */
export function canonicalPositionSchema(nowMs: number) {
  // Every rule that a PostgreSQL column enforces is here too, so a valid record always fits COPY
  // (see lib/server/ingest/copy-text-row.ts and the positions table).
  return z.object({
    time: z
      // An invalid Date (an empty or overflowing time) is a type error to Zod: its own wording says "received Date".
      .date({ error: "not a valid time (empty, or beyond any date)" })
      .refine((d) => d.getTime() >= EARLIEST_TIME_MS, "before 1990")
      .refine((d) => d.getTime() <= nowMs + MAX_FUTURE_MS, "more than a day in the future"),
    icao24: z.string().regex(/^[0-9a-f]{6}$/, "not a 24-bit address (6 hex digits)"),
    callsign: text(8, "callsign").regex(IDENTIFIER_TEXT, "not a callsign (letters, digits, spaces, hyphens)").nullable(),
    latDeg: degrees(-90, 90, "latitude"),
    lonDeg: degrees(-180, 180, "longitude"),
    altitudeBaroFt: nullableWhole(-2000, 60000, "ft"),
    altitudeGeoFt: nullableWhole(-2000, 60000, "ft"),
    groundSpeedKt: nullableReal(0, 1500, "kt"),
    trackDeg: nullableReal(0, 360, "deg"),
    verticalRateFpm: nullableWhole(-30000, 30000, "ft/min"),
    squawk: z.string().regex(/^[0-7]{4}$/, "not a 4-digit octal squawk").nullable(),
    onGround: z.boolean(),
    source: z.enum(POSITION_SOURCES),
    registration: text(MAX_REGISTRATION_CHARS, "registration").regex(IDENTIFIER_TEXT, "not a registration (letters, digits, spaces, hyphens)").nullable().optional(),
    typecode: text(MAX_TYPECODE_CHARS, "type code").nullable().optional(),
  });
}

export type CanonicalPosition = z.infer<ReturnType<typeof canonicalPositionSchema>>;
