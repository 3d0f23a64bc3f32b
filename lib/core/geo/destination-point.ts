import { EARTH_RADIUS_KM, normalizeLonDeg, type LatLon } from "./lat-lon";

const DEG = Math.PI / 180;

/**
 * The point reached after `distanceKm` along the great circle leaving `from` at `bearingDeg`.
 * Used to project a track forward/backward from where it starts or ends.
 * @example destinationPoint({latDeg: 0, lonDeg: 0}, 90, 111.2) // ≈ {latDeg: 0, lonDeg: 1}
 */
export function destinationPoint(from: LatLon, bearingDeg: number, distanceKm: number): LatLon {
  const δ = distanceKm / EARTH_RADIUS_KM;
  const θ = bearingDeg * DEG;
  const φ1 = from.latDeg * DEG;
  const λ1 = from.lonDeg * DEG;
  const sinφ2 = Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ);
  const φ2 = Math.asin(Math.max(-1, Math.min(1, sinφ2)));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * sinφ2);
  return { latDeg: φ2 / DEG, lonDeg: normalizeLonDeg(λ2 / DEG) };
}
