import type { LatLon } from "./lat-lon";
import { greatCircleDistanceKm } from "./great-circle-distance-km";

const DEG = Math.PI / 180;

/**
 * The point at `fraction` (0 = from, 1 = to) of the way along the great circle from `from` to `to`
 * (spherical linear interpolation). For drawing and sampling only: darkflight never presents an
 * interpolated point as an observed position.
 * @example interpolateGreatCircle({latDeg: 0, lonDeg: 0}, {latDeg: 0, lonDeg: 10}, 0.5) // ≈ {latDeg: 0, lonDeg: 5}
 */
export function interpolateGreatCircle(from: LatLon, to: LatLon, fraction: number): LatLon {
  const φ1 = from.latDeg * DEG;
  const λ1 = from.lonDeg * DEG;
  const φ2 = to.latDeg * DEG;
  const λ2 = to.lonDeg * DEG;
  const a = [Math.cos(φ1) * Math.cos(λ1), Math.cos(φ1) * Math.sin(λ1), Math.sin(φ1)] as const;
  const b = [Math.cos(φ2) * Math.cos(λ2), Math.cos(φ2) * Math.sin(λ2), Math.sin(φ2)] as const;
  const dot = Math.max(-1, Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
  const ω = Math.acos(dot);
  if (ω < 1e-12) return { latDeg: from.latDeg, lonDeg: from.lonDeg };
  const s = Math.sin(ω);
  const ka = Math.sin((1 - fraction) * ω) / s;
  const kb = Math.sin(fraction * ω) / s;
  const x = ka * a[0] + kb * b[0];
  const y = ka * a[1] + kb * b[1];
  const z = ka * a[2] + kb * b[2];
  return { latDeg: Math.atan2(z, Math.hypot(x, y)) / DEG, lonDeg: Math.atan2(y, x) / DEG };
}

/**
 * Points every ~`stepKm` along the great circle, both ends included (at least 2 points).
 * @example sampleGreatCircle(havana, caracas, 10).length // ≈ 215
 */
export function sampleGreatCircle(from: LatLon, to: LatLon, stepKm: number): LatLon[] {
  const lengthKm = greatCircleDistanceKm(from, to);
  const steps = Math.max(1, Math.ceil(lengthKm / stepKm));
  const out: LatLon[] = [];
  for (let i = 0; i <= steps; i++) out.push(interpolateGreatCircle(from, to, i / steps));
  return out;
}
