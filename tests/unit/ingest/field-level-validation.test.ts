import { describe, expect, it } from "vitest";
import { parseFr24Csv } from "@/lib/ingest/parse-fr24-csv";
import { parseGenericCsv } from "@/lib/ingest/parse-generic-csv";
import { parseOpenskyCsv } from "@/lib/ingest/parse-opensky-csv";
import { parseReadsbTrace } from "@/lib/ingest/parse-readsb-trace";
import { parseSbs1 } from "@/lib/ingest/parse-sbs1";
import { NO_POSITION_REASON } from "@/lib/ingest/parse-csv-positions";
import { copyTextRow } from "@/lib/server/ingest/copy-text-row";
import { copyRowMisfit } from "./copy-row-fits-columns";
import { collect, options, streamOf } from "./ingest-test-support";

const T = 1722500000;
const generic = (text: string) => collect(parseGenericCsv(streamOf(text), options()));
const trace = (meta: Record<string, unknown>, rows: unknown[]) =>
  collect(parseReadsbTrace(streamOf(JSON.stringify({ icao: "ac671b", timestamp: T, ...meta, trace: rows })), options()));
const fits = (records: Parameters<typeof copyTextRow>[0][]) => records.map((r) => copyRowMisfit(copyTextRow(r, "7")));

describe("field-level validation: a bad optional value costs the value, not the row", () => {
  it("keeps every row of a generic CSV with a decimal squawk, dropping the squawk with a warning", async () => {
    const { records, errors, warnings } = await generic(`time,hex,lat,lon,squawk\n${T},abcdef,1,2,1965\n${T + 1},abcdef,1,2,7700\n`);
    expect(errors).toEqual([]);
    expect(records.map((r) => r.squawk)).toEqual([null, "7700"]);
    expect(warnings).toEqual([{ line: 2, column: "squawk", reason: "not a 4-digit octal squawk", value: "1965", action: "dropped" }]);
  });

  it("still rejects a row for a bad time, address or position", async () => {
    const { records, errors } = await generic(`time,hex,lat,lon\nsoon,abcdef,1,2\n${T},xyz,1,2\n${T},abcdef,91,2\n${T},abcdef,1,2\n`);
    expect(records).toHaveLength(1);
    expect(errors.map((e) => e.column)).toEqual(["time", "hex", "lat"]);
  });
});

