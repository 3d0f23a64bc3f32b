import type { TrackPoint } from "../model/track-point";
import type { DetectionConfig } from "../model/detection-config";
import { MAP_HOUR_MS } from "../model/reception-config";
import type { GapCandidate } from "./find-gaps";
import type { SilenceQuery } from "../reception/silence-observations";
import { KM_PER_NM } from "../geo/lat-lon";
import { destinationPoint } from "../geo/destination-point";
import { initialBearingDeg } from "../geo/initial-bearing-deg";
import { altitudeBand } from "../reception/grid-cell";
import { silencePath } from "../reception/silence-path";

/** Assumed speed when an open gap's off point has none, kt (typical jet cruise). */
const DEFAULT_CRUISE_KT = 450;

/**
 * What grading needs to know about one silence: the cells inside its path at its altitude band,
 * its time window, and the map's history window around it. A closed gap's path is the great
 * circle from where it was last heard to where it was heard again; an open gap's is projected
 * along its last heading at its last speed for at most `openProjectionS` (never shown as track).
 */
export function silenceQuery(c: GapCandidate, points: readonly TrackPoint[], icao24: string, config: DetectionConfig): SilenceQuery {
  const { off, on } = c;
  const { cellDeg, bandFloorsFt, historyDays } = config.reception;
  const band = altitudeBand(off.altitudeFt, false, bandFloorsFt) ?? 0;
  let cells;
  let toMs: number;
  if (on) {
    // Each cell at the altitude it would have been crossed at: a climb to cruise is heard as a cruise.
    const offFt = off.altitudeFt;
    const onFt = on.altitudeFt ?? offFt;
    cells = silencePath(off, on, c.durationS, cellDeg, config.gaps.pathStepKm).map((cell) => ({
      ...cell,
      band: offFt === null || onFt === null ? band : (altitudeBand(offFt + (onFt - offFt) * cell.midFraction, false, bandFloorsFt) ?? band),
    }));
    toMs = on.timeMs;
  } else {
    const prev = points[c.offIndex - 1];
    const heading = off.trackDeg ?? (prev ? initialBearingDeg(prev, off) : 0);
    const horizonS = Math.min(c.durationS, config.gaps.openProjectionS);
    const km = ((off.groundSpeedKt ?? DEFAULT_CRUISE_KT) * KM_PER_NM * horizonS) / 3600;
    // The projected end was never heard: its cell counts like any other inside the path.
    cells = silencePath(off, destinationPoint(off, heading, km), horizonS, cellDeg, config.gaps.pathStepKm, true).map((cell) => ({ ...cell, band }));
    toMs = off.timeMs + horizonS * 1000;
  }
  const halfHistoryMs = (historyDays / 2) * 24 * MAP_HOUR_MS;
  return {
    key: `${icao24}|${off.timeMs}|${c.partial ? 1 : 0}`,
    icao24,
    band,
    cells,
    fromMs: off.timeMs,
    toMs,
    historyFromMs: Math.floor((off.timeMs - halfHistoryMs) / MAP_HOUR_MS) * MAP_HOUR_MS,
    historyToMs: Math.ceil((toMs + halfHistoryMs) / MAP_HOUR_MS) * MAP_HOUR_MS,
    marginMs: config.gaps.quietMarginS * 1000,
    aliveRadiusKm: config.gaps.aliveRadiusKm,
    // Never below the threshold the grading compares it with.
    aliveCountCap: Math.max(config.gaps.aliveCountCap, config.gaps.minAliveAircraft),
    aliveLookbackMs: config.gaps.aliveLookbackS * 1000,
    endMarginMs: Math.min(config.gaps.witnessEndMarginS * 1000, (toMs - off.timeMs) / 4),
  };
}
