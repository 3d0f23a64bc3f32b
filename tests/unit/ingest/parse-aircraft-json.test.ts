import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aircraftJsonDocument } from "@/lib/ingest/aircraft-json-document";
import type { CanonicalPosition } from "@/lib/ingest/canonical-position";
import { AIRCRAFT_JSON_MAX_POSITION_AGE_S, parseAircraftJson } from "@/lib/ingest/parse-aircraft-json";
import { FileRefusedError, type ParseEvent } from "@/lib/ingest/types";
import { collect, iso } from "./ingest-test-support";

const options = { fileName: "aircraft.json", nowMs: Date.UTC(2200, 0, 1) };

/** As readsb 3.14 writes it (trimmed to the keys that matter, plus a few it adds). */
const DOCUMENT = {
  now: 1723456789.1,
  messages: 48213456,
  aircraft: [
    {
      hex: "7c6b2d", type: "adsb_icao", flight: "CUB1234 ", r: "CU-T1250", t: "IL96", alt_baro: 33000, alt_geom: 33500, gs: 450.2,
      track: 180.5, baro_rate: -64, geom_rate: -32, squawk: "2000", emergency: "none", category: "A5", nav_qnh: 1013.6,
      lat: 20.1, lon: -75.2, nic: 8, rc: 186, seen_pos: 3.4, version: 2, mlat: [], tisb: [], messages: 1203, seen: 0.2, rssi: -18.4,
    },
    { hex: "0b04e2", type: "mlat", flight: "N123AB  ", alt_baro: "ground", gs: 12, track: 270, lat: 23.4, lon: -82.3, seen_pos: 0, seen: 0 },
    { hex: "~2fa14c", type: "tisb_other", alt_baro: 4500, lat: 22.0, lon: -80.0, seen_pos: 1.1, seen: 1.1 },
    { hex: "a1b2c3", type: "mode_s", alt_baro: 12000, squawk: "7700", seen: 0.5 },
    { hex: "a1b2c4", type: "adsb_icao", lat: 21.0, lon: -79.0, seen_pos: 61.5, seen: 2 },
    { hex: "0d0abc", type: "adsc", alt_baro: 37000, gs: "fast", track: -90, geom_rate: 128, squawk: 417, lat: 10.5, lon: -60.25, seen_pos: 12.25, seen: 12 },
    { hex: "0d0abd", type: "adsb_icao", lat: "north", lon: -60, seen_pos: 1 },
    { hex: "0d0abe", type: "adsb_icao", lat: 10, lon: -60 },
    { hex: "0d0abf", type: "unknown_new_kind", alt_baro: 99999, lat: 95, lon: -60, seen_pos: 1 },
    { hex: "0d0ac0", type: "adsr_icao", alt_baro: "falling", lat: 11, lon: -61, seen_pos: 0.0005, r: "CU-T1251-TOO-LONG-FOR-ANY-REGISTER", t: "B738" },
  ],
};

async function parsed(document: unknown) {
  const result = parseAircraftJson(JSON.stringify(document), options);
  return { ...result, ...(await collect(toAsync(result.events))) };
}

async function* toAsync(events: ParseEvent[]) {
  yield* events;
}

