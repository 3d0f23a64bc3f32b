import type { LatLon } from "../geo/lat-lon";
import { distanceKmRaw, shortDistanceKm } from "../geo/great-circle-distance-km";

/** Legs shorter than this are merged with the next: position noise must not add length. */
const MIN_LEG_KM = 1;

/**
 * Length of a track: the sum of great-circle legs between positions at least MIN_LEG_KM apart,
 * km. Summing every leg of a densely sampled, noisy track (sub-second receivers, two merged
 * sources) zig-zags and inflates the length several-fold. Legs across a gap count as the
 * straight (great-circle) line: the aircraft flew at least that far.
 * @example trackDistanceKm([{latDeg: 0, lonDeg: 0}, {latDeg: 0, lonDeg: 1}]) // ≈ 111.2
 */
export function trackDistanceKm(points: readonly LatLon[]): number {
  let km = 0;
  let anchor = points[0];
  for (let i = 1; anchor && i < points.length; i++) {
    const b = points[i]!;
    const short = shortDistanceKm(anchor.latDeg, anchor.lonDeg, b.latDeg, b.lonDeg);
    const hop = short < 50 ? short : distanceKmRaw(anchor.latDeg, anchor.lonDeg, b.latDeg, b.lonDeg);
    if (hop >= MIN_LEG_KM || i === points.length - 1) {
      km += hop;
      anchor = b;
    }
  }
  return km;
}
