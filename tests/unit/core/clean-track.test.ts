import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/lib/core/model/track-point";
import { cleanTrack } from "@/lib/core/flights/clean-track";
import { splitFlights } from "@/lib/core/flights/split-flights";
import { reachableKm } from "@/lib/core/flights/reachable-km";
import { isImpossibleJump } from "@/lib/core/flights/is-impossible-jump";
import { findStationaryRuns } from "@/lib/core/flights/find-stationary-runs";
import type { HeldPosition } from "@/lib/core/flights/collapse-repeats";
import { DEFAULT_DETECTION_CONFIG as CFG, withConfig } from "@/lib/core/model/detection-config";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import { greatCircleDistanceKm } from "@/lib/core/geo/great-circle-distance-km";
import { destinationPoint } from "@/lib/core/geo/destination-point";
import { EARTH_RADIUS_KM } from "@/lib/core/geo/lat-lon";
import { fly, point, T0 } from "./track-factory";

const KM_PER_DEG_LAT = (EARTH_RADIUS_KM * Math.PI) / 180;
const north = (p: TrackPoint, km: number): TrackPoint => ({ ...p, latDeg: p.latDeg + km / KM_PER_DEG_LAT });
const clean = (pts: readonly TrackPoint[]) => cleanTrack(pts, CFG.track, CFG.spoofing);
const OPEN_SEA = { latDeg: 15, lonDeg: -75 };
const EAST = { latDeg: 15, lonDeg: -70 };

/** prev, one sample `km` north of it 10 s later, next back at prev's place 10 s after that (reported 400 kt). */
function spikeOf(km: number): TrackPoint[] {
  const base = point({ timeMs: T0, ...OPEN_SEA, groundSpeedKt: 400 });
  const lead = [-30, -20, -10].map((s) => point({ timeMs: T0 + s * 1000, latDeg: 15, lonDeg: -75.001 * (1 + s / 1e5), groundSpeedKt: 400 }));
  return [...lead, base, north({ ...base, timeMs: T0 + 10_000 }, km), { ...base, timeMs: T0 + 20_000, lonDeg: -74.9999 }];
}

describe("cleanTrack: isolated outliers", () => {
  const limitKm = reachableKm(10, CFG.track, 400);

  it("drops one sample farther than the reported speed allows from both neighbours, keeps it at or within the limit", () => {
    expect(clean(spikeOf(limitKm + 0.05)).outliersDropped).toBe(1);
    expect(clean(spikeOf(limitKm - 0.05)).outliersDropped).toBe(0);
    expect(clean(spikeOf(limitKm - 0.05)).points).toHaveLength(6);
  });

  it("drops two consecutive displaced samples, but three are not an outlier (outlierMaxSamples = 2)", () => {
    const pts = fly({ from: OPEN_SEA, to: EAST, sampleS: 10 });
    const displaced = (n: number) => pts.map((p, i) => (i > 100 && i <= 100 + n ? north(p, 12) : p));
    expect(clean(displaced(2)).outliersDropped).toBe(2);
    expect(clean(displaced(2)).points).toHaveLength(pts.length - 2);
    // 12 km is below teleportMinKm: three displaced samples are kept as they are, not "the other side" dropped.
    const three = clean(displaced(3));
    expect(three.outliersDropped).toBe(0);
    expect(three.implausibleDropped).toBe(0);
    expect(three.spoofing).toEqual([]);
    expect(withConfig({ track: { outlierMaxSamples: 3 } }).track.outlierMaxSamples).toBe(3);
    expect(cleanTrack(displaced(3), withConfig({ track: { outlierMaxSamples: 3 } }).track).outliersDropped).toBe(3);
  });

  it("never drops a side of a step: one coordinate jumping 5.7 km and staying (airbus_tree's stale latitude) keeps every position", () => {
    const pts = fly({ from: OPEN_SEA, to: EAST, sampleS: 5 });
    const stepped = pts.map((p, i) => (i >= 200 && i < 230 ? north(p, 5.7) : p));
    const r = clean(stepped);
    expect(r.implausibleDropped).toBe(0);
    expect(r.points).toHaveLength(pts.length);
  });

  it("keeps the long run after a one-sample glitch instead of the longer side (the old chain rule lost 35 % of airbus_tree)", () => {
    const pts = fly({ from: OPEN_SEA, to: EAST, sampleS: 5 });
    const glitched = pts.map((p, i) => (i === 40 ? north(p, 5.7) : p));
    const r = clean(glitched);
    expect(r.implausibleDropped).toBe(1);
    expect(r.points[0]).toBe(glitched[0]);
    expect(r.points).toHaveLength(pts.length - 1);
  });
});

