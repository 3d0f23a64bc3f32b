import { describe, expect, it } from "vitest";
import { buildFlight } from "@/lib/core/flights/build-flight";
import { createDetectionContext } from "@/lib/core/detection/detection-context";
import { CoverageGrid } from "@/lib/core/coverage/coverage-grid";
import type { TrackPoint } from "@/lib/core/track-point";
import { airport, fly, T0 } from "./track-factory";

const MUHA = airport("MUHA");
const SVMI = airport("SVMI");
const SILENCE: [number, number] = [0.35, 0.62]; // ~40 min over the Caribbean at FL350

/** The IL-96 under test and two other aircraft crossing the same stretch during its silence. */
function scenario(opts: { witnesses?: number; cruiseFt?: number; sampleS?: number } = {}) {
  const target = fly({ from: MUHA, to: SVMI, cruiseFt: opts.cruiseFt, sampleS: opts.sampleS, silences: [SILENCE], callsign: "CUB1250" });
  const others = [
    { icao24: "aaa001", points: fly({ from: MUHA, to: SVMI, startMs: T0 + 15 * 60_000, sampleS: 30 }) },
    { icao24: "aaa002", points: fly({ from: SVMI, to: MUHA, startMs: T0 + 20 * 60_000, sampleS: 30 }) },
  ].slice(0, opts.witnesses ?? 2);
  const coverage = CoverageGrid.fromTracks([{ icao24: "0b04e2", points: target }, ...others]);
  return { target, coverage };
}

const gapsOf = (points: TrackPoint[], coverage: CoverageGrid | null, dataEndMs = points[points.length - 1]!.timeMs) =>
  buildFlight("0b04e2", points, createDetectionContext({ coverage, dataEndMs })).gaps;

describe("coverage grid and the witness test", () => {
  it("counts other aircraft received along the path during the window, never the aircraft itself", () => {
    const { target, coverage } = scenario();
    const off = target.find((p, i) => target[i + 1] && target[i + 1]!.timeMs - p.timeMs > 300_000)!;
    const on = target[target.indexOf(off) + 1]!;
    const w = coverage.witnesses({ fromLatLon: off, toLatLon: on, fromMs: off.timeMs, toMs: on.timeMs, excludeIcao24: "0b04e2" });
    expect(w.count).toBe(2);
    expect(w.witnesses).toEqual(["aaa001", "aaa002"]);
    expect(w.cellsWithReception).toBeGreaterThan(0);
    expect(w.cellsWithReception).toBeLessThanOrEqual(w.cellsOnPath);
    const before = coverage.witnesses({ fromLatLon: off, toLatLon: on, fromMs: T0 - 3 * 3600_000, toMs: T0 - 2 * 3600_000, excludeIcao24: "0b04e2" });
    expect(before.count).toBe(0);
    const self = coverage.witnesses({ fromLatLon: MUHA, toLatLon: off, fromMs: T0, toMs: off.timeMs, excludeIcao24: "zzzzzz" });
    expect(self.witnesses).toContain("0b04e2");
  });

  it("builds the same grid incrementally as from whole tracks", () => {
    const pts = fly({ from: MUHA, to: SVMI, sampleS: 60 });
    const b = CoverageGrid.builder();
    for (const p of pts) b.add("abc123", p);
    const g1 = b.build();
    const g2 = CoverageGrid.fromTracks([{ icao24: "abc123", points: pts }]);
    const q = { fromLatLon: MUHA, toLatLon: SVMI, fromMs: T0, toMs: T0 + 6 * 3600_000, excludeIcao24: "other" };
    expect(g1.witnesses(q)).toEqual(g2.witnesses(q));
    expect(g1.positionCount).toBe(pts.length);
  });
});

