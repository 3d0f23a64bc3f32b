import type { TrackPoint } from "../model/track-point";
import type { SpoofingConfig, TrackConfig } from "../model/detection-config";
import { distanceKmRaw } from "../geo/great-circle-distance-km";
import { reachableKm } from "./reachable-km";

/**
 * Is the move from `a` to `b` a teleport: at least `teleportMinKm`, and farther than any aircraft
 * can fly in `dtS` seconds (see {@link reachableKm})? `dtS` is passed because a frozen position
 * is claimed until its last repeat: a jump right after that repeat happened "in one second".
 * @example isImpossibleJump(a, b, 1, cfg.track, cfg.spoofing) // true for 261 km in 1 s
 */
export function isImpossibleJump(a: TrackPoint, b: TrackPoint, dtS: number, track: TrackConfig, spoofing: SpoofingConfig): boolean {
  const km = distanceKmRaw(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg);
  return km >= spoofing.teleportMinKm && km > reachableKm(dtS, track);
}
