import { describe, expect, it } from "vitest";
import type { LineString, MultiLineString, Point, Position } from "geojson";
import { trackGeoJson, GAP_PATH_STEPS, type TrackFeature } from "@/lib/core/export/track-geojson";
import { describeFlag } from "@/lib/core/format/describe-flag";
import { greatCircleDistanceKm } from "@/lib/core/geo/great-circle-distance-km";
import { crossTrackOffset } from "@/lib/core/geo/cross-track-offset";
import { fixtureFlight } from "./flight-fixture";

const byRole = (features: TrackFeature[], role: TrackFeature["properties"]["role"]) => features.filter((f) => f.properties.role === role);
const kindOf = (f: TrackFeature) => ("kind" in f.properties ? f.properties.kind : null);
const latLon = (p: Position) => ({ latDeg: p[1]!, lonDeg: p[0]! });

describe("trackGeoJson", () => {
  const { flight, positions } = fixtureFlight();
  const fc = trackGeoJson(flight, positions);
  const track = byRole(fc.features, "track")[0]!;
  const geometry = track.geometry as MultiLineString;

  it("is a FeatureCollection whose track is split at the two gaps and keeps every position", () => {
    expect(fc.type).toBe("FeatureCollection");
    expect(geometry.type).toBe("MultiLineString");
    expect(geometry.coordinates).toHaveLength(3);
    expect(geometry.coordinates.flat()).toHaveLength(positions.length);
    // Segments end at the off points and start at the on points.
    flight.gaps.forEach((g, i) => {
      expect(geometry.coordinates[i]!.at(-1)!.slice(0, 2)).toEqual([g.offLonDeg, g.offLatDeg]);
      expect(geometry.coordinates[i + 1]![0]!.slice(0, 2)).toEqual([g.onLonDeg, g.onLatDeg]);
    });
  });

  it("writes [lon, lat, altitude m] when the altitude is known and [lon, lat] when it is not", () => {
    const first = geometry.coordinates[0]![0]!;
    expect(positions[0]!.altitudeFt).toBeNull();
    expect(first).toEqual([positions[0]!.lonDeg, positions[0]!.latDeg]);
    const cruise = geometry.coordinates[0]![5]!;
    expect(cruise).toEqual([positions[5]!.lonDeg, positions[5]!.latDeg, 10668]);
  });

  it("carries the flight's identity and its flags in plain words", () => {
    expect(track.properties).toMatchObject({ key: "0b04e2-42", icao24: "0b04e2", callsign: "CUB1234", registration: "CU-T1250", typecode: "IL96", origin: "MUHA", destination: "SVMI", observed: true });
    expect(track.properties).toHaveProperty("firstSeen", new Date(flight.firstSeenMs).toISOString());
    const flags = (track.properties as { flags: { kind: string; label: string; sentence: string; ruleVersion: string }[] }).flags;
    expect(flags).toHaveLength(6);
    expect(flags[3]).toEqual({ kind: "TRANSPONDER_GAP", label: "suspected switch-off", sentence: describeFlag(flight.flags[3]!).sentence, ruleVersion: "transponder-gap@2" });
    expect(flags[4]!.label).toBe("gap");
  });

  it("draws each gap as an unobserved great circle between the last and next position", () => {
    const lines = byRole(fc.features, "gap");
    expect(lines.map(kindOf)).toEqual(["suspected switch-off", "gap"]);
    lines.forEach((line, i) => {
      const g = flight.gaps[i]!;
      const coords = (line.geometry as LineString).coordinates;
      expect(coords).toHaveLength(GAP_PATH_STEPS + 1);
      expect(coords[0]).toEqual([g.offLonDeg, g.offLatDeg]);
      expect(coords.at(-1)).toEqual([g.onLonDeg, g.onLatDeg]);
      const off = { latDeg: g.offLatDeg, lonDeg: g.offLonDeg };
      const on = { latDeg: g.onLatDeg!, lonDeg: g.onLonDeg! };
      for (const c of coords) expect(Math.abs(crossTrackOffset(latLon(c), off, on).offsetKm)).toBeLessThan(0.01); // on the great circle
      const half = greatCircleDistanceKm(off, latLon(coords[GAP_PATH_STEPS / 2]!));
      expect(half).toBeCloseTo(greatCircleDistanceKm(off, on) / 2, 3);
      expect(line.properties).toMatchObject({
        observed: false,
        durationMin: Math.round(g.durationS / 6) / 10,
        offTime: new Date(g.offTimeMs).toISOString(),
        onTime: new Date(g.onTimeMs!).toISOString(),
        partial: false,
        open: false,
      });
    });
  });

  it("marks the positions around each gap", () => {
    const offs = byRole(fc.features, "gap-off");
    const ons = byRole(fc.features, "gap-on");
    expect(offs).toHaveLength(2);
    expect(ons).toHaveLength(2);
    expect((offs[0]!.geometry as Point).coordinates).toEqual([flight.gaps[0]!.offLonDeg, flight.gaps[0]!.offLatDeg, 10668]);
    expect(ons[1]!.properties).toMatchObject({ kind: "gap", time: new Date(flight.gaps[1]!.onTimeMs!).toISOString(), observed: true });
  });

  it("gives an open gap only its off point", () => {
    const open = fixtureFlight({ openGap: true });
    const features = trackGeoJson(open.flight, open.positions).features;
    const g = open.flight.gaps[2]!;
    expect(g.open).toBe(true);
    expect(byRole(features, "gap")).toHaveLength(2);
    expect(byRole(features, "gap-on")).toHaveLength(2);
    const offs = byRole(features, "gap-off");
    expect(offs).toHaveLength(3);
    expect(offs[2]!.properties).toMatchObject({ open: true, kind: "gap" });
    expect((byRole(features, "track")[0]!.geometry as MultiLineString).coordinates.flat()).toHaveLength(open.positions.length);
  });

  it("does not split the track at a partial gap, nor draw a great circle over its MLAT positions", () => {
    const partialFlight = { ...flight, gaps: flight.gaps.map((g, i) => (i === 0 ? { ...g, partial: true } : g)) };
    const features = trackGeoJson(partialFlight, positions).features;
    expect((byRole(features, "track")[0]!.geometry as MultiLineString).coordinates).toHaveLength(2);
    expect(byRole(features, "gap").map(kindOf)).toEqual(["gap"]);
    expect(byRole(features, "gap-off")[0]!.properties).toMatchObject({ partial: true });
  });

  it("writes a lone position between two gaps as a two-position line, and survives no positions", () => {
    const lone = [positions[0]!, { ...positions[1]!, timeMs: positions[0]!.timeMs + 600_000 }, { ...positions[2]!, timeMs: positions[0]!.timeMs + 1_200_000 }];
    const gap = (a: (typeof lone)[number], b: (typeof lone)[number]) => ({ ...flight.gaps[0]!, offTimeMs: a.timeMs, onTimeMs: b.timeMs, offLatDeg: a.latDeg, offLonDeg: a.lonDeg, onLatDeg: b.latDeg, onLonDeg: b.lonDeg });
    const f = { ...flight, gaps: [gap(lone[0]!, lone[1]!), gap(lone[1]!, lone[2]!)] };
    const coords = (trackGeoJson(f, lone).features[0]!.geometry as MultiLineString).coordinates;
    expect(coords.map((s) => s.length)).toEqual([2, 2, 2]);
    expect(coords[1]![0]).toEqual(coords[1]![1]);
    expect((trackGeoJson({ ...flight, gaps: [] }, []).features[0]!.geometry as MultiLineString).coordinates).toEqual([]);
  });

  it("survives JSON (no functions, no undefined)", () => {
    expect(JSON.parse(JSON.stringify(fc))).toEqual(fc);
  });
});
