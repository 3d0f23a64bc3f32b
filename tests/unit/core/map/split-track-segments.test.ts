import { describe, expect, it } from "vitest";
import { splitTrackSegments, type TimedTrackPoint } from "@/lib/core/map/split-track-segments";
import { splitAtGapsByPosition } from "@/lib/core/map/split-at-gaps-by-position";

const MIN = 60_000;

/** Positions one minute apart heading east, with the given altitudes. */
function track(altitudesFt: (number | null)[]): TimedTrackPoint[] {
  return altitudesFt.map((altitudeFt, i) => ({ timeMs: i * MIN, latDeg: 15, lonDeg: -75 + i * 0.1, altitudeFt }));
}

describe("splitTrackSegments", () => {
  it("draws a track in one band as one segment, not one per point", () => {
    const segments = splitTrackSegments(track(Array(500).fill(35_000)), []);
    expect(segments).toHaveLength(1);
    expect(segments[0]!.bandId).toBe("cruise");
    expect(segments[0]!.points).toHaveLength(500);
  });

  it("starts a new segment at a band change, sharing the last point so the line stays continuous", () => {
    const pts = track([5_000, 8_000, 12_000, 15_000, 25_000, null]);
    const segments = splitTrackSegments(pts, []);
    expect(segments.map((s) => s.bandId)).toEqual(["low", "mid", "high", "unknown"]);
    expect(segments[0]!.points).toEqual([pts[0], pts[1]]);
    expect(segments[1]!.points).toEqual([pts[1], pts[2], pts[3]]);
    expect(segments[2]!.points).toEqual([pts[3], pts[4]]);
    expect(segments[3]!.points).toEqual([pts[4], pts[5]]);
  });

  it("breaks at a gap without joining the off and on points", () => {
    const pts = track([35_000, 35_000, 35_000, 35_000, 35_000]);
    const segments = splitTrackSegments(pts, [{ offTimeMs: 1 * MIN, onTimeMs: 2 * MIN }]);
    expect(segments.map((s) => s.points)).toEqual([[pts[0], pts[1]], [pts[2], pts[3], pts[4]]]);
  });

  it("still breaks when thinning dropped the gap's off and on positions", () => {
    const pts = track([35_000, 35_000, 35_000, 35_000]);
    // The gap ran from 1.5 to 1.8 minutes: neither end is one of the thinned points.
    const segments = splitTrackSegments(pts, [{ offTimeMs: 1.5 * MIN, onTimeMs: 1.8 * MIN }]);
    expect(segments.map((s) => s.points.length)).toEqual([2, 2]);
  });

  it("breaks after the off point of an open gap", () => {
    const pts = track([35_000, 35_000, 35_000]);
    const segments = splitTrackSegments(pts, [{ offTimeMs: 2 * MIN, onTimeMs: null }]);
    expect(segments).toHaveLength(1);
    const early = splitTrackSegments(pts, [{ offTimeMs: 0, onTimeMs: null }]);
    expect(early.map((s) => s.points.length)).toEqual([1, 2]);
  });

  it("keeps positions received inside a partial gap (MLAT) as their own segment", () => {
    const pts = track([35_000, 35_000, 35_000, 35_000, 35_000, 35_000]);
    const segments = splitTrackSegments(pts, [{ offTimeMs: 1 * MIN, onTimeMs: 4 * MIN }]);
    expect(segments.map((s) => s.points)).toEqual([[pts[0], pts[1]], [pts[2], pts[3]], [pts[4], pts[5]]]);
  });

  it("splits at gaps and band changes together", () => {
    const pts = track([8_000, 12_000, 12_000, 12_000, 33_000]);
    const segments = splitTrackSegments(pts, [{ offTimeMs: 2 * MIN, onTimeMs: 3 * MIN }]);
    expect(segments.map((s) => [s.bandId, s.points.length])).toEqual([
      ["low", 1],
      ["mid", 3],
      ["mid", 1],
      ["cruise", 2],
    ]);
  });

  it("returns nothing for no positions", () => {
    expect(splitTrackSegments([], [{ offTimeMs: 0, onTimeMs: 1 }])).toEqual([]);
  });
});

describe("splitAtGapsByPosition", () => {
  const pts = [0, 1, 2, 3, 4, 5].map((i) => ({ latDeg: 12, lonDeg: -70 + i }));

  it("cuts the links between a gap's off and on points", () => {
    const runs = splitAtGapsByPosition(pts, [{ off: pts[1]!, on: pts[2]! }]);
    expect(runs).toEqual([pts.slice(0, 2), pts.slice(2)]);
  });

  it("finds the nearest thinned positions when the exact ones were dropped", () => {
    const runs = splitAtGapsByPosition(pts, [{ off: { latDeg: 12.05, lonDeg: -67.9 }, on: { latDeg: 11.9, lonDeg: -66.1 } }]);
    expect(runs.map((r) => r.length)).toEqual([3, 1, 2]);
  });

  it("cuts only after the off point of an open gap", () => {
    const runs = splitAtGapsByPosition(pts, [{ off: pts[3]!, on: null }]);
    expect(runs.map((r) => r.length)).toEqual([4, 2]);
  });

  it("leaves a track without gaps whole and an empty one empty", () => {
    expect(splitAtGapsByPosition(pts, [])).toEqual([pts]);
    expect(splitAtGapsByPosition([], [{ off: pts[0]!, on: null }])).toEqual([]);
  });
});