describe("cleanTrack: frozen positions", () => {
  // 1-s samples at 450 kt; from index 300 the position freezes for `frozenS` seconds, then resumes where the aircraft is.
  const pts = fly({ from: OPEN_SEA, to: EAST, sampleS: 1 });
  // At 10,000 ft, below hoverMinAltitudeFt: a slow frozen fix there is not "hanging still at altitude".
  function freeze(frozenS: number, o: { live?: boolean; speedKt?: number } = {}): TrackPoint[] {
    const c = 300;
    const fix = { ...pts[c]!, groundSpeedKt: o.speedKt ?? 450, altitudeFt: 10000 };
    return pts.map((p, i) => {
      if (i === c) return fix;
      if (i <= c || i > c + frozenS) return p;
      return { ...fix, timeMs: p.timeMs, altitudeFt: o.live === false ? fix.altitudeFt : 10000 + (i % 2) * 25 };
    });
  }
  const frozenMinS = CFG.spoofing.frozenMinS;

  it(`flags a position frozen for frozenMinS (${frozenMinS} s) or more while other fields update, not for less`, () => {
    const at = clean(freeze(frozenMinS)).spoofing;
    expect(at).toHaveLength(1);
    expect(at[0]!.frozenS).toBe(frozenMinS);
    expect(at[0]!.positionsRemoved).toBe(0);
    expect(at[0]!.startMs).toBe(pts[300]!.timeMs);
    expect(at[0]!.endMs).toBe(pts[300 + frozenMinS]!.timeMs);
    expect(at[0]!.after).toBe(pts[301 + frozenMinS]);
    expect(clean(freeze(frozenMinS + 1)).spoofing).toHaveLength(1);
    expect(clean(freeze(frozenMinS - 1)).spoofing).toEqual([]);
  });

  it(`flags it only at a reported speed of frozenMinSpeedKt (${CFG.spoofing.frozenMinSpeedKt} kt) or more`, () => {
    const v = CFG.spoofing.frozenMinSpeedKt;
    expect(clean(freeze(600, { speedKt: v })).spoofing).toHaveLength(1);
    expect(clean(freeze(600, { speedKt: v + 1 })).spoofing).toHaveLength(1);
    expect(clean(freeze(600, { speedKt: v - 1 })).spoofing).toEqual([]);
  });

  it("does not flag a whole state repeated unchanged (the feed holding its last message): that is a silence", () => {
    const r = clean(freeze(600, { live: false }));
    expect(r.spoofing).toEqual([]);
    expect(r.staleDropped).toBe(600);
  });
});

