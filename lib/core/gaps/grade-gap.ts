import { formatUtcHhMm } from "../format/format-utc";
import type { TrackPoint } from "../track-point";
import type { AirportRef, GapEvent, GapPoint } from "../detection/types";
import type { DetectionConfig } from "../detection/config";
import type { CoverageGrid, WitnessResult } from "../coverage/coverage-grid";
import type { GapCandidate } from "./find-gaps";
import { greatCircleDistanceKm } from "../geo/great-circle-distance-km";
import { knotsFromKmPerS, KM_PER_NM } from "../geo/lat-lon";
import { nearestAirport } from "../geo/nearest-airport";
import { destinationPoint } from "../geo/destination-point";
import { initialBearingDeg } from "../geo/initial-bearing-deg";
import { sampleGreatCircle } from "../geo/interpolate-great-circle";
import { verticalTrendFpm } from "../flights/split-flights";
import { formatAltitude } from "../flights/format-position";

export interface GradeGapContext {
  icao24: string;
  /** The flight's positions (the candidate's indexes point into them). */
  points: readonly TrackPoint[];
  coverage: CoverageGrid | null;
  airports: readonly AirportRef[];
  config: DetectionConfig;
}

/** Assumed speed when an open gap's off point has none, kt (typical jet cruise). */
const DEFAULT_CRUISE_KT = 450;

/**
 * Grade a silence the way Global Fishing Watch grades AIS gaps, adapted to ADS-B. Every gap is
 * recorded; it is *suspected* (a likely switch-off) only when ALL of these hold:
 * at or above `minAltitudeFt` and not descending at the off point; farther than
 * `airportExclusionKm` from any airport; at least `minPositionsBefore` positions in the
 * `densityWindowS` before; and reception along the way — ≥ `minWitnesses` other aircraft received
 * in the cells along the gap's great circle during the gap (open gaps: along the last heading,
 * and ≥ `openMinCoveredFraction` of those cells with reception), or, for a partial gap, the
 * aircraft's own MLAT / Mode S positions continuing (≥ `minPartialPositions`).
 * Confidence 0–1: suspected gaps get 0.5–1, others 0–0.5, from witnesses (or own positions),
 * density before, duration and the share of path cells with reception.
 */
export function gradeGap(c: GapCandidate, ctx: GradeGapContext): GapEvent {
  const cfg = ctx.config.gaps;
  const { off, on } = c;
  const reasons: string[] = [];
  const fails: string[] = [];

  const distanceKm = on ? greatCircleDistanceKm(off, on) : null;
  const impliedSpeedKt = on && distanceKm !== null && c.durationS > 0 ? knotsFromKmPerS(distanceKm / c.durationS) : null;
  const minutes = Math.round(c.durationS / 60);
  reasons.push(
    on
      ? `${c.partial ? "no ADS-B position" : "no position"} for ${minutes} min, ${formatUtcHhMm(off.timeMs)}–${formatUtcHhMm(on.timeMs)} UTC, ` +
          `${Math.round(distanceKm ?? 0)} km apart (${Math.round(impliedSpeedKt ?? 0)} kt implied)`
      : c.partial
        ? `no ADS-B position after ${formatUtcHhMm(off.timeMs)} UTC for the remaining ${minutes} min of the flight (open gap)`
        : `no position after ${formatUtcHhMm(off.timeMs)} UTC: the track ends airborne, ${minutes} min before the aircraft was next received or the data ended (open gap)`,
  );

  const check = (ok: boolean, pass: string, fail: string) => {
    reasons.push(ok ? pass : fail);
    if (!ok) fails.push(fail);
  };

  const alt = off.altitudeFt;
  check(alt !== null && alt >= cfg.minAltitudeFt, `went silent at ${formatAltitude(alt)}, at altitude`,
    `went silent at ${formatAltitude(alt)}, below ${formatAltitude(cfg.minAltitudeFt)}: terrain and low-level coverage explain most such silences`);

  const rate = verticalTrendFpm(ctx.points, c.offIndex, -1);
  check(rate > cfg.descentRateFpm, "not descending when it went silent",
    `descending at ${Math.round(-rate).toLocaleString("en-US")} ft/min when it went silent: consistent with an approach below coverage`);

  const near = nearestAirport(ctx.airports, off, cfg.airportExclusionKm);
  check(!near, `no airport within ${cfg.airportExclusionKm} km of where it went silent`,
    `went silent ${Math.round(near?.distanceKm ?? 0)} km from ${near?.airport.icao ?? "an airport"}: arrivals and departures drop below coverage`);

  const positionsBefore = countBefore(ctx.points, c.offIndex, cfg.densityWindowS * 1000, c.partial);
  const windowMin = Math.round(cfg.densityWindowS / 60);
  check(positionsBefore >= cfg.minPositionsBefore, `${positionsBefore} ${c.partial ? "ADS-B " : ""}positions in the ${windowMin} min before: it was being received well`,
    `only ${positionsBefore} ${c.partial ? "ADS-B " : ""}positions in the ${windowMin} min before (need ${cfg.minPositionsBefore}): reception was already patchy`);

  const witness = witnessTest(c, ctx);
  let receptionScore = 0;
  if (c.partial) {
    receptionScore = Math.min(1, c.otherSourcePositions / 10);
    check(c.otherSourcePositions >= cfg.minPartialPositions,
      `${c.otherSourcePositions} MLAT / Mode S positions of the same aircraft continued during the ADS-B silence: transponder on, ADS-B Out off`,
      `only ${c.otherSourcePositions} MLAT / Mode S position continued during the ADS-B silence (need ${cfg.minPartialPositions})`);
  } else if (!witness) {
    fails.push("no coverage model");
    reasons.push("no coverage model: reception along the path is unknown");
  } else {
    receptionScore = witness.count / (witness.count + 2);
    const cells = `${witness.cellsWithReception} of ${witness.cellsOnPath} cells along the ${c.open ? "projected path" : "gap's path"}`;
    check(witness.count >= cfg.minWitnesses, `${witness.count} other aircraft received in ${cells} during the gap`,
      `only ${witness.count} other aircraft received in ${cells} during the gap (need ${cfg.minWitnesses}): likely a coverage hole`);
    if (c.open) {
      const share = witness.cellsOnPath ? witness.cellsWithReception / witness.cellsOnPath : 0;
      check(share >= cfg.openMinCoveredFraction, "reception ahead along its last heading: it did not simply fly out of the covered area",
        `reception in only ${Math.round(share * 100)} % of the cells ahead (need ${Math.round(cfg.openMinCoveredFraction * 100)} %): it may have flown out of the covered area`);
    }
  }

  const suspected = fails.length === 0;
  reasons.push(suspected ? "suspected switch-off: every criterion met" : "recorded as a gap, not suspected");
  const density = Math.min(1, positionsBefore / (2 * cfg.minPositionsBefore));
  const duration = Math.min(1, c.durationS / 1800);
  const covered = witness && witness.cellsOnPath ? witness.cellsWithReception / witness.cellsOnPath : c.partial ? 1 : 0;
  const raw = 0.35 * receptionScore + 0.2 * density + 0.2 * duration + 0.25 * covered;
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
    witnessCount: c.partial ? c.otherSourcePositions : (witness?.count ?? 0),
    reasons,
    cellsOnPath: witness?.cellsOnPath ?? 0,
    cellsWithReception: witness?.cellsWithReception ?? 0,
    witnesses: witness?.witnesses ?? [],
    positionsBefore,
  };
}

