import { simplify } from "@turf/simplify";
import { lineString } from "@turf/helpers";
import type { GapRecord } from "../flight-record";

interface MapPoint {
  timeMs: number;
  latDeg: number;
  lonDeg: number;
}

/**
 * A track for a map: each observed stretch between gaps simplified with Douglas–Peucker (turf)
 * so its shape survives, at most `maxPoints` points in all, the original points returned in
 * time order. Stretches are simplified apart, so the points just before and after every gap (its
 * off and on points) are always kept: a gap must never be drawn as observed track. Those points
 * win over the budget: a track with more than about maxPoints / 2 gaps can exceed maxPoints
 * rather than hide where a gap begins or ends.
 */
export function thinTrackForMap<P extends MapPoint>(points: readonly P[], gaps: readonly Pick<GapRecord, "offTimeMs">[], maxPoints = 2000): P[] {
  if (points.length <= maxPoints) return [...points];
  const cuts = gaps.map((g) => g.offTimeMs).sort((a, b) => a - b);
  const stretches: number[][] = [];
  let current: number[] = [];
  let next = 0;
  points.forEach((p, i) => {
    // A point after a gap's off point starts a new stretch.
    while (next < cuts.length && p.timeMs > cuts[next]!) {
      if (current.length) stretches.push(current);
      current = [];
      next += 1;
    }
    current.push(i);
  });
  if (current.length) stretches.push(current);
  // Loosen the tolerance (degrees; 0.002° ≈ 200 m) until the whole track fits.
  for (let tolerance = 0.002; ; tolerance *= 2) {
    const kept = stretches.flatMap((s) => (s.length < 3 ? s : simplifyStretch(points, s, tolerance)));
    if (kept.length <= maxPoints || tolerance > 20) return kept.map((i) => points[i]!);
  }
}

/** The indexes of a stretch's points that Douglas–Peucker keeps (the index rides along as z). */
function simplifyStretch(points: readonly MapPoint[], stretch: number[], tolerance: number): number[] {
  const line = lineString(stretch.map((i) => [points[i]!.lonDeg, points[i]!.latDeg, i]));
  return simplify(line, { tolerance, highQuality: false, mutate: true }).geometry.coordinates.map((c) => c[2]!);
}
