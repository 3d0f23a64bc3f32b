import type { GapRecord, TrackPositionRecord } from "../flight-record";
import { lttb } from "./lttb";

/** One x position of the profile chart; both values null on the marker that breaks the lines in a gap. */
export interface ProfilePoint {
  timeMs: number;
  altitudeFt: number | null;
  groundSpeedKt: number | null;
}

/** A shaded interval without positions. `suspected`: the coverage model suspected a switch-off. */
export interface GapBand {
  startMs: number;
  endMs: number;
  suspected: boolean;
  /** Duration as the gap record states it, minutes to one decimal (an open gap's: at least that long). */
  minutes: number;
  /** Never heard again: the band ends at the last position, the silence at the end of the data or later. */
  open: boolean;
}

export interface FlightProfileSeries {
  points: ProfilePoint[];
  gapBands: GapBand[];
}

type ProfileInput = Pick<TrackPositionRecord, "timeMs" | "altitudeFt" | "groundSpeedKt">;
type GapInput = Pick<GapRecord, "offTimeMs" | "onTimeMs" | "durationS" | "suspected">;

/**
 * Altitude and ground speed over time for one flight, thinned to at most `maxPoints` points
 * (null markers included) and never drawn across a gap.
 *
 * Each observed stretch between gaps is thinned on its own with LTTB on altitude, its budget
 * proportional to its number of positions, so the positions right before and after every gap
 * are kept; a null-valued point is inserted inside each gap so lines break there
 * (`connectNulls={false}`). An open gap (`onTimeMs` null) is shaded until the last position.
 * Boundary positions win over the budget: with more than about maxPoints / 3 gaps the
 * result can exceed `maxPoints` rather than hide where a gap begins or ends.
 * @example flightProfileSeries(positions, flight.gaps, 1500)
 *   // → { points: [{ timeMs, altitudeFt, groundSpeedKt }, …], gapBands: [{ startMs, endMs, suspected, minutes }] }
 */
export function flightProfileSeries(points: readonly ProfileInput[], gaps: readonly GapInput[], maxPoints = 2000): FlightProfileSeries {
  const sorted = sortedByTime(points.filter((p) => Number.isFinite(p.timeMs)));
  const lastMs = sorted.at(-1)?.timeMs ?? null;
  const gapBands = gaps
    .filter((g) => Number.isFinite(g.offTimeMs))
    .map((g): GapBand => {
      const endMs = g.onTimeMs ?? Math.max(g.offTimeMs, lastMs ?? g.offTimeMs);
      const durationS = Number.isFinite(g.durationS) ? g.durationS : (endMs - g.offTimeMs) / 1000;
      return { startMs: g.offTimeMs, endMs, suspected: g.suspected, minutes: Math.round(durationS / 6) / 10, open: g.onTimeMs === null };
    })
    .sort((a, b) => a.startMs - b.startMs);
  if (sorted.length === 0) return { points: [], gapBands };

  const { stretches, breakTimesMs } = splitAtGaps(sorted, gaps);
  const budget = Math.max(2, Math.floor(maxPoints)) - breakTimesMs.length;
  const quotas = stretchQuotas(
    stretches.map((s) => s.length),
    budget,
  );

  const out: ProfilePoint[] = [];
  stretches.forEach((stretch, i) => {
    if (i > 0) out.push({ timeMs: breakTimesMs[i - 1]!, altitudeFt: null, groundSpeedKt: null });
    for (const p of thinStretch(stretch, quotas[i]!)) out.push({ timeMs: p.timeMs, altitudeFt: p.altitudeFt, groundSpeedKt: p.groundSpeedKt });
  });
  return { points: out, gapBands };
}

function sortedByTime<T extends { timeMs: number }>(points: T[]): T[] {
  for (let i = 1; i < points.length; i++) if (points[i]!.timeMs < points[i - 1]!.timeMs) return points.sort((a, b) => a.timeMs - b.timeMs);
  return points;
}

