import fs from "node:fs";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseOpenskyCsv } from "@/lib/ingest/parse-opensky-csv";
import { parseReadsbTrace, traceSource } from "@/lib/ingest/parse-readsb-trace";
import { FileRefusedError } from "@/lib/ingest/types";
import { collect, iso, options, realPath, realStream, streamOf } from "./ingest-test-support";

const TRACE = "trace_full_ac671b.json";
const trace = (rows: unknown[], meta: Record<string, unknown> = {}) =>
  JSON.stringify({ icao: "ac671b", r: "N899DN", t: "B739", desc: "BOEING 737-900", timestamp: 1738703622.619, ...meta, trace: rows });
const parseText = (text: string | Buffer, chunkSize?: number) => collect(parseReadsbTrace(streamOf(text, chunkSize), options()));

describe("parseReadsbTrace on the real trace", () => {
  it("reads all 2,500 points of ac671b with its identity first", async () => {
    const expected = (JSON.parse(fs.readFileSync(realPath(TRACE), "utf8")) as { trace: unknown[] }).trace.length;
    const { records, errors, aircraft, kinds } = await collect(parseReadsbTrace(realStream(TRACE), options()));
    expect(expected).toBe(2500);
    expect(records).toHaveLength(expected);
    expect(errors).toEqual([]);
    expect(aircraft).toEqual([{ icao24: "ac671b", registration: "N899DN", typecode: "B739", model: "BOEING 737-900" }]);
    expect(kinds[0]).toBe("aircraft");
    expect(iso(records[0]!.time)).toBe("2025-02-04T21:13:42.619Z");
    expect(records[0]).toMatchObject({ altitudeBaroFt: 32000, altitudeGeoFt: 33825, groundSpeedKt: 478.6, callsign: null, source: "ADSB" });
    expect(records[3]).toMatchObject({ callsign: "DAL1812", squawk: "4637" });
    expect(records.at(-1)).toMatchObject({ onGround: true, altitudeBaroFt: null, callsign: "DAL2927", squawk: "2676" });
  });

  it("agrees field by field with the OpenSky conversion of the same trace", async () => {
    const fromTrace = (await collect(parseReadsbTrace(realStream(TRACE), options()))).records;
    const fromCsv = (await collect(parseOpenskyCsv(realStream("trace_full_ac671b_opensky_states.csv"), options()))).records;
    expect(fromCsv).toHaveLength(fromTrace.length);
    fromTrace.forEach((a, i) => {
      const b = fromCsv[i]!;
      // The CSV keeps time to 0.01 s and speeds to 0.001 m/s.
      expect(Math.abs(a.time.getTime() - b.time.getTime())).toBeLessThanOrEqual(10);
      expect({ ...a, time: 0, groundSpeedKt: 0 }).toEqual({ ...b, time: 0, groundSpeedKt: 0 });
      expect(Math.abs((a.groundSpeedKt ?? 0) - (b.groundSpeedKt ?? 0))).toBeLessThanOrEqual(0.1);
    });
  });

  it("reads a gzipped trace in small chunks", async () => {
    const gz = zlib.gzipSync(fs.readFileSync(realPath(TRACE)));
    const { records } = await parseText(gz, 1000);
    expect(records).toHaveLength(2500);
  });
});