describe("every accepted value fits its PostgreSQL column", () => {
  it("rounds fractional vertical rates (generic CSV, SBS-1 MSG 4, FR24 granular) and says so", async () => {
    const csv = await generic(`time,hex,lat,lon,vertical_rate\n${T},abcdef,1,2,-640.5\n`);
    const sbs = await collect(
      parseSbs1(
        streamOf(
          "MSG,4,1,1,ABCDEF,1,2024/01/02,07:41:03.000,2024/01/02,07:41:03.000,,,450,90,,,-640.5,,,,,0\n" +
            "MSG,3,1,1,ABCDEF,1,2024/01/02,07:41:04.000,2024/01/02,07:41:04.000,,30000,,,51.5,-0.1,,,,,,0\n",
        ),
        options(),
      ),
    );
    const fr24 = await collect(
      parseFr24Csv(
        streamOf(
          "network_time,receiver_time,hex,callsign,latitude,longitude,no_position,altitude,squawk,speed,track,vspeed,on_ground,flags,position_class\n" +
            `${T},${T},0x8467d8,JAL516,42.7,141.6,P,3000,0,200,90,-640.5,A,,ADS-B\n`,
        ),
        options(),
      ),
    );
    for (const { records, warnings } of [csv, sbs, fr24]) {
      expect(records.map((r) => r.verticalRateFpm)).toEqual([-640]);
      expect(warnings).toMatchObject([{ reason: "rounded to a whole number", value: "-640.5", action: "adjusted" }]);
      expect(fits(records)).toEqual([null]);
    }
  });

  it("drops a callsign or a registration that is no such thing (a formula, markup), keeping the row", async () => {
    const { records, warnings } = await generic(`time,hex,lat,lon,callsign,registration\n${T},abcdef,1,2,=1+2,<b>x</b>\n${T},abcdef,1,3,CUB 1250,CU-T1250\n`);
    expect(records.map((r) => [r.callsign, r.registration])).toEqual([[null, null], ["CUB 1250", "CU-T1250"]]);
    expect(warnings.map((w) => [w.column, w.reason, w.action])).toEqual([
      ["callsign", "not a callsign (letters, digits, spaces, hyphens)", "dropped"],
      ["registration", "not a registration (letters, digits, spaces, hyphens)", "dropped"],
    ]);
  });

  it("stores tiny non-zero speeds and tracks as 0 (a real column cannot hold 1e-50)", async () => {
    const { records, warnings } = await generic(`time,hex,lat,lon,speed,track\n${T},abcdef,1,2,1e-50,1e-45\n`);
    expect(records[0]).toMatchObject({ groundSpeedKt: 0, trackDeg: 0 });
    expect(warnings.map((w) => [w.column, w.action])).toEqual([["speed", "adjusted"], ["track", "adjusted"]]);
    expect(fits(records)).toEqual([null]);
  });

  it("strips a JSON \\u0000 from a readsb callsign and rounds a fractional baro rate", async () => {
    const { records, warnings } = await trace({}, [[0, 10, 20, 5000, 300, 90, 0, -640.5, { flight: "DAL1\u00002  " }, "adsb_icao"]]);
    expect(records[0]).toMatchObject({ callsign: "DAL12", verticalRateFpm: -640 });
    expect(warnings.map((w) => w.reason)).toEqual(["rounded to a whole number", "control characters removed"]);
    expect(fits(records)).toEqual([null]);
  });

  it("removes direction overrides and zero-width characters from a callsign and a registration", async () => {
    const { aircraft, records, warnings } = await trace({ r: "CU-\u202eT1250" }, [[0, 10, 20, 5000, 300, 90, 0, 0, { flight: "\u2067CUB\u200d1234" }, "adsb_icao"]]);
    expect(records[0]).toMatchObject({ callsign: "CUB1234" });
    expect(aircraft[0]).toMatchObject({ registration: "CU-T1250" });
    expect(warnings.map((w) => [w.column, w.reason])).toEqual([["r", "control characters removed"], ["details.flight", "control characters removed"]]);
  });

  it("drops a readsb registration or type code that is no identity (a formula, markup)", async () => {
    const { aircraft, records, warnings } = await trace({ r: '=HYPERLINK("x")', t: "<b>", desc: "<i>Ilyushin</i>" }, [[0, 10, 20, 5000]]);
    expect(records).toHaveLength(1);
    expect(aircraft).toEqual([{ icao24: "ac671b", registration: null, typecode: null, model: "<i>Ilyushin</i>" }]);
    expect(warnings.map((w) => [w.column, w.reason, w.action])).toEqual([
      ["r", "not a registration (letters, digits, spaces, hyphens)", "dropped"],
      ["t", "not a type code (letters, digits, spaces, hyphens)", "dropped"],
    ]);
  });

  it("limits what a readsb trace says about the aircraft: long r/t dropped, long desc cut", async () => {
    const long = "X".repeat(12_000);
    const { aircraft, records, warnings } = await trace({ r: long, t: long, desc: long }, [[0, 10, 20, 5000]]);
    expect(records).toHaveLength(1);
    expect(aircraft).toEqual([{ icao24: "ac671b", registration: null, typecode: null, model: "X".repeat(200) }]);
    expect(warnings.map((w) => [w.column, w.action])).toEqual([["r", "dropped"], ["t", "dropped"], ["desc", "adjusted"]]);
    expect(warnings[0]!.value!.length).toBeLessThan(200);
  });
});

describe("one CSV row loop", () => {
  it("words a row without a position the same in every CSV format", async () => {
    const opensky = await collect(
      parseOpenskyCsv(streamOf(`time,icao24,lat,lon\n${T},abcdef,,2\n`), options()),
    );
    const csv = await generic(`time,hex,latitude,longitude\n${T},abcdef,1,\n`);
    const fr24 = await collect(
      parseFr24Csv(streamOf(`Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction\n${T},,JAL516,,0,0,0\n`), options({ icao24: "8467d8" })),
    );
    const reasons = [opensky, csv, fr24].map((out) => out.errors.map((e) => e.reason));
    expect(reasons).toEqual([[NO_POSITION_REASON], [NO_POSITION_REASON], [NO_POSITION_REASON]]);
  });
});
