import { describe, expect, it } from "vitest";
import { thinTrackForMap } from "@/lib/core/flights/thin-track-for-map";

/**
 * Thinning a track for a small map: Douglas–Peucker per observed stretch, the points on both
 * sides of every gap kept, at most maxPoints, the caller's own objects back in time order.
 */
interface P {
  timeMs: number;
  latDeg: number;
  lonDeg: number;
  altitudeFt: number;
  seq: number;
}

const T0 = Date.UTC(2024, 7, 6, 14, 0);

/** A wavy track, one point every 10 s, with silences (index ranges [from, to) left out). */
function track(count: number, silences: [number, number][] = []): P[] {
  const out: P[] = [];
  for (let i = 0; i < count; i++) {
    if (silences.some(([a, b]) => i >= a && i < b)) continue;
    out.push({ timeMs: T0 + i * 10_000, latDeg: 20 + 0.6 * Math.sin(i / 40), lonDeg: -80 + i * 0.004, altitudeFt: 35000, seq: i });
  }
  return out;
}

/** The gaps of a track, as the detection stores them: off = the last point before each silence. */
function gapsOf(points: P[]): { offTimeMs: number; onTimeMs: number }[] {
  const gaps: { offTimeMs: number; onTimeMs: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.timeMs - points[i - 1]!.timeMs > 60_000) gaps.push({ offTimeMs: points[i - 1]!.timeMs, onTimeMs: points[i]!.timeMs });
  }
  return gaps;
}

function expectSubsequenceInTimeOrder(kept: P[], all: P[]) {
  const set = new Set(all);
  for (const p of kept) expect(set.has(p)).toBe(true); // the very objects, not copies
  for (let i = 1; i < kept.length; i++) expect(kept[i]!.timeMs).toBeGreaterThan(kept[i - 1]!.timeMs);
}

describe("thinTrackForMap", () => {
  it("returns a short track whole, as a new array of the same objects", () => {
    const points = track(100, [[40, 60]]);
    const thinned = thinTrackForMap(points, gapsOf(points), 250);
    expect(thinned).toEqual(points);
    expect(thinned).not.toBe(points);
    thinned.forEach((p, i) => expect(p).toBe(points[i]));
  });

  it("keeps at most maxPoints, the ends and the points on both sides of every gap, in time order", () => {
    const points = track(4000, [[700, 790], [1500, 1530], [2900, 3300]]);
    const gaps = gapsOf(points);
    expect(gaps).toHaveLength(3);
    for (const maxPoints of [250, 500, 2000]) {
      const thinned = thinTrackForMap(points, gaps, maxPoints);
      expect(thinned.length).toBeLessThanOrEqual(maxPoints);
      expect(thinned.length).toBeGreaterThan(20);
      expectSubsequenceInTimeOrder(thinned, points);
      expect(thinned[0]).toBe(points[0]);
      expect(thinned.at(-1)).toBe(points.at(-1));
      const times = new Set(thinned.map((p) => p.timeMs));
      for (const g of gaps) {
        expect(times.has(g.offTimeMs), `off point ${new Date(g.offTimeMs).toISOString()}`).toBe(true);
        expect(times.has(g.onTimeMs), `first point after ${new Date(g.offTimeMs).toISOString()}`).toBe(true);
      }
    }
  });

  it("does not depend on the order the gaps are given in", () => {
    const points = track(3000, [[500, 560], [2000, 2100]]);
    const gaps = gapsOf(points);
    expect(thinTrackForMap(points, [...gaps].reverse(), 300)).toEqual(thinTrackForMap(points, gaps, 300));
  });

  it("defaults to 2,000 points", () => {
    const points = track(5000);
    const thinned = thinTrackForMap(points, []);
    expect(thinned.length).toBeLessThanOrEqual(2000);
    expect(thinned.length).toBeGreaterThan(2);
    expectSubsequenceInTimeOrder(thinned, points);
  });

  it("keeps the shape: a sharp turn's apex survives, a straight line shrinks to its ends", () => {
    // Out east for 1,500 points, a hairpin, back west 0.5° further north.
    const points: P[] = [];
    for (let i = 0; i < 3000; i++) {
      const out = i < 1500;
      points.push({ timeMs: T0 + i * 10_000, latDeg: out ? 20 : 20 + 0.5 * Math.min(1, (i - 1499) / 10), lonDeg: out ? -80 + i * 0.004 : -80 + (2999 - i) * 0.004, altitudeFt: 35000, seq: i });
    }
    const thinned = thinTrackForMap(points, [], 100);
    expect(thinned.length).toBeLessThanOrEqual(100);
    expect(thinned).toContain(points[1499]); // the far end of the outbound leg
    expectSubsequenceInTimeOrder(thinned, points);

    const straight = Array.from({ length: 3000 }, (_, i): P => ({ timeMs: T0 + i * 10_000, latDeg: 20, lonDeg: -80 + i * 0.004, altitudeFt: 35000, seq: i }));
    expect(thinTrackForMap(straight, [], 100)).toEqual([straight[0], straight[2999]]);
  });

  it("keeps a stretch of one or two points between close gaps", () => {
    // A single point heard between two silences, and a pair between the next two.
    const points = track(3000, [[1000, 1100], [1101, 1200], [2000, 2050], [2052, 2100]]);
    const gaps = gapsOf(points);
    expect(gaps).toHaveLength(4);
    const thinned = thinTrackForMap(points, gaps, 300);
    expect(thinned.length).toBeLessThanOrEqual(300);
    const seqs = new Set(thinned.map((p) => p.seq));
    for (const seq of [999, 1100, 1200, 1999, 2050, 2051, 2100]) expect(seqs.has(seq), `point ${seq}`).toBe(true);
  });
});
