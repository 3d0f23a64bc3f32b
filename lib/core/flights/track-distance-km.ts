import type { LatLon } from "../geo/lat-lon";
import { distanceKmRaw, shortDistanceKm } from "../geo/great-circle-distance-km";

/**
 * Length of a track: the sum of great-circle legs between consecutive positions, km. Legs across
 * a gap count as the straight (great-circle) line: the aircraft flew at least that far.
 * @example trackDistanceKm([{latDeg: 0, lonDeg: 0}, {latDeg: 0, lonDeg: 1}]) // ≈ 111.2
 */
export function trackDistanceKm(points: readonly LatLon[]): number {
  let km = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const hop = shortDistanceKm(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg);
    km += hop < 50 ? hop : distanceKmRaw(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg);
  }
  return km;
}
