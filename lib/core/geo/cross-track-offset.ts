import { EARTH_RADIUS_KM, normalizeLonDeg, type LatLon } from "./lat-lon";
import { greatCircleDistanceKm } from "./great-circle-distance-km";
import { initialBearingDeg } from "./initial-bearing-deg";
import { destinationPoint } from "./destination-point";

export interface CrossTrackOffset {
  /** Signed distance from the great circle, km: positive to the right of the direction of travel. */
  offsetKm: number;
  /** Distance along the great circle from `from` to the foot of the perpendicular, km (negative behind `from`). */
  alongTrackKm: number;
  /** Which side of the route the point lies on, as a reader says it: west or east of the route's
   *  longitude at the foot point. Meaningful for routes running roughly north–south (Cuba ↔ Venezuela);
   *  for an east–west route read `offsetKm`'s sign instead. */
  side: "west" | "east";
  /** The foot of the perpendicular on the great circle. */
  foot: LatLon;
}

/**
 * Lateral (cross-track) offset of `point` from the great circle through `from` and `to`.
 * @example crossTrackOffset({latDeg: 14.3, lonDeg: -74.1}, MUHA, SVMI) // offsetKm ≈ +150, side "west"
 */
export function crossTrackOffset(point: LatLon, from: LatLon, to: LatLon): CrossTrackOffset {
  const δ13 = greatCircleDistanceKm(from, point) / EARTH_RADIUS_KM;
  const θ13 = (initialBearingDeg(from, point) * Math.PI) / 180;
  const θ12 = (initialBearingDeg(from, to) * Math.PI) / 180;
  const δxt = Math.asin(Math.max(-1, Math.min(1, Math.sin(δ13) * Math.sin(θ13 - θ12))));
  const cosRatio = Math.cos(δ13) / Math.max(1e-12, Math.cos(δxt));
  const δat = Math.acos(Math.max(-1, Math.min(1, cosRatio))) * Math.sign(Math.cos(θ13 - θ12) || 1);
  const foot = destinationPoint(from, (θ12 * 180) / Math.PI, δat * EARTH_RADIUS_KM);
  const dLon = normalizeLonDeg(point.lonDeg - foot.lonDeg);
  return {
    offsetKm: δxt * EARTH_RADIUS_KM,
    alongTrackKm: δat * EARTH_RADIUS_KM,
    side: dLon < 0 ? "west" : "east",
    foot,
  };
}
