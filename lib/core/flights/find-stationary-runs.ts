import type { TrackConfig } from "../model/detection-config";
import { distanceKmRaw } from "../geo/great-circle-distance-km";
import { knotsFromKmPerS } from "../geo/lat-lon";
import type { HeldPosition } from "./collapse-repeats";
import { reachableKm } from "./reachable-km";

/**
 * Which positions hang still at altitude: runs of positions at or above `hoverMinAltitudeFt`
 * reporting less than `hoverMaxSpeedKt` (or no speed) for at least `hoverMinS`, whose path speed
 * — length flown over time, impossible jumps left out — is below `hoverMaxSpeedKt` too. Path
 * length, not net displacement: a 360° loop or a hold ends near where it began but flew far, and
 * reports its real speed. No aeroplane can do this at those heights (see TrackConfig).
 * @example findStationaryRuns(held, DEFAULT_DETECTION_CONFIG.track) // [false, true, true, …]
 */
export function findStationaryRuns(held: readonly HeldPosition[], config: TrackConfig): boolean[] {
  const flags = held.map(() => false);
  const slow = (h: HeldPosition) =>
    !h.point.onGround &&
    h.point.altitudeFt !== null &&
    h.point.altitudeFt >= config.hoverMinAltitudeFt &&
    (h.point.groundSpeedKt === null || h.point.groundSpeedKt < config.hoverMaxSpeedKt);
  let i = 0;
  while (i < held.length) {
    if (!slow(held[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < held.length && slow(held[j + 1]!)) j++;
    const durationS = (held[j]!.untilMs - held[i]!.point.timeMs) / 1000;
    if (durationS >= config.hoverMinS && knotsFromKmPerS(pathKm(held, i, j, config) / durationS) < config.hoverMaxSpeedKt) {
      for (let k = i; k <= j; k++) flags[k] = true;
    }
    i = j + 1;
  }
  return flags;
}

function pathKm(held: readonly HeldPosition[], from: number, to: number, config: TrackConfig): number {
  let km = 0;
  for (let k = from + 1; k <= to; k++) {
    const a = held[k - 1]!;
    const b = held[k]!;
    const legKm = distanceKmRaw(a.point.latDeg, a.point.lonDeg, b.point.latDeg, b.point.lonDeg);
    if (legKm <= reachableKm((b.point.timeMs - a.untilMs) / 1000, config)) km += legKm;
  }
  return km;
}
