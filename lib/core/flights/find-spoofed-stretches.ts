import type { SpoofingConfig, TrackConfig } from "../model/detection-config";
import { distanceKmRaw } from "../geo/great-circle-distance-km";
import { knotsFromKmPerS } from "../geo/lat-lon";
import type { HeldPosition } from "./collapse-repeats";
import type { SpoofedStretch, SpoofJump } from "../model/spoofed-stretch";
import { findStationaryRuns } from "./find-stationary-runs";
import { isImpossibleJump } from "./is-impossible-jump";
import { reachableKm } from "./reachable-km";

export interface SpoofScan {
  /** Trusted positions, in order. */
  kept: HeldPosition[];
  stretches: SpoofedStretch[];
  /** Positions removed: inside a spoofed stretch, or hanging still at altitude. */
  dropped: number;
}

/** Upper bound on positions scanned for the track's return after one jump (keeps noisy tracks linear-ish). */
const MAX_SCAN = 20_000;

/**
 * Find the stretches where a track cannot be trusted. A stretch opens after a trusted position
 * `a` when
 * - `a` is frozen: repeated for ≥ `frozenMinS` with live messages while reporting ≥ `frozenMinSpeedKt`;
 * - or the next position jumps impossibly far (≥ `teleportMinKm`, measured from a's LAST repeat:
 *   a frozen fix is claimed until then);
 * - or the next positions hang still at altitude (see {@link findStationaryRuns}).
 * It closes at the first position the aircraft could have reached from `a` (from a's first report,
 * at the speeds of {@link reachableKm}) that breaks away from the stretch (an impossible move from
 * the position before it, or the first position after a frozen `a`) and is not hanging still:
 * the track resumes where the aircraft could be. Positions in between are removed. Without such a
 * return within `maxStretchS`, nothing is called spoofing: the jump stays and splits the flight.
 * Which side is true is decided by continuity with the track before, never by length.
 * @example findSpoofedStretches(held, cfg.track, cfg.spoofing).stretches[0].trueDistanceKm
 */
export function findSpoofedStretches(held: readonly HeldPosition[], track: TrackConfig, spoofing: SpoofingConfig): SpoofScan {
  const stationary = findStationaryRuns(held, track);
  const kept: HeldPosition[] = [];
  const stretches: SpoofedStretch[] = [];
  let dropped = 0;
  let i = 0;
  while (i < held.length) {
    const a = held[i]!;
    if (stationary[i]) {
      // Hanging still with no trusted track around it to measure against: not flagged, never kept.
      dropped++;
      i++;
      continue;
    }
    kept.push(a);
    const next = held[i + 1];
    if (!next) break;
    const opens = isFrozen(a, spoofing) || stationary[i + 1] || isImpossibleJump(a.point, next.point, claimedGapS(a, next), track, spoofing);
    const k = opens ? findReturn(held, i, stationary, track, spoofing.maxStretchS) : -1;
    if (k < 0 || (k === i + 1 && !isFrozen(a, spoofing))) {
      i++;
      continue;
    }
    stretches.push(describe(held, i, k, stationary, track, spoofing));
    dropped += k - i - 1;
    i = k;
  }
  return { kept, stretches, dropped };
}

/** Seconds between a's last repeat and b. */
function claimedGapS(a: HeldPosition, b: HeldPosition): number {
  return (b.point.timeMs - a.untilMs) / 1000;
}

function heldS(h: HeldPosition): number {
  return (h.untilMs - h.point.timeMs) / 1000;
}

function isFrozen(h: HeldPosition, spoofing: SpoofingConfig): boolean {
  return h.live && frozenWhileFlying(h, spoofing);
}

/** Held for ≥ frozenMinS while reporting a speed that would have carried it far away. */
function frozenWhileFlying(h: HeldPosition, spoofing: SpoofingConfig): boolean {
  return !h.point.onGround && heldS(h) >= spoofing.frozenMinS && (h.point.groundSpeedKt ?? 0) >= spoofing.frozenMinSpeedKt;
}

function distanceKm(a: HeldPosition, b: HeldPosition): number {
  return distanceKmRaw(a.point.latDeg, a.point.lonDeg, b.point.latDeg, b.point.lonDeg);
}

/** Index of the first trusted position after the stretch opened at held[i], or -1. */
function findReturn(held: readonly HeldPosition[], i: number, stationary: readonly boolean[], track: TrackConfig, maxStretchS: number): number {
  const a = held[i]!;
  for (let k = i + 1; k < held.length && k <= i + MAX_SCAN; k++) {
    const b = held[k]!;
    const sinceFixS = (b.point.timeMs - a.point.timeMs) / 1000;
    if (sinceFixS > maxStretchS) return -1;
    if (stationary[k]) continue;
    if (distanceKm(a, b) > reachableKm(sinceFixS, track)) continue;
    const before = held[k - 1]!;
    if (k === i + 1 || distanceKm(before, b) > reachableKm(claimedGapS(before, b), track)) return k;
  }
  return -1;
}

function describe(
  held: readonly HeldPosition[],
  i: number,
  k: number,
  stationary: readonly boolean[],
  track: TrackConfig,
  spoofing: SpoofingConfig,
): SpoofedStretch {
  const a = held[i]!;
  const b = held[k]!;
  let frozenS = 0;
  for (let j = i; j < k; j++) if (frozenWhileFlying(held[j]!, spoofing)) frozenS += heldS(held[j]!);
  const jumps: SpoofJump[] = [];
  for (let j = i + 1; j <= k; j++) {
    const from = held[j - 1]!;
    const to = held[j]!;
    const dtS = claimedGapS(from, to);
    if (isImpossibleJump(from.point, to.point, dtS, track, spoofing)) {
      const km = distanceKm(from, to);
      jumps.push({ atMs: to.point.timeMs, distanceKm: km, impliedSpeedKt: knotsFromKmPerS(km / Math.max(dtS, 1)) });
    }
  }
  const signs: SpoofedStretch["signs"] = [];
  if (frozenS > 0) signs.push("frozen");
  if (jumps.length) signs.push("jump");
  if (stationary.slice(i + 1, k).some(Boolean)) signs.push("stationary");
  return {
    before: a.point,
    after: b.point,
    startMs: frozenWhileFlying(a, spoofing) ? a.point.timeMs : held[i + 1]!.point.timeMs,
    endMs: held[k - 1]!.untilMs,
    frozenS,
    jumps,
    positionsRemoved: k - i - 1,
    trueDistanceKm: distanceKm(a, b),
    signs,
  };
}
