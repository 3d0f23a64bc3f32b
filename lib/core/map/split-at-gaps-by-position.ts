import type { LatLon } from "../geo/lat-lon";

/** Squared distance in degrees, longitude shrunk by cos(latitude): enough to find the nearest of a track's points. */
function nearnessDeg2(a: LatLon, b: LatLon): number {
  const dLat = a.latDeg - b.latDeg;
  const dLon = (a.lonDeg - b.lonDeg) * Math.cos(((a.latDeg + b.latDeg) / 2) * (Math.PI / 180));
  return dLat * dLat + dLon * dLon;
}

function nearestIndex(points: readonly LatLon[], target: LatLon, fromIndex: number): number {
  let best = -1;
  let bestD = Infinity;
  for (let i = fromIndex; i < points.length; i++) {
    const d = nearnessDeg2(points[i]!, target);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/**
 * Cuts an ordered, thinned track (positions without times) into the runs that were observed:
 * each gap removes the links from the position nearest its off point to the position nearest its
 * on point (searched after the off point), so the gap is never drawn as observed track even when
 * thinning dropped the exact off/on positions. An open gap (on = null) cuts only after the off
 * point. Runs of one position are kept: they are drawn as dots.
 * @example splitAtGapsByPosition([a, b, c, d], [{ off: b, on: c }]) // [[a, b], [c, d]]
 */
export function splitAtGapsByPosition<P extends LatLon>(points: readonly P[], gaps: readonly { off: LatLon; on: LatLon | null }[]): P[][] {
  if (points.length === 0) return [];
  // cut[i]: the link between points[i] and points[i + 1] is not observed track.
  const cut = new Uint8Array(points.length);
  for (const gap of gaps) {
    const offIndex = nearestIndex(points, gap.off, 0);
    if (offIndex < 0) continue;
    const onIndex = gap.on ? nearestIndex(points, gap.on, offIndex + 1) : -1;
    const lastCut = onIndex > offIndex ? onIndex - 1 : offIndex;
    for (let i = offIndex; i <= lastCut; i++) cut[i] = 1;
  }
  const runs: P[][] = [];
  let run: P[] = [];
  points.forEach((p, i) => {
    run.push(p);
    if (cut[i] === 1 || i === points.length - 1) {
      runs.push(run);
      run = [];
    }
  });
  return runs;
}
