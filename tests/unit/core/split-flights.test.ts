import { describe, expect, it } from "vitest";
import { splitFlights } from "@/lib/core/flights/split-flights";
import { cleanTrack } from "@/lib/core/flights/clean-track";
import { isGroundLike } from "@/lib/core/flights/is-ground-like";
import { DEFAULT_DETECTION_CONFIG as CFG } from "@/lib/core/model/detection-config";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import { greatCircleDistanceKm } from "@/lib/core/geo/great-circle-distance-km";
import { airport, fly, point, T0 } from "./track-factory";

const split = (pts: Parameters<typeof splitFlights>[0]) => splitFlights(pts, REFERENCE_AIRPORTS, CFG);

describe("splitFlights", () => {
  it("splits at a landing and keeps the runway points as anchors", () => {
    const leg1 = fly({ from: airport("MUHA"), to: airport("MKJP"), groundEnds: true, callsign: "CUB100" });
    const turnaround = leg1[leg1.length - 1]!.timeMs + 45 * 60_000;
    const leg2 = fly({ from: airport("MKJP"), to: airport("SVMI"), groundEnds: true, startMs: turnaround, callsign: "CUB101" });
    const { flights } = split([...leg1, ...leg2]);
    expect(flights).toHaveLength(2);
    expect(flights[0]![0]!.onGround).toBe(true);
    expect(flights[0]![flights[0]!.length - 1]!.onGround).toBe(true);
    expect(flights[1]![0]!.timeMs).toBe(turnaround);
  });

  it("treats slow and low near an airport as landed when the feed has no on-ground flag", () => {
    const p = point({ timeMs: T0, latDeg: 22.99, lonDeg: -82.41, altitudeFt: 300, groundSpeedKt: 20, onGround: false });
    expect(isGroundLike(p, REFERENCE_AIRPORTS, CFG.split)).toBe(true);
    expect(isGroundLike({ ...p, groundSpeedKt: 140 }, REFERENCE_AIRPORTS, CFG.split)).toBe(false);
    expect(isGroundLike({ ...p, latDeg: 15, lonDeg: -75, groundSpeedKt: 60 }, REFERENCE_AIRPORTS, CFG.split)).toBe(false);
  });

  it("keeps a 40-minute mid-air silence at cruise inside one flight", () => {
    const pts = fly({ from: airport("MUHA"), to: airport("SVMI"), groundEnds: true, silences: [[0.35, 0.35 + 40 / 154]] });
    const { flights } = split(pts);
    expect(flights).toHaveLength(1);
    const gaps = flights[0]!.slice(1).filter((p, i) => p.timeMs - flights[0]![i]!.timeMs >= 5 * 60_000);
    expect(gaps).toHaveLength(1);
  });

  it("splits at a silence too slow to be one flight (it stopped somewhere)", () => {
    const a = fly({ from: airport("MUHA"), to: airport("SVMI"), keep: [0, 0.5] });
    const b = fly({ from: airport("MUHA"), to: airport("SVMI"), keep: [0.5, 1], startMs: T0 + 10 * 3600_000 });
    expect(split([...a, ...b]).flights).toHaveLength(2);
  });

  it("splits at a silence too fast to be one flight, and at a new callsign", () => {
    const a = fly({ from: airport("MUHA"), to: airport("MKJP"), callsign: "AAA1" });
    const end = a[a.length - 1]!;
    // 1,300 km in 10 min: never one flight. The track never comes back, so neither side is
    // dropped (the old cleaner dropped "the shorter side"): two flights.
    const far = fly({ from: airport("SVMI"), to: airport("TTPP"), startMs: end.timeMs + 10 * 60_000, callsign: "AAA1" });
    const r = split([...a, ...far]);
    expect(r.flights.every((f) => !(f.includes(a[0]!) && f.includes(far[0]!)))).toBe(true);
    expect(r.flights).toHaveLength(2);
    expect(r.implausibleDropped).toBe(0);
    expect(r.spoofing).toEqual([]);
    const near = fly({ from: end, to: airport("SVMI"), startMs: end.timeMs + 10 * 60_000 + 1000, callsign: "BBB2" });
    expect(split([...a, ...near.slice(20)]).flights).toHaveLength(2);
  });

  it("drops degenerate segments and parked aircraft", () => {
    const parked = [0, 1, 2, 3].map((i) => point({ timeMs: T0 + i * 60_000, latDeg: 22.99, lonDeg: -82.41, onGround: true, altitudeFt: null, groundSpeedKt: 0 }));
    expect(split(parked).flights).toHaveLength(0);
    const twoPoints = [point({ timeMs: T0, latDeg: 15, lonDeg: -75 }), point({ timeMs: T0 + 10_000, latDeg: 15.01, lonDeg: -75 })];
    const r = split(twoPoints);
    expect(r.flights).toHaveLength(0);
    expect(r.degenerateDropped).toBe(1);
  });
});

