/** Feet at and above which altitudes are read as flight levels (the US/Caribbean transition altitude). */
export const TRANSITION_ALTITUDE_FT = 18_000;

const FEET = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * Altitude as analysts read it: a flight level at and above 18,000 ft, feet with thousands
 * separators below, and plain words when the altitude is unknown (never a made-up 0).
 * @example formatAltitude(35000) // "FL350"
 * @example formatAltitude(12500) // "12,500 ft"
 * @example formatAltitude(null)  // "unknown altitude"
 */
export function formatAltitude(altitudeFt: number | null): string {
  if (altitudeFt === null || !Number.isFinite(altitudeFt)) return "unknown altitude";
  if (altitudeFt >= TRANSITION_ALTITUDE_FT) return `FL${String(Math.round(altitudeFt / 100)).padStart(3, "0")}`;
  // Round first so -0.4 ft does not print as "-0 ft".
  return `${FEET.format(Math.round(altitudeFt) || 0)} ft`;
}
