import { CONTROL_CHARACTERS, MIN_DOUBLE_MAGNITUDE, MIN_REAL_MAGNITUDE, type CanonicalPosition } from "./canonical-position";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Fixed = (field: keyof CanonicalPosition, reason: string, before: string) => void;

const WHOLE_FIELDS = ["altitudeBaroFt", "altitudeGeoFt", "verticalRateFpm"] as const;
const REAL_FIELDS = ["groundSpeedKt", "trackDeg"] as const;
const DOUBLE_FIELDS = ["latDeg", "lonDeg"] as const;
const TEXT_FIELDS = ["callsign", "registration", "typecode"] as const;

/**
 * Adjusts, in place, the values of a candidate record that are valid but would not fit their
 * PostgreSQL column as they are: fractions in integer columns are rounded ("-640.5" ft/min),
 * magnitudes that underflow a float column become 0 ("1e-50" kt), control characters leave text
 * (a JSON "\u0000" in a callsign). Each change is reported through `fixed`; the canonical
 * schema then checks what remains. Cheap when nothing needs fixing (the hot path).
 *
 * @example fitPositionToColumns(candidate, (field, reason, before) => warnings.push(...))
 */
export function fitPositionToColumns(candidate: Mutable<CanonicalPosition>, fixed: Fixed): void {
  for (const field of WHOLE_FIELDS) {
    const value = candidate[field];
    if (typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value)) {
      candidate[field] = Math.round(value);
      fixed(field, "rounded to a whole number", String(value));
    }
  }
  for (const field of REAL_FIELDS) {
    const value = candidate[field];
    if (typeof value === "number" && value !== 0 && Math.abs(value) < MIN_REAL_MAGNITUDE) {
      candidate[field] = 0;
      fixed(field, "rounded to 0 (too small for the column)", String(value));
    }
  }
  for (const field of DOUBLE_FIELDS) {
    const value = candidate[field];
    if (value !== 0 && Math.abs(value) < MIN_DOUBLE_MAGNITUDE) {
      candidate[field] = 0;
      fixed(field, "rounded to 0 (too small for the column)", String(value));
    }
  }
  for (const field of TEXT_FIELDS) {
    const value = candidate[field];
    if (typeof value !== "string") continue;
    CONTROL_CHARACTERS.lastIndex = 0;
    if (!CONTROL_CHARACTERS.test(value)) continue;
    const cleaned = value.replace(CONTROL_CHARACTERS, "").trim();
    candidate[field] = cleaned === "" ? null : cleaned;
    fixed(field, "control characters removed", JSON.stringify(value));
  }
}