describe("spoofing and stale positions", () => {
  it("drops an isolated jump of hundreds of km within a second", () => {
    const pts = fly({ from: airport("MUHA"), to: airport("SVMI") });
    const spike = { ...pts[100]!, timeMs: pts[100]!.timeMs + 1000, latDeg: pts[100]!.latDeg + 3 };
    const withSpike = [...pts.slice(0, 101), spike, ...pts.slice(101)];
    const r = split(withSpike);
    expect(r.implausibleDropped).toBe(1);
    expect(r.flights).toHaveLength(1);
    expect(r.flights[0]!.some((p) => p === spike)).toBe(false);
  });

  it("removes a displaced block the track comes back from as one spoofed stretch, and keeps the real track on both sides", () => {
    const pts = fly({ from: airport("MUHA"), to: airport("SVMI") });
    const cut = 300;
    const base = pts[cut]!;
    const spoofed = Array.from({ length: 60 }, (_, i) => point({ timeMs: base.timeMs + 1000 + i * 5000, latDeg: 20 + i * 0.0001, lonDeg: -60, altitudeFt: 35000 }));
    const after = pts.slice(cut + 1).map((p) => ({ ...p, timeMs: p.timeMs + 301_000 }));
    const r = cleanTrack([...pts.slice(0, cut + 1), ...spoofed, ...after], CFG.track);
    expect(r.implausibleDropped).toBe(60);
    expect(r.points.every((p) => p.lonDeg < -65)).toBe(true);
    expect(r.spoofing).toHaveLength(1);
    expect(r.spoofing[0]!.before).toBe(pts[cut]);
    expect(r.spoofing[0]!.after).toBe(after[0]);
  });

  it("drops airborne positions repeated unchanged (a feed repeating its last position)", () => {
    const a = point({ timeMs: T0, latDeg: 15, lonDeg: -75 });
    const r = cleanTrack([a, { ...a, timeMs: T0 + 1000 }, { ...a, timeMs: T0 + 2000 }, point({ timeMs: T0 + 10_000, latDeg: 15.01, lonDeg: -75 })], CFG.track);
    expect(r.staleDropped).toBe(2);
    expect(r.points).toHaveLength(2);
  });

  it("never yields a flight with an impossible leg", () => {
    const pts = fly({ from: airport("MUHA"), to: airport("SVMI"), sampleS: 5 });
    const noisy = pts.map((p, i) => (i % 97 === 50 ? { ...p, latDeg: p.latDeg + 4, lonDeg: p.lonDeg - 3 } : p));
    for (const f of split(noisy).flights) {
      for (let i = 1; i < f.length; i++) {
        const kt = greatCircleDistanceKm(f[i - 1]!, f[i]!) / 1.852 / ((f[i]!.timeMs - f[i - 1]!.timeMs) / 3600_000);
        expect(kt).toBeLessThan(CFG.track.maxSpeedKt);
      }
    }
  });
});
