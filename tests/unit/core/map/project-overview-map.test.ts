import { describe, expect, it } from "vitest";
import { interpolateGreatCircle } from "@/lib/core/geo/interpolate-great-circle";
import { greatCircleLine } from "@/lib/core/map/great-circle-line";
import { projectOverviewMap, type OverviewTrackInput } from "@/lib/core/map/project-overview-map";
import { rewindForD3 } from "@/lib/core/map/project-zones";
import { CARIBBEAN_FIRS } from "@/lib/core/reference/caribbean-firs";
import type { ZoneRef } from "@/lib/core/model/zone-ref";
import { airport } from "../track-factory";
import { SIMPLIFY_TOLERANCE_PX } from "@/lib/core/map/simplify-stream";
import { distanceToPolyline, pathPoints, subpathCount } from "./path-points";

const SIZE = { widthPx: 960, heightPx: 600 };
const ZONES: ZoneRef[] = CARIBBEAN_FIRS.map((z) => ({ ...z, watched: z.code === "TNCF" }));
const MUHA = airport("MUHA");
const SVMI = airport("SVMI");

/** Havana → Caracas, thinned to 41 points, with a silence between 40 % and 60 % of the way. */
function flaggedTrack(overrides: Partial<OverviewTrackInput> = {}): OverviewTrackInput {
  const all = Array.from({ length: 41 }, (_, i) => interpolateGreatCircle(MUHA, SVMI, i / 40));
  const points = all.filter((_, i) => i <= 16 || i >= 24);
  return {
    key: "7501a2-42",
    label: "CUB1234 · IL76 · RA-78854",
    flagLabels: ["cuba venezuela", "suspected switch-off"],
    points,
    gaps: [{ off: all[16]!, on: all[24]!, suspected: true }],
    ...overrides,
  };
}

function near(a: [number, number] | undefined, b: { xPx: number; yPx: number } | undefined, tolPx = 0.15): boolean {
  return !!a && !!b && Math.abs(a[0] - b.xPx) <= tolPx && Math.abs(a[1] - b.yPx) <= tolPx;
}

describe("greatCircleLine", () => {
  it("samples the great circle, both ends exact", () => {
    const line = greatCircleLine(MUHA, SVMI, 32);
    expect(line.coordinates).toHaveLength(33);
    expect(line.coordinates[0]).toEqual([MUHA.lonDeg, MUHA.latDeg]);
    expect(line.coordinates[32]).toEqual([SVMI.lonDeg, SVMI.latDeg]);
    const mid = interpolateGreatCircle(MUHA, SVMI, 0.5);
    expect(line.coordinates[16]![0]).toBeCloseTo(mid.lonDeg, 6);
    expect(line.coordinates[16]![1]).toBeCloseTo(mid.latDeg, 6);
  });
});

