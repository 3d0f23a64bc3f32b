import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POSITION_SOURCES, type CanonicalPosition } from "@/lib/ingest/canonical-position";
import { createSbs1Formatter, formatSbs1Lines, sbsDateTime } from "@/lib/ingest/format-sbs1";
import { parseSbs1 } from "@/lib/ingest/parse-sbs1";
import { collect } from "./ingest-test-support";

const FAR_FUTURE_MS = Date.UTC(2200, 0, 1);

async function parseLines(lines: string[]) {
  const text = `${lines.join("\r\n")}\r\n`;
  return collect(parseSbs1(Readable.from([text]), { fileName: "x.sbs", nowMs: FAR_FUTURE_MS }));
}

const record = (overrides: Partial<CanonicalPosition> = {}): CanonicalPosition => ({
  time: new Date("2024-01-02T07:40:02.515Z"), icao24: "4ca2d6", callsign: "RYR1AB", latDeg: 51.4703, lonDeg: -0.4543,
  altitudeBaroFt: 37000, altitudeGeoFt: 37400, groundSpeedKt: 420.5, trackDeg: 93.2, verticalRateFpm: -640, squawk: "7421",
  onGround: false, source: "MLAT", ...overrides,
});

/** What SBS-1 carries of a record, as parseSbs1 spells it. */
const carried = (r: CanonicalPosition): CanonicalPosition => ({
  time: r.time, icao24: r.icao24, callsign: r.callsign === null ? null : r.callsign.trim().toUpperCase() || null, latDeg: r.latDeg,
  lonDeg: r.lonDeg, altitudeBaroFt: r.onGround ? null : r.altitudeBaroFt, altitudeGeoFt: null, groundSpeedKt: r.groundSpeedKt,
  trackDeg: r.trackDeg, verticalRateFpm: r.verticalRateFpm, squawk: r.squawk, onGround: r.onGround, source: "ADSB",
});

describe("formatSbs1Lines", () => {
  it("writes MSG 1, 4, 6 and then the position, as dump1090 does", () => {
    expect(formatSbs1Lines(record())).toEqual([
      "MSG,1,1,1,4CA2D6,1,2024/01/02,07:40:02.515,2024/01/02,07:40:02.515,RYR1AB,,,,,,,,,,,",
      "MSG,4,1,1,4CA2D6,1,2024/01/02,07:40:02.515,2024/01/02,07:40:02.515,,,420.5,93.2,,,-640,,,,,",
      "MSG,6,1,1,4CA2D6,1,2024/01/02,07:40:02.515,2024/01/02,07:40:02.515,,,,,,,,7421,,,,",
      "MSG,3,1,1,4CA2D6,1,2024/01/02,07:40:02.515,2024/01/02,07:40:02.515,,37000,,,51.4703,-0.4543,,,,,,0",
    ]);
    expect(formatSbs1Lines(record({ onGround: true, callsign: null, groundSpeedKt: null, trackDeg: null, verticalRateFpm: null, squawk: null }))).toEqual([
      "MSG,2,1,1,4CA2D6,1,2024/01/02,07:40:02.515,2024/01/02,07:40:02.515,,,,,51.4703,-0.4543,,,,,,-1",
    ]);
    expect(sbsDateTime(Date.UTC(1999, 11, 31, 23, 59, 59, 7))).toBe("1999/12/31,23:59:59.007");
  });

  it("reads back as the same record for every field SBS-1 carries", async () => {
    const input = [
      record(),
      record({ icao24: "40621d", time: new Date("2024-01-02T07:40:03Z"), onGround: true, callsign: "n123ab ", latDeg: 1e-300, lonDeg: -179.99999999999997 }),
      record({ icao24: "0b04e2", callsign: "CU-T 12", groundSpeedKt: 1e-30, trackDeg: 360, verticalRateFpm: 0, altitudeBaroFt: -2000 }),
    ];
    const { records, errors, warnings } = await parseLines(input.flatMap(formatSbs1Lines));
    expect({ errors, warnings }).toEqual({ errors: [], warnings: [] });
    expect(records).toEqual(input.map(carried));
    expect(records[2]?.callsign).toBe("CU-T 12");
  });

  it("cannot say that a value known less than 60 s ago is gone: the parser carries it over", async () => {
    const t0 = Date.UTC(2024, 0, 2, 7, 40);
    const input = [
      record({ time: new Date(t0) }),
      record({ time: new Date(t0 + 59_999), callsign: null, squawk: null }),
      record({ time: new Date(t0 + 60_000), callsign: null, squawk: null, groundSpeedKt: null }),
    ];
    const formatter = createSbs1Formatter();
    const formatted = input.map((r) => formatter.format(r));
    const { records } = await parseLines(formatted.flatMap((f) => f.lines));
    expect(records).toEqual(formatted.map((f) => f.readBack));
    expect(records.map((r) => [r.callsign, r.squawk, r.groundSpeedKt])).toEqual([
      ["RYR1AB", "7421", 420.5],
      ["RYR1AB", "7421", 420.5], // carried: 59.999 s old
      [null, null, 420.5], // the callsign is 60 s old now; the speed was sent again at +59.999 s
    ]);
  });
});

