import type { TrackPoint } from "../model/track-point";
import type { AirportRef } from "../model/airport-ref";
import type { GapEvent, GapPoint, GapReason, GapReasonCode } from "../model/gap-event";
import type { DetectionConfig } from "../model/detection-config";
import type { GapCandidate } from "./find-gaps";
import type { ReceptionLookup } from "../reception/silence-observations";
import { greatCircleDistanceKm } from "../geo/great-circle-distance-km";
import { knotsFromKmPerS } from "../geo/lat-lon";
import { nearestAirport } from "../geo/nearest-airport";
import { verticalTrendFpm } from "../flights/vertical-trend-fpm";
import { silenceQuery } from "./silence-query";
import { weighReception } from "./weigh-reception";

export interface GradeGapContext {
  icao24: string;
  /** The flight's positions (the candidate's indexes point into them). */
  points: readonly TrackPoint[];
  /** The reception map and the other aircraft around the silence; null: nothing can be suspected (except partial gaps). */
  reception: ReceptionLookup | null;
  airports: readonly AirportRef[];
  config: DetectionConfig;
}

/**
 * Grade a silence the way Global Fishing Watch grades AIS gaps, adapted to ADS-B. Every gap is
 * recorded; it is *suspected* (a likely switch-off) only when every criterion holds:
 * - at or above `minAltitudeFt`, not descending, not within `airportExclusionKm` of an airport
 *   below `airportExclusionMaxHeightFt` above it, and densely received by ADS-B before
 *   (`minPositionsBefore` in `densityWindowS`);
 * - partial gaps (ADS-B stopped, MLAT / Mode S went on): ≥ `minPartialPositions` of those;
 * - otherwise two independent kinds of evidence that agree:
 *   - the reception map: over the `historyDays` around the silence, the cells inside its path
 *     (never the cells where it was last and next heard) received other aircraft so well that,
 *     at the aircraft's own sampling, ≥ `minExpectedPositions` positions would have arrived and
 *     hearing none had a chance ≤ `maxChanceOfNone`;
 *   - the same cells strictly during the silence: ≥ `minWitnesses` other aircraft received there,
 *     no more aircraft heard there just before and after that went quiet too, no more of other
 *     aircraft's crossings of those cells in the hours around it unheard than heard (an outage), and
 *     ≥ `minAliveAircraft` received somewhere within `aliveRadiusKm` (the feed was up).
 * Each criterion is a reason code; confidence comes from the same numbers.
 */