describe("projectOverviewMap", () => {
  const empty = projectOverviewMap({ zones: ZONES, airports: [], tracks: [] }, SIZE);

  it("draws the Caribbean's countries, clipped so the payload stays small", () => {
    expect(empty.widthPx).toBe(960);
    expect(empty.landPath.length).toBeGreaterThan(10_000);
    expect(empty.landPath.length).toBeLessThan(400_000);
    expect(JSON.stringify(empty).length).toBeLessThan(450_000);
    // Clipped to the frame: no coordinate lies outside the viewBox.
    for (const [x, y] of pathPoints(empty.landPath)) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(960);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(600);
    }
  });

  it("highlights and labels the watched zone inside the frame, drawn after the others", () => {
    const tncf = empty.zones.find((z) => z.code === "TNCF");
    expect(tncf?.watched).toBe(true);
    expect(tncf?.path).toMatch(/^M/);
    expect(tncf!.labelXPx).toBeGreaterThan(0);
    expect(tncf!.labelXPx).toBeLessThan(960);
    expect(empty.zones[empty.zones.length - 1]!.code).toBe("TNCF");
    expect(empty.zones.filter((z) => !z.watched).map((z) => z.code)).toContain("MUFH");
  });

  it("leaves out zones and airports outside the frame", () => {
    const far: ZoneRef = { code: "EGTT", name: "London FIR", kind: "FIR", watched: false, geometry: { type: "Polygon", coordinates: [[[-5, 50], [2, 50], [2, 55], [-5, 55], [-5, 50]]] } };
    const map = projectOverviewMap({ zones: [far], airports: [MUHA, airport("KJFK")], tracks: [] }, SIZE);
    expect(map.zones).toEqual([]);
    expect(map.airports.map((a) => a.icao)).toEqual(["MUHA"]);
  });

  it("projects airports as dots with their ICAO codes", () => {
    const map = projectOverviewMap({ zones: [], airports: [MUHA, SVMI], tracks: [] }, SIZE);
    const [havana, caracas] = map.airports;
    expect(havana).toMatchObject({ icao: "MUHA", name: MUHA.name });
    // Havana is north-west of Caracas: left of and above it on the screen.
    expect(havana!.xPx).toBeLessThan(caracas!.xPx);
    expect(havana!.yPx).toBeLessThan(caracas!.yPx);
  });

  it("draws a flagged track as a link, its observed runs apart, and the gap as a dashed great circle", () => {
    const input = flaggedTrack();
    // Airports placed on the gap's ends show where the projection puts them.
    const map = projectOverviewMap(
      { zones: ZONES, airports: [{ icao: "OFF", name: "", ...input.gaps[0]!.off }, { icao: "ON", name: "", ...input.gaps[0]!.on! }], tracks: [input] },
      SIZE,
    );
    const track = map.tracks[0]!;
    expect(track.href).toBe("/flights/7501a2-42");
    expect(track.description).toBe("CUB1234 · IL76 · RA-78854 — cuba venezuela, suspected switch-off");
    expect(subpathCount(track.path)).toBe(2); // the silence is not drawn as observed track
    const gap = track.gaps[0]!;
    expect(gap.suspected).toBe(true);
    const pts = pathPoints(gap.path);
    expect(near(pts[0], map.airports[0])).toBe(true);
    expect(near(pts[pts.length - 1], map.airports[1])).toBe(true);
    // The great circle, not a straight line: it passes over its own midpoint and quarter points.
    const along = [0.25, 0.5, 0.75].map((f, i) => ({ icao: `GC${i}`, name: "", ...interpolateGreatCircle(input.gaps[0]!.off, input.gaps[0]!.on!, f) }));
    const withMid = projectOverviewMap({ zones: [], airports: along, tracks: [input] }, SIZE);
    const drawn = pathPoints(withMid.tracks[0]!.gaps[0]!.path);
    for (const a of withMid.airports) expect(distanceToPolyline([a.xPx, a.yPx], drawn)).toBeLessThan(SIMPLIFY_TOLERANCE_PX + 0.15);
    // Its bend here (~0.16 px) is past the tolerance, so it is kept: more than the two ends.
    const chord = [drawn[0]!, drawn[drawn.length - 1]!];
    expect(distanceToPolyline([withMid.airports[1]!.xPx, withMid.airports[1]!.yPx], chord)).toBeGreaterThan(SIMPLIFY_TOLERANCE_PX);
    expect(drawn.length).toBeGreaterThan(2);
  });

  it("marks an open gap's last position instead of drawing a line", () => {
    const input = flaggedTrack();
    const map = projectOverviewMap({ zones: [], airports: [], tracks: [{ ...input, gaps: [{ off: input.points[16]!, on: null, suspected: false }] }] }, SIZE);
    const gap = map.tracks[0]!.gaps[0]!;
    expect(gap.path).toBeNull();
    expect(gap.openAt?.xPx).toBeGreaterThan(0);
    expect(gap.suspected).toBe(false);
  });

  it("passes labels through as data and escapes the flight key in the link", () => {
    const map = projectOverviewMap({ zones: [], airports: [], tracks: [flaggedTrack({ key: "a/b?c", label: "<script>alert(1)</script>" })] }, SIZE);
    expect(map.tracks[0]!.label).toBe("<script>alert(1)</script>");
    expect(map.tracks[0]!.href).toBe("/flights/a%2Fb%3Fc");
  });

  it("returns no tracks when nothing is published, and is serialisable", () => {
    expect(empty.tracks).toEqual([]);
    expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
  });
});

describe("rewindForD3", () => {
  it("reverses a zone wound the RFC 7946 way, which d3 would read as the rest of the globe", () => {
    const ring = [[-70, 12], [-68, 12], [-68, 14], [-70, 14], [-70, 12]]; // counter-clockwise
    const fixed = rewindForD3({ type: "Polygon", coordinates: [ring] });
    expect(fixed.coordinates[0]).toEqual([...ring].reverse());
    expect(rewindForD3(fixed)).toEqual(fixed);
    const map = projectOverviewMap({ zones: [{ code: "X", name: "X", kind: "WATCHED", watched: true, geometry: { type: "Polygon", coordinates: [ring] } }], airports: [], tracks: [] }, SIZE);
    // A small square, not a frame-filling complement.
    const xs = pathPoints(map.zones[0]!.path).map(([x]) => x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(100);
  });
});
