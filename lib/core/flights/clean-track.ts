import type { TrackPoint } from "../model/track-point";
import { DEFAULT_DETECTION_CONFIG, type SpoofingConfig, type TrackConfig } from "../model/detection-config";
import type { SpoofedStretch } from "../model/spoofed-stretch";
import { collapseRepeats } from "./collapse-repeats";
import { dropOutliers } from "./drop-outliers";
import { findSpoofedStretches } from "./find-spoofed-stretches";

export interface CleanedTrack {
  points: TrackPoint[];
  /** Airborne positions identical to the previous one (a feed repeating its last position, not a
   *  new reception), and positions not later than the previous one. */
  staleDropped: number;
  /** Positions no aircraft could have been at: isolated outliers, spoofed stretches, hanging still at altitude. */
  implausibleDropped: number;
  /** Isolated outliers among them (one or two samples inconsistent with both neighbours). */
  outliersDropped: number;
  /** Stretches of frozen or displaced positions, removed from `points` (the POSITION_SPOOFING evidence). */
  spoofing: SpoofedStretch[];
}

/**
 * Clean one aircraft's sorted positions before splitting:
 * 1. fold repeated airborne positions into their first report ({@link collapseRepeats});
 * 2. drop isolated outliers: one or two samples inconsistent with both neighbours and with the
 *    reported ground speed ({@link dropOutliers});
 * 3. remove spoofed stretches — frozen, teleported or hanging still at altitude — after which the
 *    track resumes where the aircraft could be, and report them ({@link findSpoofedStretches}).
 * A jump the track never comes back from is kept: it is a discontinuity (split-flights splits
 * there), not a reason to throw away either side. Nothing is moved or interpolated.
 * Deterministic and linear in the number of points, except for the forward scan after a jump.
 */
export function cleanTrack(input: readonly TrackPoint[], config: TrackConfig, spoofing: SpoofingConfig = DEFAULT_DETECTION_CONFIG.spoofing): CleanedTrack {
  const { held, staleDropped } = collapseRepeats(input, { toleranceKm: spoofing.frozenToleranceKm, minSpeedKt: spoofing.frozenMinSpeedKt, minS: spoofing.frozenMinS });
  const outliers = dropOutliers(held, config);
  const scan = findSpoofedStretches(outliers.kept, config, spoofing);
  return {
    points: scan.kept.map((h) => h.point),
    staleDropped,
    implausibleDropped: outliers.dropped + scan.dropped,
    outliersDropped: outliers.dropped,
    spoofing: scan.stretches,
  };
}