describe("parseAircraftJson", () => {
  it("times each position by now - seen_pos, never by the document's arrival", async () => {
    const { streamTimeMs, records } = await parsed(DOCUMENT);
    expect(streamTimeMs).toBe(Date.UTC(2024, 7, 12, 9, 59, 49, 100));
    expect(records.map((r) => [r.icao24, iso(r.time)])).toEqual([
      ["7c6b2d", "2024-08-12T09:59:45.700Z"],
      ["0b04e2", "2024-08-12T09:59:49.100Z"],
      ["0d0abc", "2024-08-12T09:59:36.850Z"],
      ["0d0ac0", "2024-08-12T09:59:49.100Z"], // 0.5 ms rounds to the ms
    ]);
  });

  it("maps readsb keys to the canonical record", async () => {
    const { records } = await parsed(DOCUMENT);
    expect(records[0]).toEqual({
      time: new Date("2024-08-12T09:59:45.700Z"), icao24: "7c6b2d", callsign: "CUB1234", latDeg: 20.1, lonDeg: -75.2,
      altitudeBaroFt: 33000, altitudeGeoFt: 33500, groundSpeedKt: 450.2, trackDeg: 180.5, verticalRateFpm: -64, squawk: "2000",
      onGround: false, source: "ADSB",
    });
    // "ground": on the ground, no barometric altitude.
    expect(records[1]).toMatchObject({ icao24: "0b04e2", onGround: true, altitudeBaroFt: null, callsign: "N123AB", source: "MLAT" });
    // geom_rate stands in for a missing baro_rate; -90° is 270°; a numeric squawk gets its zero back.
    expect(records[2]).toMatchObject({ source: "ADSC", verticalRateFpm: 128, trackDeg: 270, squawk: "0417", groundSpeedKt: null });
    expect(records[3]).toMatchObject({ source: "ADSB", altitudeBaroFt: null });
  });

  it("maps every readsb type to a source", async () => {
    const types = { adsb_icao_nt: "ADSB", adsr_other: "ADSB", mlat: "MLAT", tisb_icao: "TISB", adsc: "ADSC", mode_s: "MODE_S", other: "OTHER" };
    const aircraft = Object.keys(types).map((type, i) => ({ hex: `00000${i}`, type, lat: 1, lon: 1, seen_pos: 0 }));
    const { records } = await parsed({ now: 1723456789, aircraft });
    expect(records.map((r) => r.source)).toEqual(Object.values(types));
    // dump1090-fa writes no type: the mlat/tisb arrays tell.
    const fa = await parsed({ now: 1723456789, aircraft: [{ hex: "000001", lat: 1, lon: 1, seen_pos: 0, mlat: ["lat", "lon"] }, { hex: "000002", lat: 1, lon: 1, seen_pos: 0, mlat: [] }] });
    expect(fa.records.map((r) => r.source)).toEqual(["MLAT", "ADSB"]);
  });

  it("skips aircraft without a position and stale positions, and counts them", async () => {
    const { skipped, records } = await parsed(DOCUMENT);
    expect(skipped).toEqual({ withoutPosition: 1, stale: 1, nonIcao: 1 });
    expect(records.map((r) => r.icao24)).not.toContain("a1b2c4");
    expect(AIRCRAFT_JSON_MAX_POSITION_AGE_S).toBe(60);
    const edge = await parsed({ now: 1723456789, aircraft: [{ hex: "000001", lat: 1, lon: 1, seen_pos: 60 }] });
    expect(edge.records).toHaveLength(1);
  });

  it("skips non-ICAO addresses and reports unreadable positions as row errors, by 1-based index and key", async () => {
    const { errors, records } = await parsed(DOCUMENT);
    expect(records.some((r) => r.icao24.includes("2fa14c"))).toBe(false);
    expect(errors).toEqual([
      { line: 7, column: "lat", reason: "not a number", value: '"north"' },
      { line: 8, column: "seen_pos", reason: expect.stringMatching(/^missing/) },
      { line: 9, column: "lat", reason: "latitude above 90", value: "95" },
    ]);
  });

  it("rejects a negative seen_pos: a fix newer than its document would move the feed's clock ahead", async () => {
    const { errors, records } = await parsed({
      now: 1723456789.5,
      aircraft: [
        { hex: "0b04e2", lat: 20.1, lon: -75.2, seen_pos: -5000, seen: 0 },
        { hex: "0b04e3", lat: 20.2, lon: -75.3, seen_pos: 0, seen: 0 },
      ],
    });
    expect(errors).toEqual([{ line: 1, column: "seen_pos", reason: expect.stringMatching(/^negative/), value: "-5000" }]);
    expect(records.map((r) => [r.icao24, r.time.getTime()])).toEqual([["0b04e3", 1723456789500]]);
  });

  it("drops unreadable optional values with a warning and keeps the position", async () => {
    const { warnings } = await parsed(DOCUMENT);
    expect(warnings).toEqual([
      { line: 6, column: "gs", reason: "not a number", value: '"fast"', action: "dropped" },
      { line: 10, column: "r", reason: "longer than 16 characters", value: "CU-T1251-TOO-LONG-FOR-ANY-REGISTER", action: "dropped" },
      { line: 10, column: "alt_baro", reason: 'altitude is neither a number nor "ground"', value: '"falling"', action: "dropped" },
    ]);
  });

  it("gives r/t as aircraft identities, before the aircraft's record", async () => {
    const { aircraft, kinds } = await parsed(DOCUMENT);
    expect(aircraft).toEqual([
      { icao24: "7c6b2d", registration: "CU-T1250", typecode: "IL96", model: null },
      { icao24: "0d0ac0", registration: null, typecode: "B738", model: null },
    ]);
    expect(kinds.slice(0, 2)).toEqual(["aircraft", "record"]);
  });

  it("rejects out-of-range required values and drops out-of-range optional ones", async () => {
    const { records, errors, warnings } = await parsed({
      now: 1723456789,
      aircraft: [{ hex: "000001", alt_baro: 99999, gs: -3, squawk: "9999", lat: 1, lon: 200, seen_pos: 0 }, { hex: "000002", alt_baro: 99999, squawk: "9999", lat: 1, lon: 2, seen_pos: 0 }],
    });
    expect(errors).toEqual([{ line: 1, column: "lon", reason: "longitude above 180", value: "200" }]);
    expect(records).toMatchObject([{ icao24: "000002", altitudeBaroFt: null, squawk: null }]);
    expect(warnings.map((w) => w.column)).toEqual(["alt_baro", "squawk"]);
  });

  it("refuses what is not an aircraft.json document", () => {
    const refusal = (text: string) => {
      try {
        parseAircraftJson(text, options);
      } catch (err) {
        expect(err).toBeInstanceOf(FileRefusedError);
        return (err as FileRefusedError).reason;
      }
      throw new Error("not refused");
    };
    expect(refusal('{"now": 1723456789, "aircraft": [')).toMatch(/not valid JSON/);
    expect(refusal("[]")).toMatch(/top level is not an object/);
    expect(refusal('{"aircraft": []}')).toMatch(/no numeric "now"/);
    expect(refusal('{"now": "1723456789", "aircraft": []}')).toMatch(/no numeric "now"/);
    expect(refusal('{"now": 1723456789}')).toMatch(/no "aircraft" array/);
    expect(parseAircraftJson('{"now": 1723456789.5, "aircraft": []}', options)).toEqual({ streamTimeMs: 1723456789500, events: [], skipped: { withoutPosition: 0, stale: 0, nonIcao: 0 } });
  });
});

