import type { TrackPoint } from "../model/track-point";
import type { DetectionConfig } from "../model/detection-config";

/**
 * Where an aircraft's history falls apart into pieces that are detected independently, so a long
 * history can be detected in time slices (and an import re-detect only the pieces it touched)
 * with exactly the flights and flags of one pass over it all. A cut lies between two consecutive
 * positions when
 * - the silence between them is longer than anything detection joins across: a flight
 *   (`split.maxGapInFlightS`), an open gap (`gaps.maxOpenS`) and a spoofed stretch
 *   (`spoofing.maxStretchS`) all end within it; or
 * - both are on the ground (the feed's flag) at least {@link GROUND_CUT_S} apart: parked with the
 *   transponder off. A flag on the ground always ends a flight (isLanding), and the next flight
 *   starts from the last ground position before it.
 * Detection cleans and splits each piece on its own (see detect-aircraft.ts), so the rule holds by
 * construction; the data layer uses the same rule to pad a window to the pieces around it.
 */
export function trackCutSilenceMs(config: DetectionConfig): number {
  return Math.max(config.split.maxGapInFlightS, config.gaps.maxOpenS, config.spoofing.maxStretchS) * 1000;
}

/** Two on-ground positions this far apart (s) are separate pieces. */
export const GROUND_CUT_S = 3600;

/** Is there a cut between consecutive positions `a` and `b` (see {@link trackCutSilenceMs})? */
export function isTrackCut(
  a: Pick<TrackPoint, "timeMs" | "onGround">,
  b: Pick<TrackPoint, "timeMs" | "onGround">,
  cutSilenceMs: number,
): boolean {
  const dtMs = b.timeMs - a.timeMs;
  return dtMs > cutSilenceMs || (a.onGround && b.onGround && dtMs >= GROUND_CUT_S * 1000);
}

/**
 * One aircraft's sorted positions cut into pieces (see {@link trackCutSilenceMs}).
 * @example splitTrackPieces(points, DEFAULT_DETECTION_CONFIG).length // 2 for two days 10 h apart
 */
export function splitTrackPieces(points: readonly TrackPoint[], config: DetectionConfig): TrackPoint[][] {
  const cutMs = trackCutSilenceMs(config);
  const starts = [0];
  for (let i = 1; i < points.length; i++) if (isTrackCut(points[i - 1]!, points[i]!, cutMs)) starts.push(i);
  if (points.length === 0) return [];
  // No cut: the points themselves (a month of one aircraft is not copied).
  if (starts.length === 1) return [points as TrackPoint[]];
  return starts.map((from, k) => points.slice(from, starts[k + 1] ?? points.length));
}