function witnessTest(c: GapCandidate, ctx: GradeGapContext): WitnessResult | null {
  if (!ctx.coverage) return null;
  const cfg = ctx.config.gaps;
  const { off, on } = c;
  if (on) {
    return ctx.coverage.witnesses({ fromLatLon: off, toLatLon: on, fromMs: off.timeMs, toMs: on.timeMs, excludeIcao24: ctx.icao24, stepKm: cfg.pathStepKm });
  }
  // Open gap: project along the last heading at the last speed, never presented as a track.
  const prev = ctx.points[c.offIndex - 1];
  const heading = off.trackDeg ?? (prev ? initialBearingDeg(prev, off) : 0);
  const horizonS = Math.min(c.durationS, cfg.openProjectionS);
  const km = ((off.groundSpeedKt ?? DEFAULT_CRUISE_KT) * KM_PER_NM * horizonS) / 3600;
  // The cell it went silent in says nothing about what lies ahead: an aircraft leaving the area
  // a dataset covers goes silent at the edge of reception. Only the cells beyond it count.
  const offCell = ctx.coverage.cellOf(off.latDeg, off.lonDeg);
  const path = sampleGreatCircle(off, destinationPoint(off, heading, km), cfg.pathStepKm).filter(
    (p) => ctx.coverage!.cellOf(p.latDeg, p.lonDeg) !== offCell,
  );
  return ctx.coverage.witnessesAlong(path, off.timeMs, off.timeMs + horizonS * 1000, ctx.icao24);
}

/** Positions (ADS-B only for a partial gap) in the window ending at the off point, the off point included. */
function countBefore(points: readonly TrackPoint[], offIndex: number, windowMs: number, adsbOnly: boolean): number {
  const off = points[offIndex]!;
  let n = 0;
  for (let i = offIndex; i >= 0; i--) {
    const p = points[i]!;
    if (off.timeMs - p.timeMs > windowMs) break;
    if (!adsbOnly || p.source === "ADSB") n++;
  }
  return n;
}

function gapPoint(p: TrackPoint): GapPoint {
  return { timeMs: p.timeMs, latDeg: p.latDeg, lonDeg: p.lonDeg, altitudeFt: p.altitudeFt, groundSpeedKt: p.groundSpeedKt };
}
