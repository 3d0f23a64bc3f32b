import { describe, expect, it } from "vitest";
import { buildFlight } from "@/lib/core/detection/build-flight";
import { createDetectionContext } from "@/lib/core/detection/detection-context";
import { withConfig } from "@/lib/core/model/detection-config";
import type { ReceptionLookup } from "@/lib/core/reception/silence-observations";
import { tracksReception, uniformReception } from "./reception-lookups";
import type { TrackPoint } from "@/lib/core/model/track-point";
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
  const coverage = tracksReception([{ icao24: "0b04e2", points: target }, ...others]);
  return { target, coverage };
}

const gapsOf = (points: TrackPoint[], reception: ReceptionLookup | null, dataEndMs = points[points.length - 1]!.timeMs) =>
  buildFlight("0b04e2", points, createDetectionContext({ reception, dataEndMs })).gaps;
const failed = (g: { reasons: { code: string; passed: boolean }[] }) => g.reasons.filter((r) => !r.passed).map((r) => r.code);

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
    expect(failed(g)).toEqual([]);
    expect(g.expectedPositions).toBeGreaterThan(100);
    expect(g.chanceOfNone).toBe(0);
  });

  it("does not suspect a silence where nobody else was ever received (a coverage hole), and says so", () => {
    const { target, coverage } = scenario({ witnesses: 0 });
    const g = gapsOf(target, coverage)[0]!;
    expect(g.suspected).toBe(false);
    expect(g.confidence).toBeLessThan(0.5);
    expect(failed(g)).toEqual(["MAP_KNOWS_PATH", "MAP_EXPECTS_RECEPTION"]);
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
    expect(failed(g)).toEqual(["ALTITUDE"]);
  });

  it("does not suspect a silence that starts while descending", () => {
    const { target, coverage } = scenario();
    const i = target.findIndex((p, k) => target[k + 1] && target[k + 1]!.timeMs - p.timeMs > 300_000);
    const pts = target.map((p, k) => (k === i ? { ...p, verticalRateFpm: -1800 } : p));
    const g = gapsOf(pts, coverage)[0]!;
    expect(g.suspected).toBe(false);
    expect(failed(g)).toEqual(["NOT_DESCENDING"]);
  });

  it("does not suspect a silence that starts near an airport low enough to be arriving or departing", () => {
    // The off point moved within 40 km of Santiago de Cuba: at 12,000 ft that is a departure; at FL350 an overflight.
    const { target } = scenario();
    const i = target.findIndex((p, k) => target[k + 1] && target[k + 1]!.timeMs - p.timeMs > 300_000);
    const at = (altitudeFt: number) => target.map((p, k) => (k > i - 12 && k <= i ? { ...p, latDeg: 20.1, lonDeg: -75.9, altitudeFt, verticalRateFpm: 0 } : p));
    const coverage = uniformReception({ rate: 0.9, witnesses: ["aaa001", "aaa002"] });
    const low = gapsOf(at(12_000), coverage)[0]!;
    expect(low.suspected).toBe(false);
    expect(failed(low)).toContain("AWAY_FROM_AIRPORTS");
    expect(failed(gapsOf(at(35_000), coverage)[0]!)).not.toContain("AWAY_FROM_AIRPORTS");
  });

  it("does not suspect a silence after sparse positions", () => {
    const { target, coverage } = scenario({ sampleS: 120 });
    const g = gapsOf(target, coverage)[0]!;
    expect(g.suspected).toBe(false);
    expect(failed(g)).toContain("DENSE_BEFORE");
  });

  it("records an open gap when the track ends at altitude and the data goes on", () => {
    const pts = fly({ from: MUHA, to: SVMI, keep: [0, 0.6] });
    const last = pts[pts.length - 1]!;
    const gaps = gapsOf(pts, null, last.timeMs + 3 * 3600_000);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ open: true, on: null, distanceKm: null, impliedSpeedKt: null, durationS: 3 * 3600 });
    // Capped: an open gap never lasts past maxOpenS, whatever data ends later.
    expect(gapsOf(pts, null, last.timeMs + 30 * 24 * 3600_000)[0]!.durationS).toBe(6 * 3600);
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
    expect(gapsOf(pts, tracksReception([{ icao24: "0b04e2", points: pts }, ...ahead]), dataEndMs)[0]!.suspected).toBe(true);
    const g = gapsOf(pts, tracksReception([{ icao24: "0b04e2", points: pts }]), dataEndMs)[0]!;
    expect(g.suspected).toBe(false);
    expect(failed(g)).toContain("MAP_KNOWS_PATH");
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
    expect(failed(g)).toEqual([]);
    expect(g.reasons.map((r) => r.code)).toContain("OTHER_SOURCES_CONTINUED");
  });
});