/** A record of a few aircraft; anything the canonical schema accepts, nulls often. */
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null, freq: 3 });
const real = (min: number, max: number, tiny: number) => fc.double({ min, max, noNaN: true }).filter((v) => v === 0 || Math.abs(v) >= tiny);
const fields = fc.record({
  icao24: fc.constantFrom("4ca2d6", "40621d", "0b04e2"),
  callsign: nullable(fc.constantFrom("RYR1AB", "CUB1234", "n123ab", " IBE2 ", "N-123", "A 1")),
  latDeg: real(-90, 90, 1e-300),
  lonDeg: real(-180, 180, 1e-300),
  altitudeBaroFt: nullable(fc.integer({ min: -2000, max: 60000 })),
  altitudeGeoFt: nullable(fc.integer({ min: -2000, max: 60000 })),
  groundSpeedKt: nullable(real(0, 1500, 1e-30)),
  trackDeg: nullable(real(0, 360, 1e-30)),
  verticalRateFpm: nullable(fc.integer({ min: -30000, max: 30000 })),
  squawk: nullable(fc.stringMatching(/^[0-7]{4}$/)),
  onGround: fc.boolean(),
  source: fc.constantFrom(...POSITION_SOURCES),
});
/** Steps between records: many within 60 s (values carried over), some past it. */
const step = fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 55_000, max: 65_000 }), fc.integer({ min: 0, max: 200_000 }));
const stream = fc.array(fc.tuple(step, fields), { maxLength: 40 }).map((rows) => {
  let timeMs = Date.UTC(2024, 0, 2) + 123;
  return rows.map(([stepMs, r]): CanonicalPosition => ({ ...r, time: new Date((timeMs += stepMs)) }));
});

type Field = "callsign" | "altitudeBaroFt" | "groundSpeedKt" | "trackDeg" | "verticalRateFpm" | "squawk";

/**
 * The independent statement of what a null reads back as: the latest earlier non-null value
 * of that field for that aircraft, if it was sent less than 60 s before; else null.
 */
function expectedReadBack(records: CanonicalPosition[], index: number): CanonicalPosition {
  const own = carried(records[index]!);
  const filled = { ...own } as Record<Field, unknown>;
  for (const field of ["callsign", "altitudeBaroFt", "groundSpeedKt", "trackDeg", "verticalRateFpm", "squawk"] as const) {
    if (own[field] !== null || (field === "altitudeBaroFt" && own.onGround)) continue;
    for (let i = index - 1; i >= 0; i--) {
      const earlier = carried(records[i]!);
      if (earlier.icao24 !== own.icao24 || earlier[field] === null) continue;
      if (own.time.getTime() - earlier.time.getTime() < 60_000) filled[field] = earlier[field];
      break;
    }
  }
  // String() writes -0 as "0".
  const numbers = filled as Record<string, unknown>;
  for (const key of ["latDeg", "lonDeg", "groundSpeedKt", "trackDeg"]) if (Object.is(numbers[key], -0)) numbers[key] = 0;
  return filled as unknown as CanonicalPosition;
}

describe("formatSbs1Lines round trip (property)", () => {
  it("parseSbs1 reads a stream of formatted records back as the formatter's readBack, which is the record except for carried-over nulls", async () => {
    await fc.assert(
      fc.asyncProperty(stream, async (records) => {
        const formatter = createSbs1Formatter();
        const formatted = records.map((r) => formatter.format(r));
        const parsed = await parseLines(formatted.flatMap((f) => f.lines));
        // Exactly one record per input, no error or warning, each equal (every field, exactly) to readBack...
        expect(parsed.errors).toEqual([]);
        expect(parsed.warnings).toEqual([]);
        expect(parsed.records).toEqual(formatted.map((f) => f.readBack));
        // ...and readBack is the record's SBS-1 fields, a null filled only by a value sent < 60 s before.
        expect(formatted.map((f) => f.readBack)).toEqual(records.map((_, i) => expectedReadBack(records, i)));
      }),
      { numRuns: 150 },
    );
  });
});
