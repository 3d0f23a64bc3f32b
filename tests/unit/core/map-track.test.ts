import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeMapTrack, encodeMapTrack, MAP_TRACK_MAX_POINTS, type MapTrackPoint } from "@/lib/core/flights/map-track";

const T0_MS = Date.parse("2024-03-01T10:00:00Z");
// + 0: a stored -0° comes back as 0°, as JSON gave it before.
const round = (v: number, units: number) => Math.round(v * units) / units + 0;

/** A track in time order: what detection hands the encoder. */
const trackArb = fc
  .array(
    fc.record({
      stepMs: fc.integer({ min: 0, max: 3_600_000 }),
      latDeg: fc.double({ min: -90, max: 90, noNaN: true }),
      lonDeg: fc.double({ min: -180, max: 180, noNaN: true }),
      altitudeFt: fc.option(fc.integer({ min: -1500, max: 60_000 }), { nil: null }),
    }),
    { minLength: 1, maxLength: 300 },
  )
  .map((steps) => {
    let timeMs = T0_MS;
    return steps.map(({ stepMs, latDeg, lonDeg, altitudeFt }): MapTrackPoint => {
      timeMs += stepMs;
      return { timeMs, latDeg, lonDeg, altitudeFt };
    });
  });

describe("map track storage", () => {
  it("gives back every point, to the second, 1e-5 degree and foot", () => {
    fc.assert(
      fc.property(trackArb, (points) => {
        const decoded = decodeMapTrack(encodeMapTrack(points, []));
        // Times in whole seconds after the first point, whose own time is kept to the millisecond.
        const firstMs = points[0]!.timeMs;
        expect(decoded).toEqual(
          points.map((p) => ({
            timeMs: firstMs + Math.round((p.timeMs - firstMs) / 1000) * 1000,
            latDeg: round(p.latDeg, 1e5),
            lonDeg: round(p.lonDeg, 1e5),
            altitudeFt: p.altitudeFt,
          })),
        );
      }),
    );
  });

  it("keeps an unknown altitude unknown between known ones, and a first point's time to the millisecond", () => {
    const points = [
      { timeMs: T0_MS + 123, latDeg: 10.5, lonDeg: -66.9, altitudeFt: 35_000 },
      { timeMs: T0_MS + 60_123, latDeg: 10.6, lonDeg: -67, altitudeFt: null },
      { timeMs: T0_MS + 120_123, latDeg: 10.7, lonDeg: -67.1, altitudeFt: 34_975 },
      { timeMs: T0_MS + 180_123, latDeg: 10.8, lonDeg: -67.2, altitudeFt: 0 },
    ];
    expect(decodeMapTrack(encodeMapTrack(points, []))).toEqual(points);
  });

  it("takes a few bytes a point, not the ~30 characters of text", () => {
    // A cruise: a position every 10 s, ~2 km apart, the altitude steady.
    const points = Array.from({ length: 500 }, (_, i) => ({ timeMs: T0_MS + i * 10_000, latDeg: 12 + i * 0.013, lonDeg: -68 - i * 0.011, altitudeFt: 33_000 }));
    const bytes = encodeMapTrack(points, []);
    expect(bytes.length).toBeLessThan(points.length * 8);
    expect(decodeMapTrack(bytes)).toHaveLength(500);
  });

  it("stores the thinned track: never more than the cap without gaps", () => {
    const points = Array.from({ length: MAP_TRACK_MAX_POINTS * 3 }, (_, i) => ({
      timeMs: T0_MS + i * 5_000,
      latDeg: 12 + Math.sin(i / 50),
      lonDeg: -68 + i * 0.001,
      altitudeFt: 30_000,
    }));
    const decoded = decodeMapTrack(encodeMapTrack(points, []));
    expect(decoded.length).toBeLessThanOrEqual(MAP_TRACK_MAX_POINTS);
    const stored = (p: MapTrackPoint) => ({ ...p, latDeg: round(p.latDeg, 1e5), lonDeg: round(p.lonDeg, 1e5) });
    expect(decoded[0]).toEqual(stored(points[0]!));
    expect(decoded.at(-1)).toEqual(stored(points.at(-1)!));
  });

  it("refuses bytes that are not a stored track", () => {
    const bytes = encodeMapTrack([{ timeMs: T0_MS, latDeg: 1, lonDeg: 2, altitudeFt: 3 }], []);
    expect(() => decodeMapTrack(bytes.subarray(0, bytes.length - 1))).toThrow(/ends early/);
    expect(() => decodeMapTrack(new Uint8Array([...bytes, 0]))).toThrow(/after the last point/);
    expect(() => decodeMapTrack(new Uint8Array([9, ...bytes.subarray(1)]))).toThrow(/unknown format 9/);
    expect(() => decodeMapTrack(new TextEncoder().encode('{"t0Ms":0}'))).toThrow(/unknown format/);
    // A count of 2^32 points in a 14-byte header: refused before anything is allocated for it.
    const claimsMillions = new Uint8Array([1, 0x80, 0x80, 0x80, 0x80, 0x10, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => decodeMapTrack(claimsMillions)).toThrow(/ends early/);
  });
});
