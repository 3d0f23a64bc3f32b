import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/lib/core/model/track-point";
import { detectAircraft } from "@/lib/core/detection/detect-aircraft";
import { createDetectionContext } from "@/lib/core/detection/detection-context";
import { CORE_VERSION, DETECTORS, DETECTOR_VERSION } from "@/lib/core/detection/registry";
import { positionSpoofingDetector } from "@/lib/core/detection/detectors/position-spoofing";
import { positionSpoofingEvidenceSchema } from "@/lib/core/model/evidence/position-spoofing-evidence";
import { DEFAULT_DETECTION_CONFIG as CFG, withConfig } from "@/lib/core/model/detection-config";
import { greatCircleDistanceKm } from "@/lib/core/geo/great-circle-distance-km";
import { EARTH_RADIUS_KM } from "@/lib/core/geo/lat-lon";
import { fly } from "./track-factory";

const KM_PER_DEG_LAT = (EARTH_RADIUS_KM * Math.PI) / 180;
// 10-s samples; positions 101–131 (5 min 10 s) are either missing (a silence) or displaced 300 km north (spoofing).
const pts = fly({ from: { latDeg: 15, lonDeg: -75 }, to: { latDeg: 15, lonDeg: -68 }, sampleS: 10 });
const silent = pts.filter((_, i) => i <= 100 || i > 131);
const spoofed = pts.map((p, i) => (i > 100 && i <= 131 ? { ...p, latDeg: p.latDeg + 300 / KM_PER_DEG_LAT } : p));
const detect = (points: TrackPoint[]) =>
  detectAircraft({ icao24: "abc123", points, aircraft: null }, createDetectionContext({ dataEndMs: points[points.length - 1]!.timeMs }));

describe("POSITION_SPOOFING", () => {
  it("turns the silence a spoofed stretch leaves into a POSITION_SPOOFING finding instead of a gap", () => {
    const asSilence = detect(silent);
    expect(asSilence).toHaveLength(1);
    expect(asSilence[0]!.gaps).toHaveLength(1); // the same silence without spoofing is a gap
    expect(asSilence[0]!.findings.map((f) => f.kind)).toEqual(["TRANSPONDER_GAP"]);

    const flights = detect(spoofed);
    expect(flights).toHaveLength(1);
    const f = flights[0]!;
    expect(f.gaps).toEqual([]);
    expect(f.points).toHaveLength(silent.length);
    expect(f.spoofing).toHaveLength(1);
    expect(f.findings.map((x) => x.kind)).toEqual(["POSITION_SPOOFING"]);
  });

  it("gives start, end, jumps with implied speeds and the true distance across, in words that never say coverage hole", () => {
    const finding = detect(spoofed)[0]!.findings[0]!;
    expect(finding.windowStartMs).toBe(pts[101]!.timeMs);
    expect(finding.windowEndMs).toBe(pts[131]!.timeMs);
    expect(finding.ruleVersion).toBe("position-spoofing@1");
    expect(finding.config).toEqual({ track: CFG.track, spoofing: CFG.spoofing });
    const e = positionSpoofingEvidenceSchema.parse(finding.evidence);
    expect(e.start).toBe(new Date(pts[101]!.timeMs).toISOString());
    expect(e.end).toBe(new Date(pts[131]!.timeMs).toISOString());
    expect(e.jumps.map((j) => j.at)).toEqual([pts[101]!, pts[132]!].map((p) => new Date(p.timeMs).toISOString()));
    for (const j of e.jumps) {
      expect(j.distanceKm).toBeGreaterThan(299);
      expect(j.impliedSpeedKt).toBeGreaterThan(CFG.track.maxSpeedKt);
    }
    expect(e.trueDistanceKm).toBeCloseTo(greatCircleDistanceKm(pts[100]!, pts[132]!), 1);
    expect(e.trueSpeedKt).toBeGreaterThan(440); // the flown 450 kt, rounded
    expect(e.trueSpeedKt).toBeLessThan(460);
    expect(e.frozenS).toBe(0);
    expect(e.positionsRemoved).toBe(31);
    expect(e.summary).toContain("impossible jump");
    expect(e.summary).not.toMatch(/coverage|hole/i);
  });

  it("reports nothing on a clean flight, and follows the thresholds it is given", () => {
    expect(positionSpoofingDetector.detect(detect(pts)[0]!, { ...createDetectionContext({ dataEndMs: 0 }), icao24: "abc123", aircraft: null, earlierFindings: [] })).toEqual([]);
    const lenient = createDetectionContext({ dataEndMs: spoofed[spoofed.length - 1]!.timeMs, config: withConfig({ spoofing: { teleportMinKm: 400 } }) });
    const flights = detectAircraft({ icao24: "abc123", points: spoofed, aircraft: null }, lenient);
    expect(flights.flatMap((f) => f.findings).some((x) => x.kind === "POSITION_SPOOFING")).toBe(false);
  });

  it("is registered, and the core version is 2", () => {
    expect(DETECTORS).toContain(positionSpoofingDetector);
    expect(CORE_VERSION).toBe(2);
    expect(DETECTOR_VERSION).toMatch(/^core@2;.*position-spoofing@1/);
  });
});
