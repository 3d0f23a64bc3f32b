import type { TrackConfig } from "../model/detection-config";
import { KM_PER_NM } from "../geo/lat-lon";

/**
 * The farthest an aircraft can get in `dtS` seconds, km: at `maxSpeedKt` (at `maxSustainedSpeedKt`
 * once the time reaches `sustainedAfterS`), or — when a reported ground speed is given — at that
 * speed × `outlierSpeedFactor` + `outlierSpeedMarginKt` if lower; plus `jumpSlackKm` for position
 * noise and whole-second timestamps.
 * @example reachableKm(10, DEFAULT_DETECTION_CONFIG.track, 450) // 10 s at 725 kt + 2 km ≈ 5.73
 */
export function reachableKm(dtS: number, config: TrackConfig, reportedKt: number | null = null): number {
  let kt = dtS >= config.sustainedAfterS ? config.maxSustainedSpeedKt : config.maxSpeedKt;
  if (reportedKt !== null) kt = Math.min(kt, reportedKt * config.outlierSpeedFactor + config.outlierSpeedMarginKt);
  return (kt * KM_PER_NM * Math.max(0, dtS)) / 3600 + config.jumpSlackKm;
}
