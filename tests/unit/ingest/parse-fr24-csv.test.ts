import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { FR24_NO_ADDRESS_REASON, parseFr24Csv } from "@/lib/ingest/parse-fr24-csv";
import { FileRefusedError } from "@/lib/ingest/types";
import { collect, iso, options, realPath, realStream, streamOf } from "./ingest-test-support";

const EXPORT = "JL516_3376ab31.csv";
const GRANULAR = "JL516_Flightradar24_ADS-B_data_granular.csv";

describe("parseFr24Csv, flight export", () => {
  it("imports every JL516 row as 8467d8 when named with --icao24", async () => {
    const expectedRows = fs.readFileSync(realPath(EXPORT), "utf8").trim().split("\n").length - 1;
    const { records, errors } = await collect(parseFr24Csv(realStream(EXPORT), options({ icao24: "8467D8" })));
    expect(expectedRows).toBe(305);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(expectedRows);
    expect(new Set(records.map((r) => r.icao24))).toEqual(new Set(["8467d8"]));
    expect(iso(records[0]!.time)).toBe("2024-01-02T07:22:55.000Z");
    expect(iso(records.at(-1)!.time)).toBe("2024-01-02T08:47:23.000Z");
    expect(records[1]).toMatchObject({
      callsign: "JAL516", latDeg: 42.770142, lonDeg: 141.691422, altitudeBaroFt: 550, groundSpeedKt: 144,
      trackDeg: 172, onGround: false, source: "OTHER",
    });
    expect(records[0]?.onGround).toBe(true);
  });

  it("refuses the file without an address, saying how to name the aircraft", async () => {
    const err = await collect(parseFr24Csv(realStream(EXPORT), options())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileRefusedError);
    expect((err as FileRefusedError).reason).toBe(FR24_NO_ADDRESS_REASON);
    expect(FR24_NO_ADDRESS_REASON).toBe("Flightradar24 exports carry no ICAO address: name the aircraft with --icao24 or --registration");
  });

  it("refuses an --icao24 that is not an address", async () => {
    const err = await collect(parseFr24Csv(realStream(EXPORT), options({ icao24: "JAL516" }))).catch((e: unknown) => e);
    expect((err as FileRefusedError).reason).toMatch(/not a 24-bit address/);
  });

  it("announces the registration given with the address", async () => {
    const { aircraft, kinds } = await collect(parseFr24Csv(realStream(EXPORT), options({ icao24: "8467d8", registration: "ja8980" })));
    expect(aircraft).toEqual([{ icao24: "8467d8", registration: "JA8980", typecode: null }]);
    expect(kinds[0]).toBe("aircraft");
  });

  it("reports malformed positions and times with line and column", async () => {
    const text = [
      "Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction",
      '1704180175,2024-01-02T07:22:55Z,JAL516,"42.78,141.68",0,0,73',
      '1704180176,2024-01-02T07:22:56Z,JAL516,"42.78",0,0,73',
      '1704180177,2024-01-02T07:22:57Z,JAL516,"",0,0,73',
      '1704180178,2024-01-02T07:22:58Z,JAL516,"42.78,141.68",high,0,73',
      'later,,JAL516,"42.78,141.68",0,0,73',
      '1704180179,2024-01-02T07:22:59Z,JAL516,"0x10,141.68",0,0,73',
    ].join("\n");
    const { records, errors, warnings } = await collect(parseFr24Csv(streamOf(text), options({ icao24: "8467d8" })));
    expect(records).toHaveLength(2);
    expect(errors).toEqual([
      { line: 3, column: "Position", reason: 'not a "lat,lon" position', value: "42.78" },
      { line: 4, column: "Position", reason: "no position (empty latitude/longitude)" },
      { line: 6, column: "Timestamp", reason: expect.stringMatching(/not a time/), value: "later" },
      { line: 7, column: "Position", reason: 'not a "lat,lon" position', value: "0x10,141.68" },
    ]);
    // A bad altitude is an optional value: dropped, the row kept.
    expect(records[1]?.altitudeBaroFt).toBeNull();
    expect(warnings).toEqual([{ line: 5, column: "Altitude", reason: "not a number", value: "high", action: "dropped" }]);
  });
});

describe("parseFr24Csv, granular export", () => {
  /** Independent count: data rows whose no_position cell (7th) is P carry a position. */
  function expectedGranular() {
    const rows = fs.readFileSync(realPath(GRANULAR), "utf8").split("\n").slice(1).filter((l) => l.trim() !== "").map((l) => l.split(","));
    return { rows: rows.length, withPosition: rows.filter((r) => r[6] === "P").length };
  }

  it("imports every row with a position and rejects the no_position rows", async () => {
    const expected = expectedGranular();
    const { records, errors } = await collect(parseFr24Csv(realStream(GRANULAR), options({ fileName: GRANULAR })));
    expect(expected.withPosition).toBe(12374);
    expect(records).toHaveLength(expected.withPosition);
    expect(errors).toHaveLength(expected.rows - expected.withPosition);
    expect(new Set(errors.map((e) => e.column))).toEqual(new Set(["no_position"]));
    expect(errors[0]).toMatchObject({ line: 9, column: "no_position", value: "N" });
  });

  it("reads the odd timestamps, the 0x address, squawk and source", async () => {
    const { records } = await collect(parseFr24Csv(realStream(GRANULAR), options()));
    expect(iso(records[0]!.time)).toBe("2024-01-02T07:41:03.515Z");
    expect(iso(records.at(-1)!.time)).toBe("2024-01-02T08:47:31.755Z");
    expect(new Set(records.map((r) => r.icao24))).toEqual(new Set(["8467d8"]));
    expect(records[0]).toMatchObject({
      callsign: "JAL516", latDeg: 41.57648, lonDeg: 141.66208, altitudeBaroFt: 26650, squawk: "0416", groundSpeedKt: 401,
      trackDeg: 192, verticalRateFpm: 1728, onGround: false, source: "ADSB",
    });
    expect(records.at(-1)?.altitudeBaroFt).toBe(-50);
  });

  it("does not need --icao24 (the file has hex)", async () => {
    const text = "network_time,receiver_time,hex,callsign,latitude,longitude,no_position,altitude,squawk,speed,track,vspeed,on_ground,flags,position_class,,\n" +
      "2024-01-02 07:41:03Z.515,1970-01-01 00:00:00Z.000,0x8467d8,,41.5,141.6,P,0,0,10,90,0,G,0,MLAT,P:8,\n";
    const { records } = await collect(parseFr24Csv(streamOf(text), options()));
    expect(records[0]).toMatchObject({ icao24: "8467d8", callsign: null, squawk: null, onGround: true, source: "MLAT" });
  });
});
