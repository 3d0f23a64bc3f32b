import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/lib/core/model/track-point";
import { splitFlights } from "@/lib/core/flights/split-flights";
import { couldHaveLanded } from "@/lib/core/flights/could-have-landed";
import { isLanding } from "@/lib/core/flights/is-landing";
import { DEFAULT_DETECTION_CONFIG as CFG } from "@/lib/core/model/detection-config";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import { destinationPoint } from "@/lib/core/geo/destination-point";
import { point, T0 } from "./track-factory";

const OPEN_SEA = { latDeg: 15, lonDeg: -75 }; // > 60 km from every reference airport: heights are above sea level
const split = (pts: TrackPoint[]) => splitFlights(pts, REFERENCE_AIRPORTS, CFG).flights;

/** Orbit a point (radius 5 km, 150 kt, one position every 20 s) for `minutes`, from `startMs`. */
function circle(startMs: number, minutes: number, altitudeFt: number, verticalRateFpm = 0): TrackPoint[] {
  const n = Math.floor((minutes * 60) / 20);
  const degPerS = (150 * 1.852) / 3600 / (2 * Math.PI * 5) * 360;
  return Array.from({ length: n + 1 }, (_, i) => {
    const p = destinationPoint(OPEN_SEA, (i * 20 * degPerS) % 360, 5);
    return point({ timeMs: startMs + i * 20_000, latDeg: p.latDeg, lonDeg: p.lonDeg, altitudeFt, groundSpeedKt: 150, verticalRateFpm });
  });
}

/** Circling, then silent for `silenceS`, then circling again; rates set at the last point before and first after. */
function silentOrbit(o: { altitudeFt: number; silenceS: number; rateBeforeFpm: number; rateAfterFpm: number; afterAltitudeFt?: number }): TrackPoint[] {
  const before = circle(T0, 20, o.altitudeFt);
  before[before.length - 1] = { ...before[before.length - 1]!, verticalRateFpm: o.rateBeforeFpm };
  const resumeMs = before[before.length - 1]!.timeMs + o.silenceS * 1000;
  const after = circle(resumeMs, 20, o.afterAltitudeFt ?? o.altitudeFt);
  after[0] = { ...after[0]!, verticalRateFpm: o.rateAfterFpm };
  return [...before, ...after];
}

describe("couldHaveLanded", () => {
  const needS = (offFt: number, onFt: number) =>
    (offFt / CFG.split.landingDescentFpm) * 60 + (onFt / CFG.split.landingClimbFpm) * 60 + CFG.split.minTurnaroundS;

  it("needs time to get down, spend minTurnaroundS on the ground and climb back", () => {
    const s = needS(9000, 6000);
    expect(couldHaveLanded(s, 9000, 6000, CFG.split)).toBe(true);
    expect(couldHaveLanded(s + 1, 9000, 6000, CFG.split)).toBe(true);
    expect(couldHaveLanded(s - 1, 9000, 6000, CFG.split)).toBe(false);
    expect(couldHaveLanded(CFG.split.minTurnaroundS, -50, 0, CFG.split)).toBe(true); // below sea level counts as 0
  });
});

