import type { TrackPoint } from "../model/track-point";
import type { AirportRef } from "../model/airport-ref";
import type { SplitConfig } from "../model/detection-config";
import { groundLikeReason } from "./is-ground-like";

/**
 * Does pts[i] end a flight on the ground? Yes when the feed flags it on the ground or it is slow
 * and low near a known airport. A crawl at rooftop height away from airports (the only evidence
 * feeds without an on-ground flag give) counts only when it lasts: the next position is
 * ground-like too, or the aircraft then falls silent for `minSilenceS`, or the data ends. A
 * helicopter dipping a bucket in a lake or a scooper skimming water at 20 kt is airborne again
 * seconds later: that is not a landing.
 * @example isLanding(points, 12, airports, cfg.split) // false for one 25-kt sample over a lake between airborne ones
 */
export function isLanding(pts: readonly TrackPoint[], i: number, airports: readonly AirportRef[], config: SplitConfig): boolean {
  const p = pts[i]!;
  const reason = groundLikeReason(p, airports, config);
  if (reason !== "crawl") return reason !== null;
  const next = pts[i + 1];
  return !next || next.timeMs - p.timeMs >= config.minSilenceS * 1000 || groundLikeReason(next, airports, config) !== null;
}
