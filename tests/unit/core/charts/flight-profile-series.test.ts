import { describe, expect, it } from "vitest";
import { flightProfileSeries } from "@/lib/core/charts/flight-profile-series";
import type { GapRecord, TrackPositionRecord } from "@/lib/core/flight-record";

const T0 = Date.UTC(2024, 7, 6, 14, 0);
const S = 1000;

function pos(timeMs: number, altitudeFt: number | null = 35_000, groundSpeedKt: number | null = 450): TrackPositionRecord {
  return { timeMs, latDeg: 12, lonDeg: -68, altitudeFt, groundSpeedKt, trackDeg: null, verticalRateFpm: null, onGround: false, source: "ADSB", callsign: null, squawk: null };
}

/** Positions every `stepS` seconds from `fromS` to `toS` (inclusive), altitude varying so LTTB has work to do. */
function track(fromS: number, toS: number, stepS = 10): TrackPositionRecord[] {
  const out: TrackPositionRecord[] = [];
  for (let s = fromS; s <= toS; s += stepS) out.push(pos(T0 + s * S, 30_000 + Math.round(3000 * Math.sin(s / 500)), 400 + (s % 70)));
  return out;
}

function gap(offS: number, onS: number | null, suspected = false): GapRecord {
  const onTimeMs = onS === null ? null : T0 + onS * S;
  return {
    offTimeMs: T0 + offS * S,
    offLatDeg: 12,
    offLonDeg: -68,
    offAltitudeFt: 35_000,
    offSpeedKt: 450,
    onTimeMs,
    onLatDeg: null,
    onLonDeg: null,
    onAltitudeFt: null,
    onSpeedKt: null,
    durationS: (onS ?? offS + 600) - offS,
    distanceKm: null,
    impliedSpeedKt: null,
    open: onS === null,
    partial: false,
    suspected,
    confidence: 0.5,
    witnessCount: 0,
  };
}

const isMarker = (p: { altitudeFt: number | null; groundSpeedKt: number | null }) => p.altitudeFt === null && p.groundSpeedKt === null;

