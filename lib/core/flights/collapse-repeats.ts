import type { TrackPoint } from "../model/track-point";
import { distanceKmRaw } from "../geo/great-circle-distance-km";

/** A position as first reported, and how long the feed kept reporting it unchanged. */
export interface HeldPosition {
  point: TrackPoint;
  /** Time of the last report of the same airborne position (= point.timeMs when never repeated), epoch ms. */
  untilMs: number;
  /** Whether altitude, speed, track or vertical rate changed while the position stayed: new
   *  messages kept arriving with a frozen fix. A repeat of the whole state is the feed holding its
   *  last message (nothing new was received), which is a silence, not spoofing. */
  live: boolean;
}

export interface CollapsedTrack {
  held: HeldPosition[];
  /** Repeats folded into the position before them, plus positions not later than the previous one. */
  staleDropped: number;
}

/**
 * Fold airborne positions identical to the previous one into it. Feeds repeat the last position
 * while no new one arrives (OpenSky for up to 15 s, a spoofed or jammed transponder for minutes):
 * speeds and silences are measured from when a position was first reported, while `untilMs`
 * keeps how long it was claimed. A second position at the same time is dropped (the contract
 * forbids it; the first is kept).
 * @example collapseRepeats([a, { ...a, timeMs: a.timeMs + 1000 }]).held[0].untilMs // a.timeMs + 1000
 */
export function collapseRepeats(input: readonly TrackPoint[], frozen: FrozenJitter = NO_JITTER): CollapsedTrack {
  const held: HeldPosition[] = [];
  let staleDropped = 0;
  let previous: TrackPoint | null = null; // last report, repeats included
  for (const p of input) {
    const last = held[held.length - 1];
    if (last && p.timeMs <= (previous?.timeMs ?? last.untilMs)) {
      staleDropped++;
      continue;
    }
    if (last && !p.onGround && samePosition(p, last.point)) {
      staleDropped++;
      last.untilMs = p.timeMs;
      if (previous && stateChanged(previous, p)) last.live = true;
      previous = p;
      continue;
    }
    held.push({ point: p, untilMs: p.timeMs, live: false });
    previous = p;
  }
  const folded = foldJitter(held, frozen);
  return { held: folded.held, staleDropped: staleDropped + folded.folded };
}

/** A frozen fix re-encoded with noise: positions within `toleranceKm` of a fix for ≥ `minS` while reporting ≥ `minSpeedKt`. */
export interface FrozenJitter {
  toleranceKm: number;
  minSpeedKt: number;
  minS: number;
}

const NO_JITTER: FrozenJitter = { toleranceKm: 0, minSpeedKt: Infinity, minS: Infinity };

/**
 * Fold runs that jitter in place into their first fix, but only runs that last ≥ `minS`: at the
 * reported speed the aircraft leaves `toleranceKm` within seconds, so a densely sampled real track
 * (1 s apart, 50 m at 100 kt) never forms such a run, and loses nothing here.
 */
function foldJitter(held: HeldPosition[], frozen: FrozenJitter): { held: HeldPosition[]; folded: number } {
  if (frozen.toleranceKm <= 0) return { held, folded: 0 };
  const out: HeldPosition[] = [];
  let folded = 0;
  let i = 0;
  while (i < held.length) {
    const anchor = held[i]!;
    let j = i + 1;
    while (j < held.length && !held[j]!.point.onGround && jitteringInPlace(held[j]!.point, anchor.point, frozen)) j++;
    const untilMs = held[j - 1]!.untilMs;
    if (j - i > 1 && untilMs - anchor.point.timeMs >= frozen.minS * 1000) {
      out.push({ point: anchor.point, untilMs, live: true });
      folded += j - i - 1;
      i = j;
    } else {
      out.push(anchor);
      i++;
    }
  }
  return { held: out, folded };
}

function samePosition(a: TrackPoint, b: TrackPoint): boolean {
  return a.latDeg === b.latDeg && a.lonDeg === b.lonDeg;
}

/** Within `toleranceKm` of the held fix while both report flying at ≥ `minSpeedKt`: a frozen fix with noise. */
function jitteringInPlace(p: TrackPoint, held: TrackPoint, frozen: FrozenJitter): boolean {
  if (frozen.toleranceKm <= 0 || (p.groundSpeedKt ?? 0) < frozen.minSpeedKt || (held.groundSpeedKt ?? 0) < frozen.minSpeedKt) return false;
  return distanceKmRaw(p.latDeg, p.lonDeg, held.latDeg, held.lonDeg) <= frozen.toleranceKm;
}

function stateChanged(a: TrackPoint, b: TrackPoint): boolean {
  return a.altitudeFt !== b.altitudeFt || a.groundSpeedKt !== b.groundSpeedKt || a.trackDeg !== b.trackDeg || a.verticalRateFpm !== b.verticalRateFpm;
}
