import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalPositionSchema, POSITION_SOURCES, type CanonicalPosition } from "@/lib/ingest/canonical-position";
import { isPlainlyValidPosition } from "@/lib/ingest/plainly-valid-position";

const NOW_MS = Date.parse("2026-11-29T00:00:00Z");
const schema = canonicalPositionSchema(NOW_MS);

/** Numbers at and around every bound the schema has, and the awkward ones. */
const number = fc.oneof(
  fc.constantFrom(0, -0, 1e-31, -1e-31, 1e-301, 1e-299, 0.5, -2000, -2000.5, 60000, 60000.1, 1500, 1500.01, 360, 360.5, 90, 90.0001, -90, 180, -180.1),
  fc.constantFrom(30000, -30000, 30001, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308),
  fc.double(),
  fc.integer({ min: -70000, max: 70000 }),
);
const nullable = <T>(a: fc.Arbitrary<T>) => fc.oneof(fc.constant(null), a);
const text = fc.oneof(fc.constantFrom("ABC123", "ABCDEFGH", "ABCDEFGHI", "A\u0000", "\t", "é", ""), fc.string({ maxLength: 18 }));
const candidate: fc.Arbitrary<CanonicalPosition> = fc.record(
  {
    time: fc.oneof(
      fc.constantFrom(new Date(Number.NaN), new Date(Date.UTC(1990, 0, 1)), new Date(Date.UTC(1989, 11, 31, 23, 59)), new Date(NOW_MS + 86_400_000), new Date(NOW_MS + 86_400_001)),
      fc.integer({ min: 0, max: NOW_MS * 2 }).map((ms) => new Date(ms)),
    ),
    icao24: fc.oneof(fc.constantFrom("abcdef", "0b04e2", "ABCDEF", "abcde", "abcdefg", "0b04e2\n"), fc.string({ maxLength: 7 })),
    callsign: nullable(text),
    latDeg: number,
    lonDeg: number,
    altitudeBaroFt: nullable(number),
    altitudeGeoFt: nullable(number),
    groundSpeedKt: nullable(number),
    trackDeg: nullable(number),
    verticalRateFpm: nullable(number),
    squawk: nullable(fc.oneof(fc.constantFrom("7700", "7800", "770", "1234\n"), fc.string({ maxLength: 5 }))),
    onGround: fc.boolean(),
    source: fc.oneof(fc.constantFrom(...POSITION_SOURCES), fc.constantFrom("adsb", "")) as fc.Arbitrary<CanonicalPosition["source"]>,
    registration: fc.oneof(fc.constant(undefined), nullable(text)),
    typecode: fc.oneof(fc.constant(undefined), nullable(text)),
  },
  { requiredKeys: ["time", "icao24", "callsign", "latDeg", "lonDeg", "altitudeBaroFt", "altitudeGeoFt", "groundSpeedKt", "trackDeg", "verticalRateFpm", "squawk", "onGround", "source"] },
) as fc.Arbitrary<CanonicalPosition>;

describe("isPlainlyValidPosition (the validator's fast path)", () => {
  it("never accepts a record the canonical schema refuses, and accepts it as the schema would return it", () => {
    fc.assert(
      fc.property(candidate, (c) => {
        if (!isPlainlyValidPosition(c, NOW_MS)) return;
        const parsed = schema.safeParse(c);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(c);
      }),
      { numRuns: 3000 },
    );
  });

  it("takes the ordinary row, so the fast path is the common one", () => {
    const row: CanonicalPosition = {
      time: new Date(Date.UTC(2024, 7, 1, 12)), icao24: "0b04e2", callsign: "ABC123", latDeg: 20, lonDeg: -75, altitudeBaroFt: 32808,
      altitudeGeoFt: null, groundSpeedKt: 447.1, trackDeg: 180, verticalRateFpm: 0, squawk: "7700", onGround: false, source: "ADSB",
    };
    expect(isPlainlyValidPosition(row, NOW_MS)).toBe(true);
    expect(isPlainlyValidPosition({ ...row, altitudeBaroFt: 60001 }, NOW_MS)).toBe(false);
    expect(isPlainlyValidPosition({ ...row, time: new Date(NOW_MS + 86_400_001) }, NOW_MS)).toBe(false);
  });
});
