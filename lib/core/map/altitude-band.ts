/** One colour band of the track map's altitude scale; `minFt` inclusive, `maxFt` exclusive. */
export interface AltitudeBand {
  id: "unknown" | "low" | "mid" | "high" | "cruise";
  label: string;
  minFt: number | null;
  maxFt: number | null;
  /** Stroke colour: none is the blue of the route or the orange of a suspected switch-off. */
  colour: string;
}

/**
 * The bands, lowest first, then "unknown". Ten-thousand-foot steps match how analysts read a
 * track: climb/descent below FL100, transition, and cruise above FL300 (where an Il-76 flies).
 */
export const ALTITUDE_BANDS: readonly AltitudeBand[] = [
  { id: "low", label: "0–10,000 ft", minFt: null, maxFt: 10_000, colour: "#1b9e77" },
  { id: "mid", label: "10,000–20,000 ft", minFt: 10_000, maxFt: 20_000, colour: "#7570b3" },
  { id: "high", label: "20,000–30,000 ft", minFt: 20_000, maxFt: 30_000, colour: "#a6368f" },
  { id: "cruise", label: "30,000 ft and above", minFt: 30_000, maxFt: null, colour: "#3d1a5b" },
  { id: "unknown", label: "altitude unknown", minFt: null, maxFt: null, colour: "#9aa0a6" },
];

const BY_ID = new Map(ALTITUDE_BANDS.map((b) => [b.id, b]));

/**
 * The band of a barometric altitude. Negative altitudes (a low-pressure day, a field below sea
 * level) count as "low"; null or non-finite as "unknown", never as 0 ft.
 * @example altitudeBand(35_000).id // "cruise"
 * @example altitudeBand(null).id // "unknown"
 */
export function altitudeBand(altitudeFt: number | null): AltitudeBand {
  if (altitudeFt === null || !Number.isFinite(altitudeFt)) return BY_ID.get("unknown")!;
  if (altitudeFt < 10_000) return BY_ID.get("low")!;
  if (altitudeFt < 20_000) return BY_ID.get("mid")!;
  if (altitudeFt < 30_000) return BY_ID.get("high")!;
  return BY_ID.get("cruise")!;
}
