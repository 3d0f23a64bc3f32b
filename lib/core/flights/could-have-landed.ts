import type { SplitConfig } from "../model/detection-config";

/**
 * Was a silence long enough to land in? Getting down from `offHeightFt` at `landingDescentFpm`,
 * back up to `onHeightFt` at `landingClimbFpm`, plus `minTurnaroundS` on the ground. The rates are
 * faster than normal flying, so only landings that could not have happened are ruled out: an
 * aircraft circling at 9,500 ft that is silent for 6 minutes did not land in between.
 * @example couldHaveLanded(360, 9500, 9500, cfg.split) // false: it needs ≥ 7.3 min
 */
export function couldHaveLanded(silenceS: number, offHeightFt: number, onHeightFt: number, config: SplitConfig): boolean {
  const neededS = (Math.max(0, offHeightFt) / config.landingDescentFpm) * 60 + (Math.max(0, onHeightFt) / config.landingClimbFpm) * 60 + config.minTurnaroundS;
  return silenceS >= neededS;
}
