import type { TrackConfig } from "../model/detection-config";
import { distanceKmRaw } from "../geo/great-circle-distance-km";
import type { HeldPosition } from "./collapse-repeats";
import { reachableKm } from "./reachable-km";

export interface OutlierResult {
  kept: HeldPosition[];
  dropped: number;
}

/**
 * Drop isolated outliers: one to `outlierMaxSamples` consecutive positions that are inconsistent
 * with the position before them AND with the one after them, while those two agree with each
 * other. "Inconsistent" is measured against the reported ground speed (see {@link reachableKm}), so
 * a glitch of a few km is caught even when it is not faster than any aircraft. Nothing else is
 * dropped: when the track does not come back within that many samples this is a jump, and which
 * side is true is for the spoofing scan to say (never "the longer side").
 * @example dropOutliers(held, DEFAULT_DETECTION_CONFIG.track).dropped // 1 for one 5.7-km latitude spike
 */
export function dropOutliers(held: readonly HeldPosition[], config: TrackConfig): OutlierResult {
  const kept: HeldPosition[] = [];
  let dropped = 0;
  for (let i = 0; i < held.length; i++) {
    const s = held[i]!;
    const prev = kept[kept.length - 1];
    if (!prev || consistent(prev, s, config)) {
      kept.push(s);
      continue;
    }
    const skip = outlierLength(held, i, prev, config);
    if (skip > 0) {
      dropped += skip;
      i += skip - 1;
      continue;
    }
    kept.push(s);
  }
  return { kept, dropped };
}

/** How many samples from held[i] on are an isolated outlier after `prev`, 0 when they are not. */
function outlierLength(held: readonly HeldPosition[], i: number, prev: HeldPosition, config: TrackConfig): number {
  for (let k = 1; k <= config.outlierMaxSamples; k++) {
    const next = held[i + k];
    if (!next) return 0;
    if (!consistent(prev, next, config)) continue;
    // The first sample that agrees with `prev` decides: every sample before it must disagree with it too.
    for (let j = i; j < i + k; j++) if (consistent(held[j]!, next, config)) return 0;
    return k;
  }
  return 0;
}

/** Could the aircraft have flown from a to b, at the speed it reported (from a's first report)? */
function consistent(a: HeldPosition, b: HeldPosition, config: TrackConfig): boolean {
  const dtS = (b.point.timeMs - a.point.timeMs) / 1000;
  // The faster of the speeds reported (no array: this runs for every position of every track).
  const ka = a.point.groundSpeedKt;
  const kb = b.point.groundSpeedKt;
  const reportedKt = ka === null ? kb : kb === null ? ka : Math.max(ka, kb);
  return distanceKmRaw(a.point.latDeg, a.point.lonDeg, b.point.latDeg, b.point.lonDeg) <= reachableKm(dtS, config, reportedKt);
}
