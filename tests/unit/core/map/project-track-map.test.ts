import { describe, expect, it } from "vitest";
import { interpolateGreatCircle } from "@/lib/core/geo/interpolate-great-circle";
import { ALTITUDE_BANDS } from "@/lib/core/map/altitude-band";
import { projectTrackMap, type TrackMapGap, type TrackMapInput, type TrackMapPoint } from "@/lib/core/map/project-track-map";
import { CARIBBEAN_FIRS } from "@/lib/core/reference/caribbean-firs";
import { airport, T0 } from "../track-factory";
import { SIMPLIFY_TOLERANCE_PX } from "@/lib/core/map/simplify-stream";
import { distanceToPolyline, pathPoints, subpathCount } from "./path-points";

const MIN = 60_000;
const SIZE = { widthPx: 960, heightPx: 600 };
const MUHA = airport("MUHA");
const SVMI = airport("SVMI");
const TNCF = { ...CARIBBEAN_FIRS.find((z) => z.code === "TNCF")!, watched: true };

/** Havana → Caracas, one position a minute for 200 minutes, climbing and descending; `silent` minutes missing. */
function flight(silent: (minute: number) => boolean = () => false): TrackMapPoint[] {
  const out: TrackMapPoint[] = [];
  for (let i = 0; i < 200; i++) {
    if (silent(i)) continue;
    const f = i / 199;
    const p = interpolateGreatCircle(MUHA, SVMI, f);
    out.push({ timeMs: T0 + i * MIN, ...p, altitudeFt: Math.round(Math.min(1, f / 0.15, (1 - f) / 0.15) * 36_000) });
  }
  return out;
}

function gapBetween(points: TrackMapPoint[], offMin: number, onMin: number | null, suspected: boolean): TrackMapGap {
  const off = points.find((p) => p.timeMs === T0 + offMin * MIN)!;
  const on = onMin === null ? null : points.find((p) => p.timeMs === T0 + onMin * MIN)!;
  return {
    offTimeMs: off.timeMs,
    offLatDeg: off.latDeg,
    offLonDeg: off.lonDeg,
    offAltitudeFt: off.altitudeFt,
    onTimeMs: on?.timeMs ?? null,
    onLatDeg: on?.latDeg ?? null,
    onLonDeg: on?.lonDeg ?? null,
    onAltitudeFt: on?.altitudeFt ?? null,
    durationS: ((onMin ?? 199) - offMin) * 60,
    open: on === null,
    suspected,
  };
}

function inFrame(p: { xPx: number; yPx: number }, marginPx = 0): boolean {
  return p.xPx >= marginPx && p.yPx >= marginPx && p.xPx <= SIZE.widthPx - marginPx && p.yPx <= SIZE.heightPx - marginPx;
}

