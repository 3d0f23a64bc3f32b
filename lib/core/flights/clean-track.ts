import type { TrackPoint } from "../track-point";
import type { TrackConfig } from "../detection/config";
import { distanceKmRaw, shortDistanceKm } from "../geo/great-circle-distance-km";
import { KM_PER_NM } from "../geo/lat-lon";

export interface CleanedTrack {
  points: TrackPoint[];
  /** Airborne positions identical to the previous one (a feed repeating its last position, not a
   *  new reception), and positions not later than the previous one. */
  staleDropped: number;
  /** Positions no aircraft could have reached from their neighbours (spoofing, corrupt decodes). */
  implausibleDropped: number;
}

interface Run {
  start: number; // index into `kept`
  end: number; // inclusive
  best: number; // points in the best chain ending with this run
  prev: number; // previous run in that chain, -1 if none
}

/**
 * Clean one aircraft's sorted positions before splitting:
 *
 * 1. Drop airborne positions identical to the previous kept one. Feeds repeat the last position
 *    while no new one arrives (OpenSky for up to 15 s, and a spoofed transponder for minutes);
 *    speeds and silences must be measured from when a position was first reported.
 * 2. Drop positions with an impossible implied speed relative to their neighbours (faster than
 *    `maxSpeedKt` plus `jumpSlackKm` of slack; across silences of `sustainedAfterS` or more,
 *    faster than `maxSustainedSpeedKt` on average). GPS spoofing makes a track jump hundreds of km
 *    within a second and stay there for a while, so a point-by-point filter is not enough: the
 *    track is cut into runs at impossible jumps and at silences, and the longest chain of runs
 *    that are mutually reachable is kept (dynamic programming over runs, most positions wins).
 *    An isolated spike, and a displaced block that cannot be reached from the real track on both
 *    sides, are dropped; so is a run that hangs still at altitude (slower than `hoverMaxSpeedKt`
 *    over ≥ `hoverMinS` above `hoverMinAltitudeFt`: a spoofed or frozen position; balloons would
 *    be lost too, an accepted limitation). Nothing is ever moved or interpolated.
 *
 * Deterministic and linear in the number of points (plus runs × `runLookback`).
 */
export function cleanTrack(input: readonly TrackPoint[], config: TrackConfig): CleanedTrack {
  const kept: TrackPoint[] = [];
  let staleDropped = 0;
  for (const p of input) {
    const last = kept[kept.length - 1];
    // A second position at the same time (the contract forbids it; keep the first) or an
    // airborne position identical to the last one.
    if (last && (p.timeMs <= last.timeMs || (!p.onGround && p.latDeg === last.latDeg && p.lonDeg === last.lonDeg))) {
      staleDropped++;
      continue;
    }
    kept.push(p);
  }
  if (kept.length < 2) return { points: kept, staleDropped, implausibleDropped: 0 };

  const maxKmPerS = (config.maxSpeedKt * KM_PER_NM) / 3600;
  const sustainedKmPerS = (config.maxSustainedSpeedKt * KM_PER_NM) / 3600;
  const reachable = (a: TrackPoint, b: TrackPoint): boolean => {
    const dtS = Math.abs(b.timeMs - a.timeMs) / 1000;
    const kmPerS = dtS >= config.sustainedAfterS ? sustainedKmPerS : maxKmPerS;
    const limitKm = kmPerS * dtS + config.jumpSlackKm;
    const approxKm = shortDistanceKm(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg);
    // The approximation decides clear cases; near the limit or for long hops, the exact distance.
    if (approxKm < 50 && approxKm < 0.9 * limitKm) return true;
    return distanceKmRaw(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg) <= limitKm;
  };

  const runs: Run[] = [];
  let start = 0;
  for (let i = 1; i <= kept.length; i++) {
    const a = kept[i - 1]!;
    const b = kept[i];
    if (b && b.timeMs - a.timeMs <= config.runBreakS * 1000 && reachable(a, b)) continue;
    runs.push({ start, end: i - 1, best: 0, prev: -1 });
    start = i;
  }
  // A run that hangs still at altitude is a spoofed or frozen position: no aircraft at
  // FL100+ stays within a few km for minutes. It cannot be part of any chain.
  const hovering = (run: Run): boolean => {
    const a = kept[run.start]!;
    const b = kept[run.end]!;
    const dtS = (b.timeMs - a.timeMs) / 1000;
    if (dtS < config.hoverMinS || (a.altitudeFt ?? 0) < config.hoverMinAltitudeFt || (b.altitudeFt ?? 0) < config.hoverMinAltitudeFt) return false;
    const kt = (distanceKmRaw(a.latDeg, a.lonDeg, b.latDeg, b.lonDeg) / dtS) * (3600 / KM_PER_NM);
    return kt < config.hoverMaxSpeedKt;
  };
  const usable = runs.filter((r) => !hovering(r));
  if (usable.length === 1 && usable.length === runs.length) return { points: kept, staleDropped, implausibleDropped: 0 };
  if (usable.length === 0) return { points: [], staleDropped, implausibleDropped: kept.length };

  // Longest chain of mutually reachable runs; ties keep the earlier chain (deterministic).
  let bestRun = 0;
  usable.forEach((run, j) => {
    const size = run.end - run.start + 1;
    run.best = size;
    for (let i = j - 1; i >= Math.max(0, j - config.runLookback); i--) {
      const before = usable[i]!;
      if (before.best + size > run.best && reachable(kept[before.end]!, kept[run.start]!)) {
        run.best = before.best + size;
        run.prev = i;
      }
    }
    if (run.best > usable[bestRun]!.best) bestRun = j;
  });

  const chosen: Run[] = [];
  for (let r = bestRun; r >= 0; r = usable[r]!.prev) chosen.push(usable[r]!);
  chosen.reverse();
  const points: TrackPoint[] = [];
  for (const run of chosen) for (let i = run.start; i <= run.end; i++) points.push(kept[i]!);
  return { points, staleDropped, implausibleDropped: kept.length - points.length };
}
