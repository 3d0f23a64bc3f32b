import { describe, expect, it } from "vitest";
import { parseOpenskyCsv } from "@/lib/ingest/parse-opensky-csv";
import { FileRefusedError } from "@/lib/ingest/types";
import { collect, iso, naiveCsvRows, options, realPath, realStream, streamOf } from "./ingest-test-support";

const HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
const parse = (text: string, chunkSize?: number) => collect(parseOpenskyCsv(streamOf(text, chunkSize), options()));

/**
 * Expected outcome of a real OpenSky file computed independently of the parser: a row is
 * rejected when lat/lon is empty; an altitude (metres) outside -2,000..60,000 ft is dropped.
 */
function expectedCounts(name: string) {
  const rows = naiveCsvRows(realPath(name));
  const outOfRange = (metres: string | undefined) =>
    metres !== undefined && metres !== "" && (Number(metres) / 0.3048 > 60000 || Number(metres) / 0.3048 < -2000);
  const rejected = rows.filter((r) => r[2] === "" || r[3] === "");
  const dropped = rows.filter((r) => r[2] !== "" && r[3] !== "").flatMap((r) => [r[12], r[13]]).filter(outOfRange);
  return { rows: rows.length, rejected: rejected.length, dropped: dropped.length, aircraft: new Set(rows.map((r) => r[1])).size, first: rows[0]!, last: rows.at(-1)! };
}

describe("parseOpenskyCsv on the real samples", () => {
  it.each([
    "switzerland_opensky_states.csv",
    "calfire_opensky_states.csv",
    "guatemala_opensky_states.csv",
    "kingston_opensky_states.csv",
    "airbus_tree_opensky_states.csv",
    "noisy_spoofing_opensky_states.csv",
    "trace_full_ac671b_opensky_states.csv",
  ])("%s: every row is a record or a row error, with the expected counts", async (name) => {
    const expected = expectedCounts(name);
    const { records, errors, lines, warnings } = await collect(parseOpenskyCsv(realStream(name), options({ fileName: name })));
    expect(records.length + errors.length).toBe(expected.rows);
    expect(errors).toHaveLength(expected.rejected);
    expect(warnings).toHaveLength(expected.dropped);
    expect(new Set(records.map((r) => r.icao24)).size).toBe(expected.aircraft);
    expect(records[0]?.time.getTime()).toBe(Math.round(Number(expected.first[0]) * 1000));
    expect(lines[0]).toBe(2);
  }, 30_000); // 11 MB: seconds on a loaded 2-core machine

  it("switzerland: 139,098 rows of 842 aircraft, first and last values converted", async () => {
    const { records, errors } = await collect(parseOpenskyCsv(realStream("switzerland_opensky_states.csv"), options()));
    expect(records).toHaveLength(139098);
    expect(errors).toHaveLength(0);
    expect(new Set(records.map((r) => r.icao24)).size).toBe(842);
    expect(records[0]).toMatchObject({
      icao24: "4067f2",
      callsign: "TOM2XE",
      latDeg: 46.679232,
      altitudeBaroFt: 38000, // 11582.4 m
      groundSpeedKt: 438.1, // 225.367 m/s
      trackDeg: 292.409,
      verticalRateFpm: 0,
      onGround: false,
      source: "ADSB",
    });
    expect(iso(records[0]!.time)).toBe("2018-08-01T05:00:00.000Z");
    expect(iso(records.at(-1)!.time)).toBe("2018-08-01T21:59:50.000Z");
  }, 30_000); // 11 MB: seconds on a loaded 2-core machine

  it("calfire: geometric altitudes of 23 km and more are dropped naming the geoaltitude column, the rows kept", async () => {
    const { errors, records, warnings } = await collect(parseOpenskyCsv(realStream("calfire_opensky_states.csv"), options()));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(9955);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toEqual({ line: 467, column: "geoaltitude", reason: "above 60000 ft", value: "23218.14", action: "dropped" });
    expect(records[465]).toMatchObject({ altitudeGeoFt: null, altitudeBaroFt: expect.any(Number) });
  });

  it("noisy spoofing: rows without a position are rejected with the reason", async () => {
    const { errors, records } = await collect(parseOpenskyCsv(realStream("noisy_spoofing_opensky_states.csv"), options()));
    expect(records).toHaveLength(8670);
    expect(errors).toHaveLength(11);
    expect(errors[0]).toEqual({ line: 3336, column: "lat", reason: "no position (empty latitude/longitude)" });
  });

  it("guatemala: headings given in (-180, 0) are wrapped into [0, 360)", async () => {
    const rows = naiveCsvRows(realPath("guatemala_opensky_states.csv"));
    const index = rows.findIndex((r) => Number(r[5]) < 0);
    const { records } = await collect(parseOpenskyCsv(realStream("guatemala_opensky_states.csv"), options()));
    expect(index).toBeGreaterThan(-1);
    expect(records[index]?.trackDeg).toBeCloseTo(Number(rows[index]![5]) + 360, 6);
  });

  it("trace conversion: fractional seconds, True/False onground, squawk and geometric altitude", async () => {
    const { records } = await collect(parseOpenskyCsv(realStream("trace_full_ac671b_opensky_states.csv"), options()));
    expect(iso(records[0]!.time)).toBe("2025-02-04T21:13:42.620Z");
    expect(records[0]?.altitudeGeoFt).toBe(33825); // 10309.86 m
    expect(records[0]?.callsign).toBeNull();
    expect(records.at(-1)).toMatchObject({ onGround: true, altitudeBaroFt: null, squawk: "2676", callsign: "DAL2927" });
    expect(records.filter((r) => r.onGround)).toHaveLength(394);
  });
});