describe("projectTrackMap", () => {
  const points = flight((m) => (m > 60 && m < 80) || (m > 150 && m < 160));
  const input: TrackMapInput = {
    points,
    gaps: [gapBetween(points, 60, 80, true), gapBetween(points, 150, 160, false)],
    zones: [TNCF],
    origin: { icao: "MUHA", latDeg: MUHA.latDeg, lonDeg: MUHA.lonDeg },
    destination: { icao: "SVMI", latDeg: SVMI.latDeg, lonDeg: SVMI.lonDeg },
  };
  const map = projectTrackMap(input, SIZE);

  it("draws one path per run of one altitude band, split at the gaps", () => {
    // low, mid, high, cruise | gap | cruise | gap | cruise, high, mid, low
    expect(map.segments.map((s) => s.bandId)).toEqual(["low", "mid", "high", "cruise", "cruise", "cruise", "high", "mid", "low"]);
    for (const s of map.segments) {
      expect(subpathCount(s.path)).toBe(1);
      expect(s.colour).toBe(ALTITUDE_BANDS.find((b) => b.id === s.bandId)!.colour);
    }
    // Every position is on a line, within the simplification's tolerance and one rounding step.
    // A position's screen point: the origin marker put on it (inside the extent, so same projection).
    const lines = map.segments.map((s) => pathPoints(s.path));
    for (const p of points.filter((_, i) => i % 25 === 0 || i === points.length - 1)) {
      const xy = projectTrackMap({ ...input, origin: { icao: null, latDeg: p.latDeg, lonDeg: p.lonDeg } }, SIZE).endpoints[0]!;
      expect(Math.min(...lines.map((l) => distanceToPolyline([xy.xPx, xy.yPx], l)))).toBeLessThan(SIMPLIFY_TOLERANCE_PX + 0.15);
    }
  });

  it("draws each gap as a dashed great circle from the off marker to the on marker", () => {
    expect(map.gaps.map((g) => g.suspected)).toEqual([true, false]);
    for (const gap of map.gaps) {
      const pts = pathPoints(gap.path);
      // One line from marker to marker (its bend along the great circle: simplify-stream.test.ts).
      expect(subpathCount(gap.path)).toBe(1);
      expect(pts.length).toBeGreaterThanOrEqual(2);
      expect(pts[0]![0]).toBeCloseTo(gap.off.xPx, 0);
      expect(pts[0]![1]).toBeCloseTo(gap.off.yPx, 0);
      expect(pts[pts.length - 1]![0]).toBeCloseTo(gap.on!.xPx, 0);
      expect(pts[pts.length - 1]![1]).toBeCloseTo(gap.on!.yPx, 0);
    }
    expect(map.gaps[0]!.durationMin).toBe(20);
  });

  it("labels the markers with UTC time, altitude and the gap's length", () => {
    const gap = map.gaps[0]!;
    expect(gap.off.label).toBe("ADS-B lost 2024-08-06T15:00:00Z · 36,000 ft · suspected switch-off of 20 min");
    expect(gap.on!.label).toBe("ADS-B back 2024-08-06T15:20:00Z · 36,000 ft · after suspected switch-off of 20 min");
    expect(map.gaps[1]!.off.label).toContain("· gap of 10 min");
  });

  it("fits the track, gaps and endpoints inside the frame with padding", () => {
    for (const e of map.endpoints) expect(inFrame(e, 20)).toBe(true);
    for (const g of map.gaps) expect(inFrame(g.off, 20) && inFrame(g.on!, 20)).toBe(true);
    for (const s of map.segments) for (const [x, y] of pathPoints(s.path)) expect(inFrame({ xPx: x, yPx: y }, 20)).toBe(true);
    expect(map.endpoints.map((e) => [e.role, e.icao])).toEqual([["origin", "MUHA"], ["destination", "SVMI"]]);
  });

  it("draws the great-circle route between origin and destination, and none without both", () => {
    const route = pathPoints(map.routePath);
    const [origin, destination] = map.endpoints;
    expect(route[0]![0]).toBeCloseTo(origin!.xPx, 0);
    expect(route[route.length - 1]![1]).toBeCloseTo(destination!.yPx, 0);
    expect(projectTrackMap({ ...input, destination: null }, SIZE).routePath).toBeNull();
  });

  it("draws the watched zone and a legend of the bands with units", () => {
    expect(map.zones.map((z) => z.code)).toEqual(["TNCF"]);
    expect(map.legendBands.map((b) => b.label)).toEqual(ALTITUDE_BANDS.map((b) => b.label));
    expect(map.landPath).toMatch(/^M/);
  });

  it("marks only the off point of an open gap", () => {
    const tail = flight((m) => m > 120);
    const open = projectTrackMap({ points: tail, gaps: [gapBetween(tail, 120, null, true)], zones: [], origin: null, destination: null }, SIZE);
    const gap = open.gaps[0]!;
    expect(gap.path).toBeNull();
    expect(gap.on).toBeNull();
    expect(gap.open).toBe(true);
    expect(inFrame(gap.off)).toBe(true);
    expect(gap.off.label).toContain("the track ends here (open gap");
  });

  it("still draws a map for a single position or none", () => {
    const one = projectTrackMap({ points: [points[0]!], gaps: [], zones: [], origin: null, destination: null }, SIZE);
    expect(one.segments).toHaveLength(1);
    expect(one.segments[0]!.path).toMatch(/h0$/); // a dot
    const none = projectTrackMap({ points: [], gaps: [], zones: [], origin: null, destination: null }, SIZE);
    expect(none.segments).toEqual([]);
    expect(none.landPath.length).toBeGreaterThan(1_000);
  });

  it("keeps the payload of a 2,000-position flight small", () => {
    const dense: TrackMapPoint[] = Array.from({ length: 2_000 }, (_, i) => ({
      timeMs: T0 + i * 5_000,
      ...interpolateGreatCircle(MUHA, SVMI, i / 1_999),
      altitudeFt: i % 400 < 200 ? 35_000 : 25_000,
    }));
    const big = projectTrackMap({ points: dense, gaps: [], zones: [TNCF], origin: null, destination: null }, SIZE);
    expect(big.segments).toHaveLength(10);
    expect(JSON.stringify(big).length).toBeLessThan(200_000);
  });
});

