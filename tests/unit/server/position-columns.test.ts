import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/lib/core/model/track-point";
import { PositionColumns } from "@/lib/server/detection/position-columns";

const point = fc.record({
  timeMs: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
  latDeg: fc.double({ min: -90, max: 90, noNaN: true }),
  lonDeg: fc.double({ min: -180, max: 180, noNaN: true }),
  altitudeFt: fc.option(fc.integer({ min: -1000, max: 60_000 })),
  // Float32 values, as the COPY's real columns carry them.
  groundSpeedKt: fc.option(fc.float({ min: 0, max: 700, noNaN: true }).map(Math.fround)),
  trackDeg: fc.option(fc.float({ min: 0, max: 360, noNaN: true, maxExcluded: true })),
  verticalRateFpm: fc.option(fc.integer({ min: -6000, max: 6000 })),
  onGround: fc.boolean(),
  source: fc.constantFrom("ADSB" as const, "MLAT" as const, "MODE_S" as const),
  callsign: fc.constantFrom(null, "CUB1", "VEN3", "AÑO1"),
});

describe("PositionColumns", () => {
  it("gives back every point as it was appended, nulls and zeros apart, across growth and reuse", () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 3000 }), fc.array(point, { maxLength: 50 }), (first, second) => {
        const columns = new PositionColumns();
        // The parser hands over one view it overwrites: the columns must copy, not keep it.
        const view = { ...(first[0] ?? second[0]) } as TrackPoint;
        for (const p of first) columns.append(Object.assign(view, p));
        expect(columns.length).toBe(first.length);
        expect(columns.points(0, first.length)).toEqual(first);
        const mid = Math.floor(first.length / 2);
        expect(columns.points(mid, first.length)).toEqual(first.slice(mid));
        // Cleared and filled again with fewer rows: nothing of the first batch shows.
        columns.clear();
        for (const p of second) columns.append(p);
        expect(columns.length).toBe(second.length);
        expect(columns.points(0, second.length)).toEqual(second);
      }),
      { numRuns: 60 },
    );
  });

  it("reads a row's time and ground flag without making a point", () => {
    const columns = new PositionColumns();
    columns.append({ timeMs: 1_700_000_000_000, latDeg: 1, lonDeg: 2, altitudeFt: null, groundSpeedKt: 0, trackDeg: null, verticalRateFpm: 0, onGround: true, source: "ADSB", callsign: null });
    columns.append({ timeMs: 1_700_000_001_500, latDeg: 1, lonDeg: 2, altitudeFt: 0, groundSpeedKt: null, trackDeg: 0, verticalRateFpm: null, onGround: false, source: "MLAT", callsign: "X" });
    expect([columns.timeMsAt(0), columns.onGroundAt(0), columns.timeMsAt(1), columns.onGroundAt(1)]).toEqual([1_700_000_000_000, true, 1_700_000_001_500, false]);
    // A zero is a value, not a missing one.
    expect(columns.points(0, 2).map((p) => [p.altitudeFt, p.groundSpeedKt, p.trackDeg, p.verticalRateFpm])).toEqual([
      [null, 0, null, 0],
      [0, null, 0, null],
    ]);
  });
});
