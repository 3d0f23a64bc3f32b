import { describe, expect, it } from "vitest";
import { geoPath, type GeoStream } from "d3-geo";
import { interpolateGreatCircle } from "@/lib/core/geo/interpolate-great-circle";
import { fitMercator, runsPath, type FittedMap } from "@/lib/core/map/fit-mercator";
import { landPath } from "@/lib/core/map/land-path";
import { CARIBBEAN_BOUNDS, projectOverviewMap } from "@/lib/core/map/project-overview-map";
import { SIMPLIFY_TOLERANCE_PX, simplified, simplifyingStream } from "@/lib/core/map/simplify-stream";
import { airport } from "../track-factory";
import { distanceToPolyline, pathPoints, subpaths } from "./path-points";

const SIZE = { widthPx: 960, heightPx: 600 };
const MUHA = airport("MUHA");
const SVMI = airport("SVMI");

/** Runs `lines` through the stream and collects what comes out, line by line. */
function streamLines(lines: [number, number][][], tolerancePx: number, polygon = false) {
  const out: [number, number][][] = [];
  const events: string[] = [];
  const sink: GeoStream = {
    point: (x, y) => void out[out.length - 1]!.push([x, y]),
    lineStart: () => void out.push([]),
    lineEnd: () => void events.push("lineEnd"),
    polygonStart: () => void events.push("polygonStart"),
    polygonEnd: () => void events.push("polygonEnd"),
    sphere: () => {},
  };
  const s = simplifyingStream(sink, tolerancePx);
  if (polygon) s.polygonStart();
  for (const line of lines) {
    s.lineStart();
    for (const [x, y] of line) s.point(x, y, 0);
    s.lineEnd();
  }
  if (polygon) s.polygonEnd();
  return { out, events };
}

/** The old path generator, for comparison: absolute coordinates, nothing simplified. */
function absolute(fitted: FittedMap): FittedMap {
  const path = geoPath(fitted.projection).digits(1);
  return { ...fitted, path: (o) => path(o) };
}

describe("simplifyingStream", () => {
  it("drops points that stray less than the tolerance and keeps both ends and corners", () => {
    // 0.2 px steps along a line with a right-angle corner at (50, 10); 0.01 px of jitter.
    const line: [number, number][] = [];
    for (let i = 0; i <= 200; i++) line.push([10 + i * 0.2, 10 + (i % 2) * 0.01]);
    for (let i = 1; i <= 100; i++) line.push([50, 10 + i * 0.2]);
    const { out } = streamLines([line], SIMPLIFY_TOLERANCE_PX);
    const kept = out[0]!;
    expect(kept[0]).toEqual(line[0]);
    expect(kept[kept.length - 1]).toEqual(line[line.length - 1]);
    expect(kept.some(([x, y]) => x === 50 && Math.abs(y - 10) < 0.02)).toBe(true); // the corner
    expect(kept.length).toBeLessThan(10);
    for (const p of line) expect(distanceToPolyline(p, kept)).toBeLessThanOrEqual(SIMPLIFY_TOLERANCE_PX);
  });

  it("keeps a bend larger than the tolerance and passes polygons, short lines and points through", () => {
    const bend: [number, number][] = [[0, 0], [5, 0.1], [10, 0]];
    const { out, events } = streamLines([bend, [[1, 1], [2, 2]], [[3, 3]]], SIMPLIFY_TOLERANCE_PX, true);
    expect(out).toEqual([bend, [[1, 1], [2, 2]], [[3, 3]]]);
    expect(events).toEqual(["polygonStart", "lineEnd", "lineEnd", "lineEnd", "polygonEnd"]);
  });

  it("is tied to the frame's zoom: half a screen pixel at the deepest zoom", () => {
    expect(SIMPLIFY_TOLERANCE_PX).toBeLessThanOrEqual(0.05);
    expect(SIMPLIFY_TOLERANCE_PX).toBeGreaterThan(0);
  });
});

describe("the map's path data", () => {
  const fitted = fitMercator(CARIBBEAN_BOUNDS, SIZE, 4);

  it("writes relative steps that land exactly on the absolute one-decimal points", () => {
    const exact = geoPath(simplified(fitted.projection)).digits(1);
    const land = landPath(fitted);
    const reference = landPath({ ...fitted, path: (o) => exact(o) });
    expect(land.length).toBeGreaterThan(1_000);
    expect(subpaths(land)).toEqual(subpaths(reference));
    expect(land.length).toBeLessThan(reference.length * 0.75);
  });

  it("sends a dense track in a fraction of the bytes, ends kept, every position within the tolerance", () => {
    // Havana → Caracas, 2,000 positions ≈ 0.3 px apart on this map.
    const points = Array.from({ length: 2_000 }, (_, i) => interpolateGreatCircle(MUHA, SVMI, i / 1_999));
    const before = runsPath(absolute(fitted), [points], SIZE);
    const after = runsPath(fitted, [points], SIZE);
    const drawn = pathPoints(after);
    const all = pathPoints(before);
    expect(all.length).toBeGreaterThanOrEqual(2_000);
    expect(drawn[0]).toEqual(all[0]);
    expect(drawn[drawn.length - 1]).toEqual(all[all.length - 1]);
    for (const p of all) expect(distanceToPolyline(p, drawn)).toBeLessThan(SIMPLIFY_TOLERANCE_PX + 0.15);
    // ~12 bytes a point before; a great circle needs only a few dozen points at this scale.
    expect(before.length).toBeGreaterThan(2_000 * 10);
    expect(after.length).toBeLessThan(before.length / 20);
  });

  it("keeps the edges of every gap: each observed run starts and ends on its own positions", () => {
    const all = Array.from({ length: 801 }, (_, i) => interpolateGreatCircle(MUHA, SVMI, i / 800));
    const off = all[300]!;
    const on = all[500]!;
    const points = all.filter((_, i) => i <= 300 || i >= 500);
    const map = projectOverviewMap(
      {
        zones: [],
        airports: [all[0]!, off, on, all[800]!].map((p, i) => ({ icao: `P${i}`, name: "", ...p })),
        tracks: [{ key: "k", label: "k", flagLabels: [], points, gaps: [{ off, on, suspected: true }] }],
      },
      SIZE,
    );
    const [start, offAt, onAt, end] = map.airports.map((a) => [a.xPx, a.yPx]);
    const runs = subpaths(map.tracks[0]!.path);
    expect(runs).toHaveLength(2);
    expect([runs[0]![0], runs[0]![runs[0]!.length - 1], runs[1]![0], runs[1]![runs[1]!.length - 1]]).toEqual([start, offAt, onAt, end]);
  });
});