describe("parseReadsbTrace rows", () => {
  it("maps source types", () => {
    expect(["adsb_icao", "adsb_icao_nt", "adsr_icao", "mlat", "tisb_icao", "tisb_trackfile", "adsc", "mode_s", "other", "unknown", null].map(traceSource)).toEqual([
      "ADSB", "ADSB", "ADSB", "MLAT", "TISB", "TISB", "ADSC", "MODE_S", "OTHER", "OTHER", "OTHER",
    ]);
  });

  it("handles ground, null altitude, carried-forward details and short rows", async () => {
    const rows = [
      [0, 10, 20, "ground", 5, 90, 0, null, { flight: "ABC1   ", squawk: "1200" }, "mlat", null],
      [1, 10, 20, null, null, null, 0, null, null, "tisb_other", 1000],
      [2, 10, 20, 5000, 250, 350, 0, -640, { squawk: "7000" }, "adsc"],
      [3, 10, 20, 5000],
    ];
    const { records, errors } = await parseText(trace(rows));
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.onGround, r.altitudeBaroFt, r.callsign, r.squawk, r.source])).toEqual([
      [true, null, "ABC1", "1200", "MLAT"],
      [false, null, "ABC1", "1200", "TISB"],
      [false, 5000, "ABC1", "7000", "ADSC"],
      [false, 5000, "ABC1", "7000", "OTHER"],
    ]);
    expect(records[1]?.altitudeGeoFt).toBe(1000);
    expect(records[2]?.verticalRateFpm).toBe(-640);
    expect(records[3]?.time.getTime()).toBe(1738703625619);
  });

  it("reads an altitude flagged geometric (flags & 8) as geometric, not barometric", async () => {
    const rows = [
      [0, 10, 20, 5000, 250, 90, 8, 0, null, "adsb_icao", null],
      [1, 10, 20, 5000, 250, 90, 8, 0, null, "adsb_icao", 5100],
      [2, 10, 20, 5000, 250, 90, 1, 0, null, "adsb_icao", 5100],
    ];
    const { records } = await parseText(trace(rows));
    expect(records.map((r) => [r.altitudeBaroFt, r.altitudeGeoFt])).toEqual([
      [null, 5000],
      [null, 5100],
      [5000, 5100],
    ]);
  });

  it("numbers errors by trace row and names a JSON path", async () => {
    const rows = [
      [0, 10, 20, 5000],
      [1, 95, 20, 5000],
      [2, null, 20, 5000],
      "junk",
      [4, 10, "east", 5000],
      [5, 10, 20, "high"],
      [6, 10, 20, 99999],
    ];
    const { records, errors, warnings } = await parseText(trace(rows));
    expect(records).toHaveLength(3);
    expect(errors).toEqual([
      { line: 2, column: "trace[1][1]", reason: "latitude above 90", value: "95" },
      { line: 3, column: "trace[2][1]", reason: "no position (null latitude/longitude)" },
      { line: 4, column: "trace[3]", reason: "trace row is not an array", value: '"junk"' },
      { line: 5, column: "trace[4][2]", reason: "not a number", value: '"east"' },
    ]);
    // A bad altitude is dropped; the position stays.
    expect(warnings).toEqual([
      { line: 6, column: "trace[5][3]", reason: 'altitude is neither a number nor "ground"', value: '"high"', action: "dropped" },
      { line: 7, column: "trace[6][3]", reason: "above 60000 ft", value: "99999", action: "dropped" },
    ]);
    expect(records.slice(1).map((r) => r.altitudeBaroFt)).toEqual([null, null]);
  });

  it("waits for metadata that comes after the trace", async () => {
    const text = '{"trace": [[0, 10, 20, 1000], [1, 10, 20, 1100]], "icao": "ABC123", "timestamp": 1700000000}';
    const { records, aircraft } = await parseText(text);
    expect(records.map((r) => [r.icao24, r.time.getTime()])).toEqual([["abc123", 1700000000000], ["abc123", 1700000001000]]);
    expect(aircraft).toEqual([{ icao24: "abc123", registration: null, typecode: null, model: null }]);
  });

  it("refuses broken JSON and JSON without trace/icao/timestamp", async () => {
    const reason = async (text: string) => {
      const err = await parseText(text).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FileRefusedError);
      return (err as FileRefusedError).reason;
    };
    expect(await reason(trace([[0, 10, 20, 1000]]).slice(0, -5))).toMatch(/not valid JSON/);
    expect(await reason('{"icao": "abc123", "timestamp": 1}')).toMatch(/no "trace" array/);
    expect(await reason('{"timestamp": 1, "trace": []}')).toMatch(/no "icao" address/);
    expect(await reason('{"icao": "abc123", "trace": []}')).toMatch(/timestamp/);
    // Every row counts from it: an overflowing one refuses the file rather than every row.
    expect(await reason(trace([[0, 10, 20, 1000]], { timestamp: "T" }).replace('"timestamp":"T"', '"timestamp":1e400'))).toMatch(/"timestamp" is not a finite number/);
    expect(await reason("[1, 2]")).toMatch(/top level is not an object/);
    expect(await reason(trace([[0, 10, 20, 1000]], { icao: "~abc123" }))).toMatch(/not a 24-bit ICAO address/);
  });
});
