const POINTS = ["north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west"] as const;
export type CompassPoint = (typeof POINTS)[number];

/**
 * The nearest of the eight compass points for a bearing, for plain-words explanations.
 * @example compassPoint(140) // "south-east"
 */
export function compassPoint(bearingDeg: number): CompassPoint {
  const i = Math.round((((bearingDeg % 360) + 360) % 360) / 45) % 8;
  return POINTS[i] ?? "north";
}
