import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSbs1, sbsTimeMs } from "@/lib/ingest/parse-sbs1";
import { collect, iso, options, streamOf } from "./ingest-test-support";

const FIXTURE = path.resolve(__dirname, "../../../fixtures/ingest/sbs1-two-aircraft.txt");

describe("parseSbs1", () => {
  it("assembles each aircraft's state across message types into position records", async () => {
    const { records } = await collect(parseSbs1(fs.createReadStream(FIXTURE), options()));
    expect(records.map((r) => iso(r.time))).toEqual([
      "2024-01-02T07:40:02.000Z",
      "2024-01-02T07:40:04.000Z",
      "2024-01-02T07:41:03.000Z",
      "2024-01-02T07:41:05.000Z",
    ]);
    // Position + callsign (MSG 1), velocity (MSG 4), squawk (MSG 6), all within 60 s.
    expect(records[0]).toMatchObject({
      icao24: "4ca2d6", callsign: "RYR1AB", latDeg: 51.4703, lonDeg: -0.4543, altitudeBaroFt: 37000,
      groundSpeedKt: 420.5, trackDeg: 93.2, verticalRateFpm: -640, squawk: "7421", onGround: false, source: "ADSB",
    });
    // MSG 2 is a surface position: on the ground, no altitude.
    expect(records[1]).toMatchObject({ icao24: "40621d", onGround: true, altitudeBaroFt: null, groundSpeedKt: 12, trackDeg: 270 });
  });

  it("drops values older than 60 s instead of attaching them to a new position", async () => {
    const { records } = await collect(parseSbs1(fs.createReadStream(FIXTURE), options()));
    // 07:41:03 is 61 s after the velocity and 62 s after the callsign: too old.
    expect(records[2]).toMatchObject({ callsign: null, groundSpeedKt: null, squawk: null, altitudeBaroFt: 36000 });
    expect(records[3]?.altitudeBaroFt).toBe(35000);
  });

  it("skips STA/AIR/CLK lines and position messages without lat/lon, and reports malformed MSG lines", async () => {
    const { errors } = await collect(parseSbs1(fs.createReadStream(FIXTURE), options()));
    expect(errors).toEqual([
      { line: 13, column: "hex", reason: "not a 24-bit address (6 hex digits)", value: "ZZZZZZ" },
      { line: 14, column: "dateGen", reason: expect.stringMatching(/not a BaseStation date/), value: "02/01/2024 07:41:06.000" },
      { line: 15, column: null, reason: "row has 8 fields, the header has 22 (SBS-1 MSG lines have 22)" },
      { line: 16, column: "transmissionType", reason: "not an SBS-1 transmission type (1-8)", value: "9" },
      { line: 17, column: "lon", reason: "not a number", value: "west" },
      { line: 18, column: "messageType", reason: expect.stringMatching(/not an SBS-1 line/), value: "HELLO" },
    ]);
  });

  it("reports a position message with only one of latitude and longitude, which carries no position", async () => {
    const line = (lat: string, lon: string, second: number) =>
      `MSG,3,1,1,4CA2D6,1,2024/01/02,07:40:0${second}.000,2024/01/02,07:40:0${second}.000,,37000,,,${lat},${lon},,,0,0,0,0`;
    const text = [line("51.4703", "-0.4543", 1), line("51.4710", "", 2), line("", "-0.4560", 3), line("", "", 4)].join("\n");
    const { records, errors } = await collect(parseSbs1(streamOf(text), options()));
    expect(records).toHaveLength(1);
    expect(errors).toEqual([
      { line: 2, column: "lon", reason: "a position message with a latitude but no longitude" },
      { line: 3, column: "lat", reason: "a position message with a longitude but no latitude" },
    ]);
  });

  it("reads BaseStation dates and times as UTC", () => {
    expect(sbsTimeMs("2024/01/02", "07:41:03.515")).toBe(Date.UTC(2024, 0, 2, 7, 41, 3, 515));
    expect(sbsTimeMs("2024/01/02", "07:41:03")).toBe(Date.UTC(2024, 0, 2, 7, 41, 3));
    expect(sbsTimeMs("2024/01/02", "07:41:03.5")).toBe(Date.UTC(2024, 0, 2, 7, 41, 3, 500));
    expect(sbsTimeMs("2024/02/30", "07:41:03")).toBeNull();
    expect(sbsTimeMs("2024-01-02", "07:41:03")).toBeNull();
  });
});