describe("parseOpenskyCsv conversions and variants", () => {
  it("converts m → ft (rounded), m/s → kt and m/s → ft/min", async () => {
    const { records } = await parse(`${HEADER}\n1533099600,abcdef,46,8,100,90,5.08,X,,,,,1000,304.8,,\n`);
    expect(records[0]).toMatchObject({ altitudeBaroFt: 3281, altitudeGeoFt: 1000, groundSpeedKt: 194.4, verticalRateFpm: 1000 });
  });

  it("finds columns by name in any order, with position_source and origin_country", async () => {
    const text = [
      "icao24,origin_country,lat,lon,time,baroaltitude,position_source,callsign,onground,squawk",
      "ABCDEF,Switzerland,46.5,8.1,1533099600.25,0,0,SWR1    ,True,416",
      "abcdef,Switzerland,46.5,8.1,1533099601,0,1,,false,",
      "abcdef,Switzerland,46.5,8.1,1533099602,0,2,,1,",
      "abcdef,Switzerland,46.5,8.1,1533099603,0,3,,0,",
      "abcdef,Switzerland,46.5,8.1,1533099604,0,,,,",
    ].join("\n");
    const { records, errors } = await parse(text);
    expect(errors).toEqual([]);
    expect(records.map((r) => r.source)).toEqual(["ADSB", "ASTERIX", "MLAT", "FLARM", "ADSB"]);
    expect(records.map((r) => r.onGround)).toEqual([true, false, true, false, false]);
    expect(records[0]).toMatchObject({ icao24: "abcdef", callsign: "SWR1", squawk: "0416" });
    expect(records[0]?.time.getTime()).toBe(1533099600250);
    expect(records[1]?.callsign).toBeNull();
  });

  it("works whatever the chunking of the input", async () => {
    const text = `${HEADER}\n1533099600,abcdef,46,8,100,90,0,X,,,,,1000,,,\n1533099601,abcdef,46,8,100,90,0,X,,,,,1000,,,\n`;
    const { records } = await parse(text, 5);
    expect(records).toHaveLength(2);
  });

  it("refuses a file missing required columns, naming them", async () => {
    const err = await collect(parseOpenskyCsv(streamOf("time,lat,velocity\n1,2,3\n"), options())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileRefusedError);
    expect((err as FileRefusedError).reason).toMatch(/missing required OpenSky columns icao24, lon/);
  });

  it("reports bad rows with line, column, reason and value, and keeps going", async () => {
    const text = [
      HEADER,
      "1533099600,abcdef,46,8,100,90,0,X,,,,,1000,,,",
      "1533099601,abcdef,46,8,fast,90,0,X,,,,,1000,,,",
      "1533099602,abcdef,46,8,100,90,0,X,maybe,,,,1000,,,",
      "1533099603,abcdef,95,8,100,90,0,X,,,,,1000,,,",
      "1533099604,xyz,46,8,100,90,0,X,,,,,1000,,,",
      "99,abcdef,46,8,100,90,0,X,,,,,1000,,,",
      "1533099606,abcdef,46,8,100,90,0,X,,,,7778,1000,,,",
      "1533099607,abcdef,46,8",
      "1533099608,abcdef,46,8,100,90,0,X,,,,,1000,,,",
    ].join("\n");
    const { records, errors, warnings } = await parse(text);
    expect(records.map((r) => r.time.getTime() / 1000)).toEqual([1533099600, 1533099601, 1533099602, 1533099606, 1533099608]);
    expect(errors).toEqual([
      { line: 5, column: "lat", reason: "latitude above 90", value: "95" },
      { line: 6, column: "icao24", reason: "not a 24-bit address (6 hex digits)", value: "xyz" },
      { line: 7, column: "time", reason: "before 1990", value: "99" },
      { line: 9, column: null, reason: "row has 4 fields, the header has 16" },
    ]);
    // Only a bad time, address or position costs the row; other values are dropped and reported.
    expect(warnings).toEqual([
      { line: 3, column: "velocity", reason: "not a number", value: "fast", action: "dropped" },
      { line: 4, column: "onground", reason: expect.stringMatching(/not a boolean/), value: "maybe", action: "dropped" },
      { line: 8, column: "squawk", reason: "not a 4-digit octal squawk", value: "7778", action: "dropped" },
    ]);
    expect(records[1]).toMatchObject({ groundSpeedKt: null, trackDeg: 90 });
    expect(records[3]).toMatchObject({ squawk: null });
  });

  it("says a time is empty or not a number, never in the schema's own words", async () => {
    const { errors } = await parse(
      [HEADER, ",abcdef,46,8,100,90,0,X,,,,,1000,,,", "Infinity,abcdef,46,8,100,90,0,X,,,,,1000,,,", "0x5B327E2A,abcdef,46,8,100,90,0,X,,,,,1000,,,"].join("\n"),
    );
    expect(errors).toEqual([
      { line: 2, column: "time", reason: "empty time" },
      { line: 3, column: "time", reason: "not a number", value: "Infinity" },
      { line: 4, column: "time", reason: "not a number", value: "0x5B327E2A" },
    ]);
  });

  it("rejects a time more than a day after nowMs", async () => {
    const { errors } = await parse(`${HEADER}\n1893456000,abcdef,46,8,100,90,0,X,,,,,1000,,,\n`);
    expect(errors[0]).toMatchObject({ line: 2, column: "time", reason: "more than a day in the future" });
  });
});
