import type { LatLon } from "./lat-lon";

const DEG = Math.PI / 180;

/**
 * Initial bearing (forward azimuth) of the great circle from `from` to `to`, degrees clockwise
 * from true north in [0, 360). 0 when the two points coincide.
 * @example initialBearingDeg({latDeg: 22.99, lonDeg: -82.41}, {latDeg: 10.60, lonDeg: -66.99}) // ≈ 128 (Havana → Caracas)
 */
export function initialBearingDeg(from: LatLon, to: LatLon): number {
  const φ1 = from.latDeg * DEG;
  const φ2 = to.latDeg * DEG;
  const Δλ = (to.lonDeg - from.lonDeg) * DEG;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  if (x === 0 && y === 0) return 0;
  return (Math.atan2(y, x) / DEG + 360) % 360;
}