describe("expected versus received: the grading's reception criteria at their thresholds", () => {
  const { target } = scenario();
  const grade = (reception: ReceptionLookup) => gapsOf(target, reception)[0]!;

  it("suspects only when the map predicts enough positions with a small enough chance of none", () => {
    expect(grade(uniformReception({ rate: 0.95, witnesses: ["aaa001"] })).suspected).toBe(true);
    // Every crossing of those cells was heard only 99.5 % / 99.95 % of the time: per cell the chance of
    // hearing none is at least the share of crossings never heard, and ~7 cells multiply.
    const g = grade(uniformReception({ rate: 0.95, heardShare: 0.3, witnesses: ["aaa001"] }));
    expect(g.suspected).toBe(false);
    expect(failed(g)).toEqual(["MAP_EXPECTS_RECEPTION"]);
  });

  it("needs the minimum number of expected positions (boundary at minExpectedPositions)", () => {
    const base = grade(uniformReception({ rate: 1, witnesses: ["aaa001"] }));
    const perRate = base.expectedPositions; // at rate 1
    const justBelow = grade(uniformReception({ rate: (10 - 0.5) / perRate, heardShare: 1, witnesses: ["aaa001"] }));
    const justAbove = grade(uniformReception({ rate: (10 + 0.5) / perRate, heardShare: 1, witnesses: ["aaa001"] }));
    expect(justBelow.expectedPositions).toBeLessThan(10);
    expect(failed(justBelow)).toContain("MAP_EXPECTS_RECEPTION");
    expect(justAbove.expectedPositions).toBeGreaterThanOrEqual(10);
  });

  it("lets the map decide when nobody else flew there meanwhile and nobody went quiet (sparse traffic)", () => {
    expect(grade(uniformReception({ rate: 0.95 })).suspected).toBe(true);
    // Demanding witnesses is a setting: with minWitnesses 1 the same silence is only a gap.
    const strict = buildFlight("0b04e2", target, createDetectionContext({ reception: uniformReception({ rate: 0.95 }), dataEndMs: target[target.length - 1]!.timeMs, config: withConfig({ gaps: { minWitnesses: 1 } }) })).gaps[0]!;
    expect(failed(strict)).toEqual(["OTHERS_RECEIVED"]);
  });

  it("is not a switch-off when other aircraft crossing the same cells in those hours were not heard either (a receiver outage)", () => {
    expect(failed(grade(uniformReception({ rate: 0.95, unheardThen: 1 })))).toEqual(["CROSSINGS_HEARD_THEN"]);
  });

  it("is not a switch-off when nobody at all was received in the region meanwhile (a dead feed)", () => {
    const g = grade(uniformReception({ rate: 0.95, alive: 0 }));
    expect(failed(g)).toEqual(["FEED_ALIVE"]);
    expect(grade(uniformReception({ rate: 0.95, alive: 1 })).suspected).toBe(true);
  });

  it("is not a switch-off when more aircraft around it went quiet than were received (a receiver or feed outage)", () => {
    const outage = grade(uniformReception({ rate: 0.95, witnesses: ["aaa001"], quiet: ["aaa002", "aaa003"] }));
    expect(failed(outage)).toEqual(["OTHERS_NOT_QUIET"]);
    const tie = grade(uniformReception({ rate: 0.95, witnesses: ["aaa001", "aaa004"], quiet: ["aaa002", "aaa003"] }));
    expect(tie.suspected).toBe(true);
  });

  it("treats cells nobody ever crossed as unknown, never as covered", () => {
    const g = grade({ observe: () => ({ cells: [], witnesses: ["aaa001"], quiet: [], alive: 3, aliveBefore: 3 }) });
    expect(g.expectedPositions).toBe(0);
    expect(g.chanceOfNone).toBe(1);
    expect(g.pathCells.every((c) => c.receptionRate === null)).toBe(true);
    expect(failed(g)).toEqual(["MAP_KNOWS_PATH", "MAP_EXPECTS_RECEPTION"]);
  });

  it("walks only the interior of the silent path: never the cells where it was last and next heard", () => {
    const g = grade(uniformReception({ rate: 1, witnesses: ["aaa001"] }));
    const off = g.off;
    const on = g.on!;
    const cellOf = (p: { latDeg: number; lonDeg: number }) => `${Math.floor(p.latDeg * 2)}:${Math.floor(p.lonDeg * 2)}`;
    const cells = g.pathCells.map(cellOf);
    expect(cells).not.toContain(cellOf(off));
    expect(cells).not.toContain(cellOf(on));
    expect(g.pathCells.reduce((s, c) => s + c.seconds, 0)).toBeLessThan(g.durationS);
  });
});
