import { verticalTrendFpm } from "./vertical-trend-fpm";
import type { TrackPoint } from "../model/track-point";
import type { AirportRef } from "../model/airport-ref";
import type { DetectionConfig, SplitConfig } from "../model/detection-config";
import { distanceKmRaw } from "../geo/great-circle-distance-km";
import { knotsFromKmPerS } from "../geo/lat-lon";
import { nearestAirport } from "../geo/nearest-airport";
import { cleanTrack } from "./clean-track";
import { isLanding } from "./is-landing";
import { couldHaveLanded } from "./could-have-landed";
import { isImpossibleJump } from "./is-impossible-jump";
import type { SpoofedStretch } from "../model/spoofed-stretch";

export interface SplitResult {
  /** One aircraft's flights, each its time-ordered positions (airborne, plus the runway point before
   *  take-off and after touch-down when seen). */
  flights: TrackPoint[][];
  staleDropped: number;
  implausibleDropped: number;
  /** Segments dropped for having fewer than `minPoints` positions. */
  degenerateDropped: number;
  /** Spoofed stretches found while cleaning (a flight's own: {@link spoofingWithin}). */
  spoofing: SpoofedStretch[];
}

/**
 * The spoofed stretches of one flight: those whose last trusted position before lies in it.
 * @example spoofingWithin(result.spoofing, result.flights[0])
 */
export function spoofingWithin(spoofing: readonly SpoofedStretch[], flightPoints: readonly TrackPoint[]): SpoofedStretch[] {
  const firstMs = flightPoints[0]?.timeMs ?? Infinity;
  const lastMs = flightPoints[flightPoints.length - 1]?.timeMs ?? -Infinity;
  return spoofing.filter((s) => s.before.timeMs >= firstMs && s.before.timeMs <= lastMs);
}

/**
 * Split one aircraft's sorted positions into flights:
 * - at landings: positions on the ground (or slow and low, see {@link isLanding}) end a flight;
 * - at silences that cannot be one flight (see {@link silenceEndsFlight});
 * - at an impossible jump the track never came back from (cleanTrack keeps both sides: there is
 *   no telling which is true, but they are not one flight).
 *   A mid-air silence at cruising speed, or while circling, stays inside the flight: it becomes a
 *   gap event there.
 * Positions are first cleaned of stale repeats, outliers and spoofed stretches (see {@link cleanTrack}).
 * @example splitFlights(points, REFERENCE_AIRPORTS, DEFAULT_DETECTION_CONFIG).flights.length
 */
export function splitFlights(points: readonly TrackPoint[], airports: readonly AirportRef[], config: DetectionConfig): SplitResult {
  const cleaned = cleanTrack(points, config.track, config.spoofing);
  const pts = cleaned.points;
  const cfg = config.split;
  const flights: TrackPoint[][] = [];
  let degenerateDropped = 0;
  let current: TrackPoint[] = [];
  let lastGround: TrackPoint | null = null;

  const close = (landing: TrackPoint | null) => {
    if (current.length === 0) return;
    const last = current[current.length - 1]!;
    if (landing && landing.timeMs - last.timeMs <= cfg.groundAnchorMaxS * 1000) current.push(landing);
    const durationS = (current[current.length - 1]!.timeMs - current[0]!.timeMs) / 1000;
    if (current.length >= cfg.minPoints && durationS >= cfg.minDurationS) flights.push(current);
    else degenerateDropped++;
    current = [];
  };

  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    if (isLanding(pts, i, airports, cfg)) {
      close(p);
      lastGround = p;
      continue;
    }
    const prev = current[current.length - 1];
    if (!prev) {
      if (lastGround && p.timeMs - lastGround.timeMs <= cfg.groundAnchorMaxS * 1000) current.push(lastGround);
      lastGround = null;
      current.push(p);
      continue;
    }
    const silent = p.timeMs - prev.timeMs >= cfg.minSilenceS * 1000;
    if (silent ? silenceEndsFlight(pts, i, airports, cfg) : isImpossibleJump(prev, p, (p.timeMs - prev.timeMs) / 1000, config.track, config.spoofing)) close(null);
    current.push(p);
  }
  close(null);
  return { flights, staleDropped: cleaned.staleDropped, implausibleDropped: cleaned.implausibleDropped, degenerateDropped, spoofing: cleaned.spoofing };
}

/**
 * Does the silence between pts[i-1] and pts[i] separate two flights? Yes when it is longer than
 * `maxGapInFlightS`, faster than `maxGapSpeedKt`, or the callsign changed. Otherwise only if the
 * aircraft had time to land in between ({@link couldHaveLanded}) and either
 * - made a turnaround: low (≤ `turnaroundMaxHeightFt`) at both ends, descending before AND
 *   climbing after; or
 * - went nowhere (< `minGapSpeedKt`) from a landing pattern: ≤ `patternMaxHeightFt` at both ends,
 *   descending before OR climbing after (a tanker reloading: seen descending at 2,000 ft, next seen
 *   leaving at 2,100 ft, its first climb rate still small).
 * A slow implied speed alone is not a landing: an aircraft circling over a fire (calfire's air
 * attack at 4,000–10,000 ft, its vertical rate flickering ±600 ft/min), a hold, or a helicopter
 * hovering also "go nowhere" across a silence. Those silences stay inside the flight, as gaps.
 */
function silenceEndsFlight(pts: readonly TrackPoint[], i: number, airports: readonly AirportRef[], cfg: SplitConfig): boolean {
  const off = pts[i - 1]!;
  const on = pts[i]!;
  const dtS = (on.timeMs - off.timeMs) / 1000;
  if (dtS > cfg.maxGapInFlightS) return true;
  const speedKt = knotsFromKmPerS(distanceKmRaw(off.latDeg, off.lonDeg, on.latDeg, on.lonDeg) / dtS);
  if (speedKt > cfg.maxGapSpeedKt) return true;
  if (off.callsign && on.callsign && off.callsign.trim() !== on.callsign.trim()) return true;
  const offHeightFt = heightFt(off, airports);
  const onHeightFt = heightFt(on, airports);
  if (offHeightFt === null || onHeightFt === null || !couldHaveLanded(dtS, offHeightFt, onHeightFt, cfg)) return false;
  const highest = Math.max(offHeightFt, onHeightFt);
  const descending = verticalTrendFpm(pts, i - 1, -1) <= -cfg.verticalRateFpm;
  const climbing = verticalTrendFpm(pts, i, +1) >= cfg.verticalRateFpm;
  if (descending && climbing && highest <= cfg.turnaroundMaxHeightFt) return true;
  return speedKt < cfg.minGapSpeedKt && (descending || climbing) && highest <= cfg.patternMaxHeightFt;
}

/** Height above the nearest airport within 60 km (sea level when none is known), ft; null when unknown. */
function heightFt(p: TrackPoint, airports: readonly AirportRef[]): number | null {
  if (p.altitudeFt === null) return null;
  return p.altitudeFt - (nearestAirport(airports, p, 60)?.airport.elevationFt ?? 0);
}
