import { describe, expect, it } from "vitest";
import { buildFlight } from "@/lib/core/detection/build-flight";
import { createDetectionContext } from "@/lib/core/detection/detection-context";
import { DEFAULT_DETECTION_CONFIG, withConfig, type DetectionConfigOverrides } from "@/lib/core/model/detection-config";
import type { TrackPoint } from "@/lib/core/model/track-point";
import { airport, fly } from "./track-factory";
import { uniformReception } from "./reception-lookups";

/**
 * Each threshold of the switch-off grading at its boundary: the value itself, and just past it.
 * The reception map answers "well covered, receivers working" so only the criterion under test moves.
 */
const G = DEFAULT_DETECTION_CONFIG.gaps;
const target = fly({ from: airport("MUHA"), to: airport("SVMI"), silences: [[0.35, 0.62]], callsign: "CUB1250" });
const offIndex = target.findIndex((p, k) => target[k + 1] !== undefined && target[k + 1]!.timeMs - p.timeMs > 300_000);
const reception = uniformReception({ rate: 0.95, witnesses: ["aaa001"] });

function grade(points: TrackPoint[], overrides: DetectionConfigOverrides = {}) {
  const offMs = target[offIndex]!.timeMs;
  const gaps = buildFlight("0b04e2", points, createDetectionContext({ reception, dataEndMs: points[points.length - 1]!.timeMs, config: withConfig(overrides) })).gaps;
  const g = gaps.find((x) => x.off.timeMs === offMs && !x.partial)!;
  return { suspected: g.suspected, failed: g.reasons.filter((r) => !r.passed).map((r) => r.code), gap: g };
}
const atOff = (change: Partial<TrackPoint>) => target.map((p, k) => (k === offIndex ? { ...p, ...change } : p));

describe("switch-off grading at its thresholds", () => {
  it("is suspected with everything in its favour (the baseline)", () => {
    expect(grade(target)).toMatchObject({ suspected: true, failed: [] });
  });

  it(`altitude: ${G.minAltitudeFt} ft passes, 25 ft lower fails`, () => {
    expect(grade(atOff({ altitudeFt: G.minAltitudeFt })).failed).not.toContain("ALTITUDE");
    expect(grade(atOff({ altitudeFt: G.minAltitudeFt - 25 })).failed).toContain("ALTITUDE");
  });

  it(`descent: ${G.descentRateFpm} ft/min is an approach, 1 ft/min less is not`, () => {
    expect(grade(atOff({ verticalRateFpm: G.descentRateFpm })).failed).toContain("NOT_DESCENDING");
    expect(grade(atOff({ verticalRateFpm: G.descentRateFpm + 1 })).failed).not.toContain("NOT_DESCENDING");
  });

  it(`density: ${G.minPositionsBefore} ADS-B positions in the window pass, one fewer fails`, () => {
    const { gap } = grade(target);
    const need = gap.positionsBefore - G.minPositionsBefore;
    expect(need).toBeGreaterThanOrEqual(0);
    // Drop the oldest positions of the density window until exactly the minimum is left, then one more.
    const offMs = target[offIndex]!.timeMs;
    const inWindow = target.map((p, k) => ({ p, k })).filter(({ p, k }) => k < offIndex && offMs - p.timeMs <= G.densityWindowS * 1000);
    const drop = (n: number) => {
      const gone = new Set(inWindow.slice(0, n).map(({ k }) => k));
      return target.filter((_, k) => !gone.has(k));
    };
    expect(grade(drop(need)).gap.positionsBefore).toBe(G.minPositionsBefore);
    expect(grade(drop(need)).failed).not.toContain("DENSE_BEFORE");
    expect(grade(drop(need + 1)).failed).toContain("DENSE_BEFORE");
  });

  it(`airports: within ${G.airportExclusionKm} km, ${G.airportExclusionMaxHeightFt} ft above it passes, lower fails`, () => {
    const near = { latDeg: 20.1, lonDeg: -75.9 }; // ~17 km from MUCU (elevation 249 ft)
    const elevationFt = airport("MUCU").elevationFt ?? 0;
    const at = (altitudeFt: number) => target.map((p, k) => (k > offIndex - 12 && k <= offIndex ? { ...p, ...near, altitudeFt, verticalRateFpm: 0 } : p));
    expect(grade(at(elevationFt + G.airportExclusionMaxHeightFt)).failed).not.toContain("AWAY_FROM_AIRPORTS");
    expect(grade(at(elevationFt + G.airportExclusionMaxHeightFt - 25)).failed).toContain("AWAY_FROM_AIRPORTS");
  });

  it(`the map: a chance of none at ${G.maxChanceOfNone} passes, above it fails`, () => {
    const { gap } = grade(target);
    expect(grade(target, { gaps: { maxChanceOfNone: gap.chanceOfNone } }).failed).not.toContain("MAP_EXPECTS_RECEPTION");
    // With crossings heard only 90 % of the time the chance is 0.1^cells; demand a tenth of it.
    const patchy = uniformReception({ rate: 0.95, heardShare: 0.9, witnesses: ["aaa001"] });
    const g = buildFlight("0b04e2", target, createDetectionContext({ reception: patchy, dataEndMs: target[target.length - 1]!.timeMs })).gaps[0]!;
    const strict = buildFlight("0b04e2", target, createDetectionContext({ reception: patchy, dataEndMs: target[target.length - 1]!.timeMs, config: withConfig({ gaps: { maxChanceOfNone: g.chanceOfNone / 10 } }) })).gaps[0]!;
    expect(g.chanceOfNone).toBeGreaterThan(0);
    expect(strict.reasons.find((r) => r.code === "MAP_EXPECTS_RECEPTION")?.passed).toBe(false);
  });

  it(`the straight path: an implied speed of ${G.minPathSpeedRatio} × the speed before passes, below it the path is unknown`, () => {
    const { gap } = grade(target);
    const ratio = gap.impliedSpeedKt! / gap.off.groundSpeedKt!;
    expect(grade(target, { gaps: { minPathSpeedRatio: ratio } }).failed).not.toContain("STRAIGHT_PATH");
    expect(grade(target, { gaps: { minPathSpeedRatio: ratio + 0.01 } }).failed).toEqual(expect.arrayContaining(["STRAIGHT_PATH", "MAP_KNOWS_PATH"]));
  });

  it(`witnesses: ${G.minWitnesses} by default; demanding one more than were received fails`, () => {
    expect(grade(target, { gaps: { minWitnesses: 1 } }).failed).not.toContain("OTHERS_RECEIVED");
    expect(grade(target, { gaps: { minWitnesses: 2 } }).failed).toContain("OTHERS_RECEIVED");
  });

  it(`minimum gap: a silence of exactly ${G.minGapS} s is a gap event, 1 s less is not`, () => {
    const off = target[offIndex]!;
    const shift = (silenceS: number) => {
      const on = target[offIndex + 1]!;
      const deltaMs = off.timeMs + silenceS * 1000 - on.timeMs;
      return target.map((p, k) => (k > offIndex ? { ...p, timeMs: p.timeMs + deltaMs } : p));
    };
    const events = (points: TrackPoint[]) => buildFlight("0b04e2", points, createDetectionContext({ reception, dataEndMs: points[points.length - 1]!.timeMs })).gaps.length;
    expect(events(shift(G.minGapS))).toBe(1);
    expect(events(shift(G.minGapS - 1))).toBe(0);
  });
});
