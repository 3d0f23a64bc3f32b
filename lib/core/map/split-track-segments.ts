import { altitudeBand, type AltitudeBand } from "./altitude-band";

export interface TimedTrackPoint {
  timeMs: number;
  latDeg: number;
  lonDeg: number;
  altitudeFt: number | null;
}

/** The time window of a gap; `onTimeMs` null while the gap is open at the end of the data. */
export interface GapWindow {
  offTimeMs: number;
  onTimeMs: number | null;
}

/** A run of consecutive observed positions drawn as one line in one colour. */
export interface TrackSegment<P extends TimedTrackPoint = TimedTrackPoint> {
  bandId: AltitudeBand["id"];
  points: P[];
}

/** True when a gap starts or ends between two consecutive positions (by time, not by index). */
function gapBetween(prev: TimedTrackPoint, next: TimedTrackPoint, gaps: readonly GapWindow[]): boolean {
  for (const g of gaps) {
    if (prev.timeMs <= g.offTimeMs && g.offTimeMs < next.timeMs) return true;
    if (g.onTimeMs !== null && prev.timeMs < g.onTimeMs && g.onTimeMs <= next.timeMs) return true;
  }
  return false;
}

/**
 * Splits a time-sorted track into lines to draw: a new segment wherever a gap starts or ends
 * (so a gap is never drawn as observed track, even when thinning dropped the off/on positions
 * themselves) and wherever the altitude band changes. At a band change the new segment repeats
 * the last point of the previous one, so the line stays continuous; at a gap it does not.
 * Positions inside a partial gap (MLAT while ADS-B was silent) are observations: they form
 * their own segments between the two breaks.
 * @example splitTrackSegments(points, [{ offTimeMs: t1, onTimeMs: t2 }]).length // ≥ 2
 */
export function splitTrackSegments<P extends TimedTrackPoint>(points: readonly P[], gaps: readonly GapWindow[]): TrackSegment<P>[] {
  const segments: TrackSegment<P>[] = [];
  let current: TrackSegment<P> | null = null;
  let prev: P | null = null;
  for (const p of points) {
    const bandId = altitudeBand(p.altitudeFt).id;
    if (current === null || prev === null) {
      current = { bandId, points: [p] };
    } else if (gapBetween(prev, p, gaps)) {
      segments.push(current);
      current = { bandId, points: [p] };
    } else if (bandId !== current.bandId) {
      segments.push(current);
      current = { bandId, points: [prev, p] };
    } else {
      current.points.push(p);
    }
    prev = p;
  }
  if (current) segments.push(current);
  return segments;
}