/**
 * Cut the positions wherever a gap interval overlaps the time between two consecutive ones.
 * Positions lying inside a gap (kept by the store but not by the gap finder) thus become
 * stretches of their own rather than being bridged or hidden.
 */
function splitAtGaps<T extends { timeMs: number }>(sorted: T[], gaps: readonly GapInput[]): { stretches: T[][]; breakTimesMs: number[] } {
  const intervals = mergeIntervals(gaps.filter((g) => Number.isFinite(g.offTimeMs)).map((g) => [g.offTimeMs, g.onTimeMs ?? Infinity] as [number, number]));
  const stretches: T[][] = [[sorted[0]!]];
  const breakTimesMs: number[] = [];
  let k = 0;
  for (let i = 1; i < sorted.length; i++) {
    const aMs = sorted[i - 1]!.timeMs;
    const bMs = sorted[i]!.timeMs;
    while (k < intervals.length && intervals[k]![1] <= aMs) k++;
    const gap = intervals[k];
    if (gap && gap[0] < bMs && gap[1] > aMs) {
      const loMs = Math.max(aMs, gap[0]);
      const hiMs = Math.min(bMs, gap[1]);
      breakTimesMs.push((loMs + hiMs) / 2);
      stretches.push([sorted[i]!]);
    } else {
      stretches.at(-1)!.push(sorted[i]!);
    }
  }
  return { stretches, breakTimesMs };
}

function mergeIntervals(intervals: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [s, e] of intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/**
 * Points per stretch: each keeps its two ends, and the rest of the budget is shared in
 * proportion to the positions beyond those ends (floors, so the total never exceeds it).
 */
function stretchQuotas(lengths: number[], budget: number): number[] {
  const total = lengths.reduce((s, n) => s + n, 0);
  if (total <= budget) return lengths;
  const ends = lengths.map((n) => Math.min(n, 2));
  const flexible = Math.max(0, budget - ends.reduce((s, n) => s + n, 0));
  const inner = lengths.map((n, i) => n - ends[i]!);
  const innerTotal = inner.reduce((s, n) => s + n, 0);
  if (innerTotal === 0) return ends;
  return lengths.map((_, i) => ends[i]! + Math.floor((flexible * inner[i]!) / innerTotal));
}

/**
 * LTTB on altitude. Unknown altitudes are interpolated in time between the known neighbours
 * (the nearest known one at the ends): they then lie on the chord and rarely win a bucket,
 * whereas 0 or a carried value would look like steps and be picked first. Output stays null.
 */
function thinStretch<T extends ProfileInput>(stretch: T[], quota: number): T[] {
  if (stretch.length <= quota) return stretch;
  const yFt = interpolatedAltitudesFt(stretch);
  const indexed = stretch.map((p, i) => ({ i, timeMs: p.timeMs }));
  return lttb(indexed, quota, (q) => q.timeMs, (q) => yFt[q.i]!).map((q) => stretch[q.i]!);
}

function interpolatedAltitudesFt(stretch: readonly ProfileInput[]): number[] {
  const out = stretch.map((p) => p.altitudeFt ?? Number.NaN);
  let prev = -1; // index of the previous known altitude
  for (let i = 0; i <= out.length; i++) {
    if (i < out.length && Number.isNaN(out[i]!)) continue;
    // Fill the unknown run (prev, i).
    for (let j = prev + 1; j < i; j++) {
      if (prev < 0 && i >= out.length) out[j] = 0; // no altitude at all in this stretch
      else if (prev < 0) out[j] = out[i]!;
      else if (i >= out.length) out[j] = out[prev]!;
      else {
        const t0 = stretch[prev]!.timeMs;
        const span = stretch[i]!.timeMs - t0;
        const f = span > 0 ? (stretch[j]!.timeMs - t0) / span : 0;
        out[j] = out[prev]! + f * (out[i]! - out[prev]!);
      }
    }
    prev = i;
  }
  return out;
}