describe("flightProfileSeries", () => {
  it("returns empty points for an empty track", () => {
    expect(flightProfileSeries([], [])).toEqual({ points: [], gapBands: [] });
  });

  it("keeps every position when under the limit, in time order", () => {
    const pts = [pos(T0 + 20 * S, 1000, 200), pos(T0, null, 120), pos(T0 + 10 * S, 500, 160)];
    expect(flightProfileSeries(pts, []).points).toEqual([
      { timeMs: T0, altitudeFt: null, groundSpeedKt: 120 },
      { timeMs: T0 + 10 * S, altitudeFt: 500, groundSpeedKt: 160 },
      { timeMs: T0 + 20 * S, altitudeFt: 1000, groundSpeedKt: 200 },
    ]);
  });

  it("thins to at most maxPoints and keeps the first and last positions", () => {
    const pts = track(0, 36_000); // 3601 positions
    const { points } = flightProfileSeries(pts, [], 500);
    expect(points.length).toBeLessThanOrEqual(500);
    expect(points.length).toBeGreaterThan(450);
    expect(points[0]!.timeMs).toBe(pts[0]!.timeMs);
    expect(points.at(-1)!.timeMs).toBe(pts.at(-1)!.timeMs);
  });

  it("never bridges a gap: keeps both sides and puts a null marker inside it", () => {
    const pts = [...track(0, 10_000), ...track(12_000, 30_000)];
    const { points, gapBands } = flightProfileSeries(pts, [gap(10_000, 12_000, true)], 300);
    expect(points.length).toBeLessThanOrEqual(300);
    const offIdx = points.findIndex((p) => p.timeMs === T0 + 10_000 * S);
    expect(offIdx).toBeGreaterThan(0);
    expect(isMarker(points[offIdx + 1]!)).toBe(true);
    expect(points[offIdx + 1]!.timeMs).toBe(T0 + 11_000 * S);
    expect(points[offIdx + 2]!.timeMs).toBe(T0 + 12_000 * S);
    expect(points.filter(isMarker)).toHaveLength(1);
    expect(gapBands).toEqual([{ startMs: T0 + 10_000 * S, endMs: T0 + 12_000 * S, suspected: true, minutes: 33.3, open: false }]);
  });

  it("shares the budget in proportion to each stretch's length", () => {
    const pts = [...track(0, 7_500), ...track(10_000, 12_500)]; // 751 and 251 positions
    const { points } = flightProfileSeries(pts, [gap(7_500, 10_000)], 201);
    const before = points.filter((p) => !isMarker(p) && p.timeMs <= T0 + 7_500 * S).length;
    const after = points.filter((p) => !isMarker(p) && p.timeMs >= T0 + 10_000 * S).length;
    expect(before + after + 1).toBeLessThanOrEqual(201);
    expect(before / after).toBeGreaterThan(2.5);
    expect(before / after).toBeLessThan(3.5);
  });

  it("keeps the climb peak of a short stretch after thinning", () => {
    const pts = track(0, 20_000, 10).map((p, i) => (i === 1234 ? { ...p, altitudeFt: 45_000 } : p));
    const { points } = flightProfileSeries(pts, [], 100);
    expect(points.some((p) => p.altitudeFt === 45_000)).toBe(true);
  });

  it("keeps unknown altitudes as null instead of inventing a value", () => {
    const pts = track(0, 20_000).map((p, i) => (i % 7 === 0 && i > 0 && i < 2000 ? { ...p, altitudeFt: null } : p));
    const { points } = flightProfileSeries(pts, [], 200);
    const nulls = points.filter((p) => p.altitudeFt === null);
    for (const p of nulls) expect(p.groundSpeedKt).not.toBeNull();
    // 1 in 7 positions lacks altitude; interpolated for the thinning, they lie on the chord and
    // rarely win a bucket (as 0 or as a carried value, about half the output was null).
    expect(nulls.length).toBeLessThan(10);
  });

  it("thins a stretch without any altitude by time and still keeps its ends", () => {
    const pts = track(0, 20_000).map((p) => ({ ...p, altitudeFt: null }));
    const { points } = flightProfileSeries(pts, [], 50);
    expect(points).toHaveLength(50);
    expect(points[0]!.timeMs).toBe(pts[0]!.timeMs);
    expect(points.at(-1)!.timeMs).toBe(pts.at(-1)!.timeMs);
  });

  it("shades an open gap until the last position", () => {
    const pts = [...track(0, 1000), pos(T0 + 5000 * S)];
    const { gapBands, points } = flightProfileSeries(pts, [gap(1000, null)], 2000);
    expect(gapBands).toEqual([{ startMs: T0 + 1000 * S, endMs: T0 + 5000 * S, suspected: false, minutes: 10, open: true }]);
    // The position after the open gap's start is still separated from the track by a marker.
    expect(isMarker(points.at(-2)!)).toBe(true);
  });

  it("keeps every gap boundary even when gaps outnumber the budget", () => {
    const pts: TrackPositionRecord[] = [];
    const gaps: GapRecord[] = [];
    for (let k = 0; k < 20; k++) {
      pts.push(...track(k * 1000, k * 1000 + 500, 50));
      gaps.push(gap(k * 1000 + 500, (k + 1) * 1000));
    }
    gaps.pop();
    const { points } = flightProfileSeries(pts, gaps, 30);
    for (const g of gaps) {
      expect(points.some((p) => p.timeMs === g.offTimeMs && !isMarker(p))).toBe(true);
      expect(points.some((p) => p.timeMs === g.onTimeMs && !isMarker(p))).toBe(true);
    }
    expect(points.filter(isMarker)).toHaveLength(19);
  });
});