describe("cleanTrack: impossible jumps", () => {
  const pts = fly({ from: OPEN_SEA, to: EAST, sampleS: 10 });
  const displace = (from: number, to: number, km: number) => pts.map((p, i) => (i >= from && i <= to ? north(p, km) : p));

  it("removes a displaced stretch the track comes back from, with both jumps, and measures the true distance across", () => {
    const r = clean(displace(101, 130, 300));
    expect(r.spoofing).toHaveLength(1);
    const s = r.spoofing[0]!;
    expect(s.positionsRemoved).toBe(30);
    expect(s.before).toBe(pts[100]);
    expect(s.after).toBe(pts[131]);
    expect(s.startMs).toBe(pts[101]!.timeMs);
    expect(s.endMs).toBe(pts[130]!.timeMs);
    expect(s.jumps).toHaveLength(2);
    for (const j of s.jumps) {
      expect(j.distanceKm).toBeGreaterThan(299);
      expect(j.impliedSpeedKt).toBeGreaterThan(CFG.track.maxSpeedKt);
    }
    expect(s.trueDistanceKm).toBeCloseTo(greatCircleDistanceKm(pts[100]!, pts[131]!), 6);
    expect(s.signs).toEqual(["jump"]);
    expect(r.points).toHaveLength(pts.length - 30);
  });

  it("keeps both sides of a jump the track never comes back from, and splitFlights splits there", () => {
    const r = clean(displace(101, pts.length - 1, 300));
    expect(r.spoofing).toEqual([]);
    expect(r.implausibleDropped).toBe(0);
    expect(splitFlights(displace(101, pts.length - 1, 300), REFERENCE_AIRPORTS, CFG).flights.map((f) => f.length)).toEqual([101, pts.length - 101]);
  });

  it(`calls it spoofing only while the track comes back within maxStretchS (${CFG.spoofing.maxStretchS} s)`, () => {
    const long = fly({ from: OPEN_SEA, to: { latDeg: 15, lonDeg: -30 }, sampleS: 10 });
    const n = CFG.spoofing.maxStretchS / 10; // samples between the anchor and the return at exactly maxStretchS
    const away = (lastDisplaced: number) => long.map((p, i) => (i > 50 && i <= lastDisplaced ? north(p, 300) : p));
    expect(clean(away(50 + n - 1)).spoofing).toHaveLength(1); // returns at maxStretchS
    expect(clean(away(50 + n - 2)).spoofing).toHaveLength(1);
    expect(clean(away(50 + n)).spoofing).toEqual([]); // returns 10 s too late
  });

  it(`counts a jump from teleportMinKm (${CFG.spoofing.teleportMinKm} km) when it is faster than maxSpeedKt`, () => {
    const a = point({ timeMs: T0, ...OPEN_SEA });
    const km = CFG.spoofing.teleportMinKm;
    expect(isImpossibleJump(a, north(a, km + 1e-9), 1, CFG.track, CFG.spoofing)).toBe(true); // at the threshold (float precision)
    expect(isImpossibleJump(a, north(a, km + 0.01), 1, CFG.track, CFG.spoofing)).toBe(true);
    expect(isImpossibleJump(a, north(a, km - 0.01), 1, CFG.track, CFG.spoofing)).toBe(false);
    const limitS = ((50 - CFG.track.jumpSlackKm) * 3600) / (CFG.track.maxSpeedKt * 1.852); // 50 km is just reachable
    expect(isImpossibleJump(a, north(a, 50), limitS - 0.5, CFG.track, CFG.spoofing)).toBe(true);
    expect(isImpossibleJump(a, north(a, reachableKm(limitS, CFG.track) - 1e-6), limitS, CFG.track, CFG.spoofing)).toBe(false);
    expect(isImpossibleJump(a, north(a, 50), limitS + 0.5, CFG.track, CFG.spoofing)).toBe(false);
  });

  it("allows maxSustainedSpeedKt instead of maxSpeedKt from sustainedAfterS on", () => {
    const s = CFG.track.sustainedAfterS;
    expect(reachableKm(s - 1, CFG.track)).toBeGreaterThan(reachableKm(s, CFG.track));
    expect(reachableKm(s, CFG.track)).toBeCloseTo((CFG.track.maxSustainedSpeedKt * 1.852 * s) / 3600 + CFG.track.jumpSlackKm, 9);
    expect(reachableKm(10, CFG.track, 2000)).toBe(reachableKm(10, CFG.track)); // never above maxSpeedKt
  });
});