export function gradeGap(c: GapCandidate, ctx: GradeGapContext): GapEvent {
  const cfg = ctx.config.gaps;
  const { off, on } = c;
  const reasons: GapReason[] = [];
  const check = (code: GapReasonCode, passed: boolean) => reasons.push({ code, passed });

  const distanceKm = on ? greatCircleDistanceKm(off, on) : null;
  const impliedSpeedKt = on && distanceKm !== null && c.durationS > 0 ? knotsFromKmPerS(distanceKm / c.durationS) : null;

  check("ALTITUDE", off.altitudeFt !== null && off.altitudeFt >= cfg.minAltitudeFt);
  check("NOT_DESCENDING", verticalTrendFpm(ctx.points, c.offIndex, -1) > cfg.descentRateFpm);
  const near = nearestAirport(ctx.airports, off, cfg.airportExclusionKm);
  const heightFt = near && off.altitudeFt !== null ? off.altitudeFt - (near.airport.elevationFt ?? 0) : null;
  check("AWAY_FROM_AIRPORTS", !near || (heightFt !== null && heightFt >= cfg.airportExclusionMaxHeightFt));
  // ADS-B positions only: the map measures ADS-B reception, and an aircraft placed only by MLAT is
  // heard only where several receivers overlap (its silences say nothing about its transponder).
  const before = densityBefore(ctx.points, c.offIndex, cfg.densityWindowS * 1000, ctx.config.reception.denseMaxS);
  check("DENSE_BEFORE", before.count >= cfg.minPositionsBefore);

  // A silence crossed far slower than the aircraft was flying was not flown straight: its path,
  // and so the reception along it, is unknown.
  const speedBeforeKt = off.groundSpeedKt;
  const straight = c.partial || impliedSpeedKt === null || speedBeforeKt === null || impliedSpeedKt >= cfg.minPathSpeedRatio * speedBeforeKt;
  // A partial gap is judged by the aircraft's own MLAT / Mode S positions, and a path that was not
  // flown has no cells to ask about: neither asks the data anything.
  const asks = straight && !c.partial;
  const query = silenceQuery(c, ctx.points, ctx.icao24, ctx.config);
  const weighed = weighReception(asks ? query : { ...query, cells: [] }, asks ? ctx.reception?.observe(query) : undefined, before.intervalS, ctx.config);
  let receptionScore: number;
  if (c.partial) {
    check("OTHER_SOURCES_CONTINUED", c.otherSourcePositions >= cfg.minPartialPositions);
    receptionScore = Math.min(1, c.otherSourcePositions / 10);
  } else {
    check("STRAIGHT_PATH", straight);
    check("MAP_KNOWS_PATH", weighed.knownCells > 0);
    check("MAP_EXPECTS_RECEPTION", weighed.expectedPositions >= cfg.minExpectedPositions && weighed.chanceOfNone <= cfg.maxChanceOfNone);
    check("OTHERS_RECEIVED", weighed.witnesses.length >= cfg.minWitnesses);
    check("OTHERS_NOT_QUIET", weighed.quiet.length <= weighed.witnesses.length);
    // The map at the hour: other aircraft crossing the same cells then, mostly unheard, is an outage.
    check("CROSSINGS_HEARD_THEN", weighed.crossingsUnheardThen <= weighed.crossingsHeardThen);
    check("FEED_ALIVE", weighed.alive >= cfg.minAliveAircraft || weighed.aliveBefore === 0);
    const mapScore = Math.min(1, -Math.log10(Math.max(weighed.chanceOfNone, 1e-12)) / 6);
    receptionScore = 0.6 * mapScore + 0.4 * (weighed.witnesses.length / (weighed.witnesses.length + weighed.quiet.length + 1));
  }

  const suspected = reasons.every((r) => r.passed);
  const density = Math.min(1, before.count / (2 * cfg.minPositionsBefore));
  const duration = Math.min(1, c.durationS / 1800);
  const raw = 0.6 * receptionScore + 0.25 * density + 0.15 * duration;
  const confidence = Math.round((suspected ? 0.5 + 0.5 * raw : 0.5 * raw) * 1000) / 1000;

  return {
    off: gapPoint(off),
    on: on ? gapPoint(on) : null,
    durationS: c.durationS,
    distanceKm,
    impliedSpeedKt,
    open: c.open,
    partial: c.partial,
    suspected,
    confidence,
    witnessCount: c.partial ? c.otherSourcePositions : weighed.witnesses.length,
    reasons,
    witnesses: weighed.witnesses.slice(0, 20),
    quietCount: weighed.quiet.length,
    aliveCount: weighed.alive,
    crossingsHeardThen: weighed.crossingsHeardThen,
    crossingsUnheardThen: weighed.crossingsUnheardThen,
    expectedPositions: Math.round(weighed.expectedPositions * 10) / 10,
    chanceOfNone: weighed.chanceOfNone,
    ownIntervalS: before.intervalS === null ? null : Math.round(before.intervalS * 10) / 10,
    pathCells: weighed.pathCells,
    positionsBefore: before.count,
  };
}

/**
 * ADS-B positions in the window ending at the off point, the off point
 * included, and their mean interval over consecutive pairs no more than `denseMaxS` apart: the
 * aircraft's own sampling, which says how many positions a silent stretch should have held.
 */
function densityBefore(points: readonly TrackPoint[], offIndex: number, windowMs: number, denseMaxS: number) {
  const off = points[offIndex]!;
  let count = 0;
  let pairs = 0;
  let pairMs = 0;
  let later: TrackPoint | null = null;
  for (let i = offIndex; i >= 0; i--) {
    const p = points[i]!;
    if (off.timeMs - p.timeMs > windowMs) break;
    if (p.source !== "ADSB") continue;
    count++;
    if (later && later.timeMs - p.timeMs <= denseMaxS * 1000) {
      pairs++;
      pairMs += later.timeMs - p.timeMs;
    }
    later = p;
  }
  return { count, intervalS: pairs > 0 && pairMs > 0 ? pairMs / pairs / 1000 : null };
}

function gapPoint(p: TrackPoint): GapPoint {
  return { timeMs: p.timeMs, latDeg: p.latDeg, lonDeg: p.lonDeg, altitudeFt: p.altitudeFt, groundSpeedKt: p.groundSpeedKt };
}
