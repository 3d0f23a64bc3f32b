import type { TrackPoint } from "./track-point";

/** One impossible jump inside a spoofed stretch. */
export interface SpoofJump {
  /** Time of the position the track jumped to, epoch ms. */
  atMs: number;
  distanceKm: number;
  /** Distance over the time since the position it jumped from was last reported. */
  impliedSpeedKt: number;
}

/**
 * A stretch of a track whose positions cannot be trusted: frozen while the aircraft flew on,
 * displaced by impossible jumps, or hanging still at altitude; the track resumes afterwards where
 * the aircraft could have been (see find-spoofed-stretches.ts). Its positions are removed from the
 * flight, so the silence they leave is this stretch, not a gap.
 */
export interface SpoofedStretch {
  /** Last trusted position before the stretch (the frozen fix itself when a freeze opened it). */
  before: TrackPoint;
  /** First trusted position after it. */
  after: TrackPoint;
  /** First untrusted report (the first repeat of a frozen fix, or the first displaced position), epoch ms. */
  startMs: number;
  /** Last untrusted report, epoch ms. */
  endMs: number;
  /** How long positions stayed frozen while the reported ground speed said the aircraft flew on, s. */
  frozenS: number;
  jumps: SpoofJump[];
  /** Untrusted positions removed from the track (repeats of a frozen fix not counted). */
  positionsRemoved: number;
  /** Great-circle distance from `before` to `after`: what the aircraft really covered, at least. */
  trueDistanceKm: number;
  /** Which signatures were seen. */
  signs: ("frozen" | "jump" | "stationary")[];
}
