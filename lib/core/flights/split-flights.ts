import type { TrackPoint } from "../track-point";
import type { AirportRef } from "../detection/types";
import type { DetectionConfig, SplitConfig } from "../detection/config";
import { distanceKmRaw } from "../geo/great-circle-distance-km";
import { knotsFromKmPerS } from "../geo/lat-lon";
import { nearestAirport } from "../geo/nearest-airport";
import { cleanTrack } from "./clean-track";
import { isGroundLike } from "./is-ground-like";

export interface SplitResult {
  /** One aircraft's flights, each its time-ordered positions (airborne, plus the runway point before
   *  take-off and after touch-down when seen). */
  flights: TrackPoint[][];
  staleDropped: number;
  implausibleDropped: number;
  /** Segments dropped for having fewer than `minPoints` positions. */
  degenerateDropped: number;
}

/**
 * Split one aircraft's sorted positions into flights:
 * - at landings: positions on the ground (or slow and low, see {@link isGroundLike}) end a flight;
 * - at silences that cannot be one flight: ≥ `minSilenceS` without positions AND either longer
 *   than `maxGapInFlightS`, or an implied speed across the silence outside
 *   [`minGapSpeedKt`, `maxGapSpeedKt`] (too slow: it stopped somewhere; too fast: not the same
 *   flight), or a new callsign, or descending low before and climbing low after (a turnaround).
 *   A mid-air silence at cruising speed stays inside the flight: it becomes a gap event there.
 * Positions are first cleaned of stale repeats and impossible jumps (see {@link cleanTrack}).
 * @example splitFlights(points, REFERENCE_AIRPORTS, DEFAULT_DETECTION_CONFIG).flights.length
 */
export function splitFlights(points: readonly TrackPoint[], airports: readonly AirportRef[], config: DetectionConfig): SplitResult {
  const cleaned = cleanTrack(points, config.track);
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
    if (isGroundLike(p, airports, cfg)) {
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
    if (p.timeMs - prev.timeMs >= cfg.minSilenceS * 1000 && silenceEndsFlight(pts, i, airports, cfg)) close(null);
    current.push(p);
  }
  close(null);
  return { flights, staleDropped: cleaned.staleDropped, implausibleDropped: cleaned.implausibleDropped, degenerateDropped };
}

/** Does the silence between pts[i-1] and pts[i] separate two flights? */
function silenceEndsFlight(pts: readonly TrackPoint[], i: number, airports: readonly AirportRef[], cfg: SplitConfig): boolean {
  const off = pts[i - 1]!;
  const on = pts[i]!;
  const dtS = (on.timeMs - off.timeMs) / 1000;
  if (dtS > cfg.maxGapInFlightS) return true;
  const speedKt = knotsFromKmPerS(distanceKmRaw(off.latDeg, off.lonDeg, on.latDeg, on.lonDeg) / dtS);
  if (speedKt < cfg.minGapSpeedKt || speedKt > cfg.maxGapSpeedKt) return true;
  if (off.callsign && on.callsign && off.callsign.trim() !== on.callsign.trim()) return true;
  const low = (p: TrackPoint) => {
    if (p.altitudeFt === null) return false;
    const near = nearestAirport(airports, p, 60);
    return p.altitudeFt - (near?.airport.elevationFt ?? 0) <= cfg.turnaroundMaxHeightFt;
  };
  const descending = verticalTrendFpm(pts, i - 1, -1) <= -cfg.verticalRateFpm;
  const climbing = verticalTrendFpm(pts, i, +1) >= cfg.verticalRateFpm;
  return descending && climbing && low(off) && low(on);
}

/**
 * Vertical rate at pts[i], ft/min: the reported rate, else the altitude change to the neighbour
 * on the given side (within 5 min). 0 when unknown.
 */
export function verticalTrendFpm(pts: readonly TrackPoint[], i: number, side: -1 | 1): number {
  const p = pts[i];
  if (!p) return 0;
  if (p.verticalRateFpm !== null) return p.verticalRateFpm;
  const q = pts[i + side];
  if (!q || p.altitudeFt === null || q.altitudeFt === null) return 0;
  const dtMin = (p.timeMs - q.timeMs) / 60_000;
  if (dtMin === 0 || Math.abs(dtMin) > 5) return 0;
  return (p.altitudeFt - q.altitudeFt) / dtMin;
}