const latestRecord = (overrides: Partial<CanonicalPosition> = {}): CanonicalPosition => ({
  time: new Date("2024-08-12T09:59:45.733Z"), icao24: "7c6b2d", callsign: "CUB1234", latDeg: 20.123456789, lonDeg: -75.2,
  altitudeBaroFt: 33000, altitudeGeoFt: 33500, groundSpeedKt: 450.2, trackDeg: 180.5, verticalRateFpm: -64, squawk: "2000",
  onGround: false, source: "ADSB", ...overrides,
});

describe("aircraftJsonDocument", () => {
  const nowMs = Date.parse("2024-08-12T09:59:49.101Z");

  it("writes readsb's keys, with now and seen_pos in seconds to the ms", () => {
    const document = aircraftJsonDocument([latestRecord({ registration: "CU-T1250", typecode: "IL96" })], nowMs, 42);
    expect(JSON.parse(JSON.stringify(document))).toEqual({
      now: 1723456789.101,
      messages: 42,
      aircraft: [
        {
          hex: "7c6b2d", type: "adsb_icao", flight: "CUB1234 ", r: "CU-T1250", t: "IL96", alt_baro: 33000, alt_geom: 33500, gs: 450.2,
          track: 180.5, baro_rate: -64, squawk: "2000", lat: 20.123456789, lon: -75.2, seen_pos: 3.368, seen: 3.368,
        },
      ],
    });
    expect(JSON.stringify(document)).toContain('"now":1723456789.101,');
  });

  it("leaves out aircraft last seen more than 60 s ago (or not yet)", () => {
    const at = (ms: number) => latestRecord({ time: new Date(ms), icao24: `00000${ms - nowMs === 0 ? 0 : ms < nowMs ? 1 : 2}` });
    const aged = aircraftJsonDocument([at(nowMs), at(nowMs - 60_000), at(nowMs - 60_001), at(nowMs + 1)], nowMs);
    expect(aged.aircraft.map((a) => a.seen_pos)).toEqual([0, 60]);
  });

  it("is read back by parseAircraftJson as the same records, time exact to the ms", async () => {
    const input = [
      latestRecord({ registration: "CU-T1250", typecode: "IL96" }),
      latestRecord({ icao24: "0b04e2", time: new Date(nowMs), onGround: true, altitudeBaroFt: null, callsign: null, source: "MLAT", squawk: null }),
      latestRecord({ icao24: "0d0abc", time: new Date(nowMs - 59_999), altitudeGeoFt: null, groundSpeedKt: null, trackDeg: null, verticalRateFpm: null, source: "TISB" }),
      latestRecord({ icao24: "0d0abd", source: "ADSC", latDeg: -1e-300, lonDeg: 179.99999999999997 }),
      latestRecord({ icao24: "0d0abe", source: "MODE_S" }),
    ];
    const { records, aircraft, errors, warnings } = await parsed(aircraftJsonDocument(input, nowMs));
    expect({ errors, warnings }).toEqual({ errors: [], warnings: [] });
    expect(records).toEqual(input.map(({ registration: _r, typecode: _t, ...record }) => record));
    expect(aircraft).toEqual([{ icao24: "7c6b2d", registration: "CU-T1250", typecode: "IL96", model: null }]);
  });

  it("round-trips any valid record's time to the ms (property)", async () => {
    const times = fc.tuple(fc.integer({ min: Date.UTC(1990, 0, 1, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: 0, max: 60_000 }));
    await fc.assert(
      fc.asyncProperty(times, async ([now, ageMs]) => {
        const { records } = await parsed(aircraftJsonDocument([latestRecord({ time: new Date(now - ageMs) })], now));
        expect(records[0]?.time.getTime()).toBe(now - ageMs);
      }),
      { numRuns: 500 },
    );
  });
});
