import type { LatLon } from "../geo/lat-lon";
import { greatCircleDistanceKm } from "../geo/great-circle-distance-km";
import { interpolateGreatCircle } from "../geo/interpolate-great-circle";
import { gridCell } from "./grid-cell";

/** A grid cell a silent aircraft would have crossed, and for how long. */
export interface SilencePathCell {
  cell: number;
  seconds: number;
  /** Mean position along the path of the time spent in the cell, 0 (where it went silent) to 1. */
  midFraction: number;
  /** Altitude band the aircraft would have been at there (set by silence-query.ts). */
  band: number;
}

/**
 * The cells INSIDE a silence's path, in the order crossed, with the time spent in each: the great
 * circle from where the aircraft was last heard to where it was heard again (or the end of a
 * projected path), walked at constant speed. The cell where it was last heard and the cell where
 * it was heard again are left out: both are covered by definition (it was received there), so
 * counting them would make every hole look covered at its edges.
 * @example silencePath(off, on, 2700, 0.5, 10).reduce((s, c) => s + c.seconds, 0) // < 2700
 */
export function silencePath(from: LatLon, to: LatLon, durationS: number, cellDeg: number, stepKm: number, keepEndCell = false): SilencePathCell[] {
  const lengthKm = greatCircleDistanceKm(from, to);
  const samples = Math.max(1, Math.ceil(lengthKm / stepKm), Math.ceil(durationS / 60));
  const fromCell = gridCell(from.latDeg, from.lonDeg, cellDeg);
  const toCell = gridCell(to.latDeg, to.lonDeg, cellDeg);
  const perSampleS = durationS / samples;
  const order: number[] = [];
  const seconds = new Map<number, number>();
  const fractions = new Map<number, number>();
  for (let i = 0; i < samples; i++) {
    const fraction = (i + 0.5) / samples;
    const p = interpolateGreatCircle(from, to, fraction);
    const cell = gridCell(p.latDeg, p.lonDeg, cellDeg);
    if (cell === fromCell || (cell === toCell && !keepEndCell)) continue;
    if (!seconds.has(cell)) order.push(cell);
    seconds.set(cell, (seconds.get(cell) ?? 0) + perSampleS);
    fractions.set(cell, (fractions.get(cell) ?? 0) + fraction);
  }
  return order.map((cell) => {
    const s = seconds.get(cell)!;
    return { cell, seconds: s, midFraction: fractions.get(cell)! / (s / perSampleS), band: 0 };
  });
}