describe("cleanTrack: hanging still at altitude vs a loop", () => {
  const held = (o: { n: number; stepS: number; altitudeFt: number; speedKt: number | null; stepKm?: number }): HeldPosition[] =>
    Array.from({ length: o.n }, (_, i) => {
      const p = north(point({ timeMs: T0 + i * o.stepS * 1000, ...OPEN_SEA, altitudeFt: o.altitudeFt, groundSpeedKt: o.speedKt }), i * (o.stepKm ?? 0.01));
      return { point: p, untilMs: p.timeMs, live: false };
    });
  const { hoverMinS, hoverMaxSpeedKt, hoverMinAltitudeFt } = CFG.track;
  const flagged = (h: HeldPosition[]) => findStationaryRuns(h, CFG.track).every(Boolean);

  it(`flags ≥ hoverMinS (${hoverMinS} s) below hoverMaxSpeedKt (${hoverMaxSpeedKt} kt) at or above hoverMinAltitudeFt (${hoverMinAltitudeFt} ft)`, () => {
    const base = { n: 13, stepS: hoverMinS / 12, altitudeFt: hoverMinAltitudeFt, speedKt: hoverMaxSpeedKt - 1 };
    expect(flagged(held(base))).toBe(true);
    expect(flagged(held({ ...base, stepS: (hoverMinS + 12) / 12 }))).toBe(true);
    expect(flagged(held({ ...base, stepS: (hoverMinS - 1) / 12 }))).toBe(false);
    expect(flagged(held({ ...base, altitudeFt: hoverMinAltitudeFt - 1 }))).toBe(false);
    expect(flagged(held({ ...base, speedKt: hoverMaxSpeedKt }))).toBe(false);
  });

  it("measures the path flown, not the net displacement: a loop at FL280 with no reported speed is not hanging still", () => {
    const radiusKm = 25; // 157 km around, like airbus_tree's loop
    const loop = Array.from({ length: 120 }, (_, i) => {
      const p = destinationPoint(OPEN_SEA, (i * 360) / 120, radiusKm);
      return point({ timeMs: T0 + i * 7000, latDeg: p.latDeg, lonDeg: p.lonDeg, altitudeFt: 28000, groundSpeedKt: null });
    });
    expect(greatCircleDistanceKm(loop[0]!, loop[loop.length - 1]!)).toBeLessThan(2);
    const r = clean(loop);
    expect(r.implausibleDropped).toBe(0);
    expect(r.spoofing).toEqual([]);
    // Path speed at the boundary: just under hoverMaxSpeedKt is hanging still, just over is flying.
    const kmPer10s = (kt: number) => (kt * 1.852 * 10) / 3600;
    expect(flagged(held({ n: 20, stepS: 10, altitudeFt: 30000, speedKt: null, stepKm: kmPer10s(hoverMaxSpeedKt - 1) }))).toBe(true);
    expect(flagged(held({ n: 20, stepS: 10, altitudeFt: 30000, speedKt: null, stepKm: kmPer10s(hoverMaxSpeedKt + 1) }))).toBe(false);
  });

  it("removes a stretch hanging still far away between a freeze and the return (THY9BP's pattern) as one spoofed stretch", () => {
    const pts = fly({ from: OPEN_SEA, to: EAST, sampleS: 10 });
    const spoofed = pts.map((p, i) => {
      if (i > 100 && i <= 130) return { ...pts[100]!, timeMs: p.timeMs }; // whole state frozen for 5 min
      if (i > 130 && i <= 190) return point({ timeMs: p.timeMs, latDeg: 17 + i * 1e-4, lonDeg: -74, altitudeFt: 38000, groundSpeedKt: 50 });
      return p;
    });
    const r = clean(spoofed);
    expect(r.spoofing).toHaveLength(1);
    const s = r.spoofing[0]!;
    expect(s.signs).toEqual(["frozen", "jump", "stationary"]);
    expect(s.frozenS).toBe(300);
    expect(s.before).toBe(spoofed[100]);
    expect(s.after).toBe(spoofed[191]);
    expect(s.positionsRemoved).toBe(60);
    expect(s.jumps).toHaveLength(2);
  });
});
