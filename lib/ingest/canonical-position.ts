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

const nullableNumber = (min: number, max: number, unit: string) =>
  z
    .number()
    .refine(Number.isFinite, "must be a finite number")
    .min(min, `below ${min} ${unit}`)
    .max(max, `above ${max} ${unit}`)
    .nullable();

/**
 * Build the record schema for a given "now" (the core takes no clock: callers pass it).
 * @example canonicalPositionSchema(Date.now()).safeParse(record)
 */
export function canonicalPositionSchema(nowMs: number) {
  return z.object({
    time: z
      .date()
      .refine((d) => !Number.isNaN(d.getTime()), "invalid date")
      .refine((d) => d.getTime() >= EARLIEST_TIME_MS, "before 1990")
      .refine((d) => d.getTime() <= nowMs + MAX_FUTURE_MS, "more than a day in the future"),
    icao24: z.string().regex(/^[0-9a-f]{6}$/, "not a 24-bit address (6 hex digits)"),
    callsign: z.string().max(8, "longer than 8 characters").nullable(),
    latDeg: z.number().min(-90, "latitude below -90").max(90, "latitude above 90"),
    lonDeg: z.number().min(-180, "longitude below -180").max(180, "longitude above 180"),
    altitudeBaroFt: nullableNumber(-2000, 60000, "ft"),
    altitudeGeoFt: nullableNumber(-2000, 60000, "ft"),
    groundSpeedKt: nullableNumber(0, 1500, "kt"),
    trackDeg: nullableNumber(0, 360, "deg"),
    verticalRateFpm: nullableNumber(-30000, 30000, "ft/min"),
    squawk: z.string().regex(/^[0-7]{4}$/, "not a 4-digit octal squawk").nullable(),
    onGround: z.boolean(),
    source: z.enum(POSITION_SOURCES),
    registration: z.string().max(16).nullable().optional(),
    typecode: z.string().max(4).nullable().optional(),
  });
}

export type CanonicalPosition = z.infer<ReturnType<typeof canonicalPositionSchema>>;