describe("a flight across the antimeridian", () => {
  it("is drawn across 180°, in a frame a few degrees wide, not the whole world", () => {
    // 178°E to 176°W at FL350, with a silence in the middle of it.
    const points: TrackMapPoint[] = Array.from({ length: 60 }, (_, i) => ({ timeMs: T0 + i * MIN, latDeg: -17, lonDeg: ((178 + i * 0.1 + 180) % 360) - 180, altitudeFt: 35_000 }));
    const off = points[20]!;
    const on = points[40]!;
    const gap: TrackMapGap = {
      offTimeMs: off.timeMs, offLatDeg: off.latDeg, offLonDeg: off.lonDeg, offAltitudeFt: 35_000,
      onTimeMs: on.timeMs, onLatDeg: on.latDeg, onLonDeg: on.lonDeg, onAltitudeFt: 35_000,
      durationS: 1200, open: false, suspected: false,
    };
    const drawn = [...points.slice(0, 21), ...points.slice(40)];
    const map = projectTrackMap({ points: drawn, gaps: [gap], zones: [], origin: null, destination: null }, SIZE);
    expect(map.segments.length).toBeGreaterThan(0);
    const xs = map.segments.flatMap((s) => pathPoints(s.path).map(([x]) => x));
    // The track fills the frame's width (less its margins), as a track elsewhere would.
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(SIZE.widthPx / 2);
    expect(map.gaps[0]!.path).not.toBeNull();
    for (const m of [map.gaps[0]!.off, map.gaps[0]!.on!]) {
      expect(m.xPx).toBeGreaterThan(0);
      expect(m.xPx).toBeLessThan(SIZE.widthPx);
    }
    // Fiji's land east and west of 180° is in the frame.
    expect(map.landPath.length).toBeGreaterThan(0);
  });

  it("frames a track just west of 180°W (its margin runs past the antimeridian) as tightly", () => {
    const points: TrackMapPoint[] = Array.from({ length: 10 }, (_, i) => ({ timeMs: T0 + i * MIN, latDeg: -17, lonDeg: -179.9 + i * 0.05, altitudeFt: 35_000 }));
    const map = projectTrackMap({ points, gaps: [], zones: [], origin: null, destination: null }, SIZE);
    const xs = map.segments.flatMap((s) => pathPoints(s.path).map(([x]) => x));
    // A 0.45° track in a frame at least 2° wide: a sizeable line, not a dot in a whole-world map.
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(SIZE.widthPx / 10);
  });
});

describe("the reception layer", () => {
  it("draws each cell as a small area inside the frame, never the whole map (ring winding)", async () => {
    const { projectReceptionCells } = await import("@/lib/core/map/reception-layer");
    const { fitMercator } = await import("@/lib/core/map/fit-mercator");
    const size = { widthPx: 960, heightPx: 600 };
    const fitted = fitMercator({ westDeg: -85, southDeg: 8, eastDeg: -60, northDeg: 25 }, size, 24);
    const cell = 209 * 720 + 226; // 14.5–15°N, 67–66.5°W
    const [drawn] = projectReceptionCells([{ cell, cellDeg: 0.5, receptionRate: 0.95, label: "95 %" }], fitted);
    expect(drawn).toBeDefined();
    const xs = pathPoints(drawn!.path).map(([x]) => x);
    const ys = pathPoints(drawn!.path).map(([, y]) => y);
    expect(xs.length).toBeGreaterThanOrEqual(4);
    // A 0.5° cell on a 25° wide frame is about 20 px across: its box must be small.
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(40);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(40);
    expect(drawn!.colour).toBe("#2166ac");
  });
});
