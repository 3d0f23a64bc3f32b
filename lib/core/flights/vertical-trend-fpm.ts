import type { TrackPoint } from "../model/track-point";

/**
 * Vertical rate at pts[i], ft/min: the reported rate, else the altitude change to the neighbour
 * on the given side (within 5 min). 0 when unknown.
 */
export function verticalTrendFpm(pts: readonly TrackPoint[], i: number, side: -1 | 1): number {
  const p = pts[i];
  if (!p) return 0;
  if (p.verticalRateFpm !== null) return p.verticalRateFpm;
  const q = pts[i + side];
  if (!q || p.altitudeFt === null || q.altitudeFt === null) return 0;
  const dtMin = (p.timeMs - q.timeMs) / 60_000;
  if (dtMin === 0 || Math.abs(dtMin) > 5) return 0;
  return (p.altitudeFt - q.altitudeFt) / dtMin;
}