describe("splitFlights: circling and holding are not landings", () => {
  it("keeps one flight across a silence while circling at 9,500 ft, even going nowhere with rates that look like a dip", () => {
    expect(split(silentOrbit({ altitudeFt: 9500, silenceS: 6 * 60, rateBeforeFpm: -800, rateAfterFpm: 800 }))).toHaveLength(1);
    expect(split(silentOrbit({ altitudeFt: 9500, silenceS: 40 * 60, rateBeforeFpm: 0, rateAfterFpm: 0 }))).toHaveLength(1);
    expect(split(silentOrbit({ altitudeFt: 4000, silenceS: 30 * 60, rateBeforeFpm: -600, rateAfterFpm: 0 }))).toHaveLength(1);
  });

  it("splits at a turnaround (descending before and climbing after, low) once there was time to land", () => {
    const need = (9500 / 3000) * 60 * 2 + CFG.split.minTurnaroundS;
    const turn = (silenceS: number) => split(silentOrbit({ altitudeFt: 9500, silenceS, rateBeforeFpm: -800, rateAfterFpm: 800 }));
    expect(turn(Math.ceil(need) + 20)).toHaveLength(2);
    expect(turn(Math.floor(need) - 20)).toHaveLength(1);
    // Above turnaroundMaxHeightFt it is a hold or a cruise, whatever the rates.
    const high = CFG.split.turnaroundMaxHeightFt + 1;
    expect(split(silentOrbit({ altitudeFt: high, silenceS: 3600, rateBeforeFpm: -800, rateAfterFpm: 800 }))).toHaveLength(1);
  });

  it(`splits a silence going nowhere from a landing pattern (≤ patternMaxHeightFt = ${CFG.split.patternMaxHeightFt} ft, descending before or climbing after): a tanker reloading`, () => {
    const h = CFG.split.patternMaxHeightFt;
    const reload = (altitudeFt: number) => split(silentOrbit({ altitudeFt, silenceS: 9 * 60, rateBeforeFpm: -1000, rateAfterFpm: 200 }));
    expect(reload(2000)).toHaveLength(2);
    expect(reload(h)).toHaveLength(2);
    expect(reload(h + 1)).toHaveLength(1);
    // Neither descending nor climbing at the ends: circling, not landing.
    expect(split(silentOrbit({ altitudeFt: 2000, silenceS: 9 * 60, rateBeforeFpm: 0, rateAfterFpm: 0 }))).toHaveLength(1);
  });
});

describe("isLanding: a dip is not a landing", () => {
  // Low and slow away from airports, every 30 s: a scooper skimming water or a helicopter dipping a bucket.
  const low = (i: number, o: Partial<TrackPoint> = {}) => point({ timeMs: T0 + i * 30_000, latDeg: 15 + i * 0.002, lonDeg: -75, altitudeFt: 300, groundSpeedKt: 80, ...o });
  const crawl = { altitudeFt: 50, groundSpeedKt: CFG.split.groundCrawlKt - 10 };

  it("keeps one flight when a single crawl at rooftop height is airborne again the next sample", () => {
    const pts = Array.from({ length: 30 }, (_, i) => low(i, i === 15 ? crawl : {}));
    expect(isLanding(pts, 15, REFERENCE_AIRPORTS, CFG.split)).toBe(false);
    expect(split(pts)).toHaveLength(1);
  });

  it("lands when the crawl lasts (the next sample is ground-like too) or the aircraft then falls silent for minSilenceS", () => {
    const lasting = Array.from({ length: 30 }, (_, i) => low(i, i === 15 || i === 16 ? crawl : {}));
    expect(isLanding(lasting, 15, REFERENCE_AIRPORTS, CFG.split)).toBe(true);
    expect(split(lasting)).toHaveLength(2);
    const silentAfter = (silenceS: number) => {
      const pts = Array.from({ length: 30 }, (_, i) => low(i, i === 15 ? crawl : {}));
      return pts.map((p, i) => (i > 15 ? { ...p, timeMs: p.timeMs - 30_000 + silenceS * 1000 } : p));
    };
    expect(isLanding(silentAfter(CFG.split.minSilenceS), 15, REFERENCE_AIRPORTS, CFG.split)).toBe(true);
    expect(isLanding(silentAfter(CFG.split.minSilenceS - 1), 15, REFERENCE_AIRPORTS, CFG.split)).toBe(false);
  });

  it("still lands at once on the feed's on-ground flag", () => {
    const pts = Array.from({ length: 30 }, (_, i) => low(i, i === 15 ? { onGround: true } : {}));
    expect(isLanding(pts, 15, REFERENCE_AIRPORTS, CFG.split)).toBe(true);
  });
});