describe("gap events", () => {
  it("suspects a silence at altitude, far from airports, with dense positions before and witnesses", () => {
    const { target, coverage } = scenario();
    const gaps = gapsOf(target, coverage);
    expect(gaps).toHaveLength(1);
    const g = gaps[0]!;
    expect(g.suspected).toBe(true);
    expect(g.open).toBe(false);
    expect(g.partial).toBe(false);
    expect(g.witnessCount).toBe(2);
    expect(g.durationS / 60).toBeGreaterThan(35);
    expect(g.impliedSpeedKt!).toBeGreaterThan(400);
    expect(g.impliedSpeedKt!).toBeLessThan(500);
    expect(g.confidence).toBeGreaterThanOrEqual(0.5);
    expect(g.reasons.at(-1)).toContain("suspected switch-off");
  });

  it("does not suspect a silence without witnesses (a coverage hole), and says so", () => {
    const { target, coverage } = scenario({ witnesses: 0 });
    const g = gapsOf(target, coverage)[0]!;
    expect(g.suspected).toBe(false);
    expect(g.confidence).toBeLessThan(0.5);
    expect(g.reasons.join(" ")).toContain("coverage hole");
    expect(gapsOf(target, null)[0]!.suspected).toBe(false);
  });

  it("ranks a witnessed gap's confidence above an unwitnessed one", () => {
    const withW = scenario();
    const without = scenario({ witnesses: 1 });
    expect(gapsOf(withW.target, withW.coverage)[0]!.confidence).toBeGreaterThan(gapsOf(without.target, without.coverage)[0]!.confidence);
  });

  it("does not suspect a low silence", () => {
    const { target, coverage } = scenario({ cruiseFt: 8000 });
    const g = gapsOf(target, coverage)[0]!;
    expect(g.suspected).toBe(false);
    expect(g.reasons.join(" ")).toContain("below 10,000 ft");
  });

  it("does not suspect a silence that starts while descending", () => {
    const { target, coverage } = scenario();
    const i = target.findIndex((p, k) => target[k + 1] && target[k + 1]!.timeMs - p.timeMs > 300_000);
    const pts = target.map((p, k) => (k === i ? { ...p, verticalRateFpm: -1800 } : p));
    const g = gapsOf(pts, coverage)[0]!;
    expect(g.suspected).toBe(false);
    expect(g.reasons.join(" ")).toContain("descending at 1,800 ft/min");
  });

  it("does not suspect a silence that starts near an airport", () => {
    const pts = fly({ from: airport("MUCU"), to: SVMI, silences: [[0.01, 0.2]] });
    const coverage = CoverageGrid.fromTracks([{ icao24: "0b04e2", points: pts }, { icao24: "aaa001", points: fly({ from: airport("MUCU"), to: SVMI, startMs: T0, sampleS: 30 }) }, { icao24: "aaa002", points: fly({ from: SVMI, to: airport("MUCU"), startMs: T0 - 60 * 60_000, sampleS: 30 }) }]);
    const g = gapsOf(pts, coverage)[0]!;
    expect(g.suspected).toBe(false);
    expect(g.reasons.join(" ")).toMatch(/km from MUCU/);
  });

  it("does not suspect a silence after sparse positions", () => {
    const { target, coverage } = scenario({ sampleS: 120 });
    const g = gapsOf(target, coverage)[0]!;
    expect(g.suspected).toBe(false);
    expect(g.reasons.join(" ")).toContain("reception was already patchy");
  });

  it("records an open gap when the track ends at altitude and the data goes on", () => {
    const pts = fly({ from: MUHA, to: SVMI, keep: [0, 0.6] });
    const last = pts[pts.length - 1]!;
    const gaps = gapsOf(pts, null, last.timeMs + 3 * 3600_000);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ open: true, on: null, distanceKm: null, impliedSpeedKt: null, durationS: 3 * 3600 });
    expect(gapsOf(pts, null, last.timeMs + 60_000)).toHaveLength(0); // data ends 1 min later: not a gap
  });

  it("suspects an open gap only with reception ahead along its heading", () => {
    const pts = fly({ from: MUHA, to: SVMI, keep: [0, 0.45] });
    const last = pts[pts.length - 1]!;
    const ahead = [
      { icao24: "aaa001", points: fly({ from: MUHA, to: SVMI, startMs: T0 - 15 * 60_000, sampleS: 30 }) }, // 15 min ahead of it
      { icao24: "aaa002", points: fly({ from: SVMI, to: MUHA, startMs: T0, sampleS: 30 }) },
    ];
    const dataEndMs = last.timeMs + 2 * 3600_000;
    expect(gapsOf(pts, CoverageGrid.fromTracks([{ icao24: "0b04e2", points: pts }, ...ahead]), dataEndMs)[0]!.suspected).toBe(true);
    const g = gapsOf(pts, CoverageGrid.fromTracks([{ icao24: "0b04e2", points: pts }]), dataEndMs)[0]!;
    expect(g.suspected).toBe(false);
  });

  it("finds a partial gap: ADS-B stops while MLAT continues", () => {
    const pts = fly({ from: MUHA, to: SVMI }).flatMap((p, i, all) => {
      const f = i / (all.length - 1);
      if (f < 0.35 || f >= 0.6) return [p];
      return i % 6 === 0 ? [{ ...p, source: "MLAT" as const }] : [];
    });
    const gaps = gapsOf(pts, null);
    expect(gaps).toHaveLength(1);
    const g = gaps[0]!;
    expect(g.partial).toBe(true);
    expect(g.open).toBe(false);
    expect(g.witnessCount).toBeGreaterThan(10); // its own MLAT positions
    expect(g.suspected).toBe(true);
    expect(g.reasons.join(" ")).toContain("ADS-B Out off");
  });
});
