import { describe, expect, it } from "vitest";
import { trackCsv } from "@/lib/core/export/track-csv";
import { parseGenericCsv } from "@/lib/ingest/parse-generic-csv";
import { GENERIC_ALIASES } from "@/lib/ingest/resolve-generic-columns";
import { FileRefusedError, type ParseOptions } from "@/lib/ingest/types";
import { collect, options, streamOf } from "./ingest-test-support";

const parse = (text: string, extra: Partial<ParseOptions> = {}) => collect(parseGenericCsv(streamOf(text), options(extra)));
const T = "2024-01-02T07:41:03Z";
const T_MS = Date.UTC(2024, 0, 2, 7, 41, 3);

async function refusal(text: string, extra: Partial<ParseOptions> = {}): Promise<string> {
  const err = await parse(text, extra).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(FileRefusedError);
  return (err as FileRefusedError).reason;
}

describe("parseGenericCsv column aliases", () => {
  const values: Record<string, [string, unknown, string]> = {
    time: [T, T_MS, "time"],
    icao24: ["abcdef", "abcdef", "icao24"],
    lat: ["12.5", 12.5, "latDeg"],
    lon: ["-70.25", -70.25, "lonDeg"],
    altitudeBaro: ["35000", 35000, "altitudeBaroFt"],
    altitudeGeo: ["35500", 35500, "altitudeGeoFt"],
    speed: ["420.5", 420.5, "groundSpeedKt"],
    track: ["270", 270, "trackDeg"],
    verticalRate: ["-640", -640, "verticalRateFpm"],
    callsign: ["cub123 ", "CUB123", "callsign"],
    squawk: ["7500", "7500", "squawk"],
    onGround: ["yes", true, "onGround"],
    registration: ["cu-t1250", "CU-T1250", "registration"],
    typecode: ["il96", "IL96", "typecode"],
    source: ["mlat", "MLAT", "source"],
  };
  const base: Record<string, string> = { time: T, icao24: "abcdef", lat: "12.5", lon: "-70.25" };

  for (const [field, aliases] of Object.entries(GENERIC_ALIASES)) {
    it.each(aliases.flatMap((alias) => [alias, alias.toUpperCase()]))(`reads ${field} from a column named %s`, async (alias) => {
      const cells = { ...base };
      delete cells[field];
      const header = [...Object.keys(cells), alias].join(",");
      const [raw, expected, canonical] = values[field]!;
      const { records, errors } = await parse(`${header}\n${[...Object.values(cells), raw].join(",")}\n`);
      expect(errors).toEqual([]);
      const value = (records[0] as unknown as Record<string, unknown>)[canonical];
      expect(value instanceof Date ? value.getTime() : value).toEqual(expected);
    });
  }
});

describe("parseGenericCsv units", () => {
  const row = (header: string, cell: string, extra: Partial<ParseOptions> = {}) =>
    parse(`time,hex,lat,lon,${header}\n${T},abcdef,1,2,${cell}\n`, extra).then((c) => c.records[0]);

  it("takes units from header suffixes", async () => {
    expect((await row("alt_m", "1000"))?.altitudeBaroFt).toBe(3281);
    expect((await row("altitude_ft", "1000.4"))?.altitudeBaroFt).toBe(1000);
    expect((await row("alt_geom_m", "304.8"))?.altitudeGeoFt).toBe(1000);
    expect((await row("speed_kt", "250"))?.groundSpeedKt).toBe(250);
    expect((await row("speed_ms", "100"))?.groundSpeedKt).toBe(194.4);
    expect((await row("gs_kmh", "463"))?.groundSpeedKt).toBe(250);
    expect((await row("vertical_rate_fpm", "-1200"))?.verticalRateFpm).toBe(-1200);
    expect((await row("vr_ms", "5.08"))?.verticalRateFpm).toBe(1000);
    expect((await row("Altitude M", "1000"))?.altitudeBaroFt).toBe(3281);
  });

  it("falls back to options, then to ft / kt / ft/min", async () => {
    expect((await row("altitude", "1000"))?.altitudeBaroFt).toBe(1000);
    expect((await row("altitude", "1000", { altitudeUnit: "m" }))?.altitudeBaroFt).toBe(3281);
    expect((await row("speed", "100", { speedUnit: "ms" }))?.groundSpeedKt).toBe(194.4);
    expect((await row("speed", "463", { speedUnit: "kmh" }))?.groundSpeedKt).toBe(250);
    expect((await row("vertical_rate", "5.08", { verticalRateUnit: "ms" }))?.verticalRateFpm).toBe(1000);
    expect((await row("alt_ft", "1000", { altitudeUnit: "m" }))?.altitudeBaroFt).toBe(1000);
  });

  it("refuses a unit suffix that does not fit the column", async () => {
    expect(await refusal(`time,hex,lat,lon,speed_ft\n${T},abcdef,1,2,3\n`)).toMatch(/speed_ft: unit "ft" does not apply to speed/);
  });
});

describe("parseGenericCsv times", () => {
  const times = async (...cells: string[]) => {
    const text = `time,hex,lat,lon\n${cells.map((c) => `${c},abcdef,1,2`).join("\n")}\n`;
    return parse(text);
  };

  it("reads ISO with a zone, Unix seconds and Unix milliseconds to the same instant", async () => {
    const { records, errors } = await times(T, "2024-01-02T08:41:03+01:00", "1704181263", "1704181263000", "1704181263.0");
    expect(errors).toEqual([]);
    expect(records.map((r) => r.time.getTime())).toEqual([T_MS, T_MS, T_MS, T_MS, T_MS]);
  });

  it("rejects a zoneless ISO time as ambiguous, naming the column", async () => {
    const { errors } = await times("2024-01-02T07:41:03");
    expect(errors).toEqual([
      { line: 2, column: "time", reason: "ISO time without a zone is ambiguous: add Z or an offset", value: "2024-01-02T07:41:03" },
    ]);
  });
});

describe("parseGenericCsv layout", () => {
  const expectOne = async (text: string) => {
    const { records, errors } = await parse(text);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    return records[0]!;
  };

  it("reads semicolon, tab, BOM, CRLF and quoted fields", async () => {
    expect((await expectOne(`time;hex;lat;lon;callsign\n${T};abcdef;1,5;2;X\n`.replace("1,5", "1.5"))).latDeg).toBe(1.5);
    expect((await expectOne(`time\thex\tlat\tlon\n${T}\tabcdef\t1\t2\n`)).lonDeg).toBe(2);
    expect((await expectOne(`\uFEFFtime,hex,lat,lon\r\n${T},abcdef,1,2\r\n`)).icao24).toBe("abcdef");
    const quoted = await expectOne(`"time","hex","lat","lon","callsign","note"\n"${T}","abcdef","1","2","AB 1","a, b ""c"""\n`);
    expect(quoted.callsign).toBe("AB 1");
  });

  it('normalises "0x" and case in addresses, and rejects readsb "~" non-ICAO ids', async () => {
    const { records, errors } = await parse(`time,hex,lat,lon\n${T},0x8467D8,1,2\n${T}, 8467d8 ,1,2\n${T},~abc123,1,2\n`);
    expect(records.map((r) => r.icao24)).toEqual(["8467d8", "8467d8"]);
    expect(errors).toEqual([{ line: 4, column: "hex", reason: "not a 24-bit address (6 hex digits)", value: "~abc123" }]);
  });

  it("uses options.icao24 when the file has no address column, and refuses without it", async () => {
    const text = `time,lat,lon\n${T},1,2\n`;
    expect((await parse(text, { icao24: "0xABCDEF" })).records[0]?.icao24).toBe("abcdef");
    expect(await refusal(text)).toMatch(/no aircraft address column.*--icao24/);
  });

  it("refuses a header without time/lat/lon, listing the accepted names", async () => {
    expect(await refusal("when,hex,y,x\n1,abcdef,1,2\n")).toMatch(/missing columns time \(time\/timestamp\/ts\/datetime\/utc\/time_utc\/time_ms\/timestamp_ms\), lat \(lat\/latitude\/lat_deg\), lon/);
  });

  it("reads darkflight's own track.csv export back: every position, as exported", async () => {
    const exported = trackCsv(
      { icao24: "abcdef", gaps: [] } as unknown as Parameters<typeof trackCsv>[0],
      [
        { timeMs: T_MS, latDeg: 12.5, lonDeg: -70.25, altitudeFt: 35000, groundSpeedKt: 420.5, trackDeg: 270, verticalRateFpm: -640, callsign: "CUB123", squawk: "7500", onGround: false, source: "MLAT" },
        { timeMs: T_MS + 5000, latDeg: 12.6, lonDeg: -70.3, altitudeFt: null, groundSpeedKt: null, trackDeg: null, verticalRateFpm: null, callsign: null, squawk: null, onGround: true, source: "ADSB" },
      ] as unknown as Parameters<typeof trackCsv>[1],
    );
    const { records, errors, warnings } = await parse(exported);
    expect([errors, warnings]).toEqual([[], []]);
    expect(records.map((r) => [r.time.getTime(), r.icao24, r.latDeg, r.lonDeg, r.altitudeBaroFt, r.groundSpeedKt, r.trackDeg, r.verticalRateFpm, r.callsign, r.squawk, r.onGround, r.source])).toEqual([
      [T_MS, "abcdef", 12.5, -70.25, 35000, 420.5, 270, -640, "CUB123", "7500", false, "MLAT"],
      [T_MS + 5000, "abcdef", 12.6, -70.3, null, null, null, null, null, null, true, "ADSB"],
    ]);
  });

  it("reads a time column in milliseconds named as such", async () => {
    const { records, errors } = await parse(`timestamp_ms,hex,lat,lon\n${T_MS},abcdef,1,2\n`);
    expect(errors).toEqual([]);
    expect(records[0]?.time.getTime()).toBe(T_MS);
  });

  it("rejects rows without a position and drops unknown sources, keeping line numbers", async () => {
    const { errors, records, warnings } = await parse(`time,hex,lat,lon,source\n${T},abcdef,,2,adsb\n${T},abcdef,1,2,radar\n${T},abcdef,1,2,tisb_other\n`);
    expect(records.map((r) => r.source)).toEqual(["OTHER", "TISB"]);
    expect(errors).toEqual([{ line: 2, column: "lat", reason: "no position (empty latitude/longitude)" }]);
    expect(warnings).toEqual([{ line: 3, column: "source", reason: expect.stringMatching(/unknown source/), value: "radar", action: "dropped" }]);
  });

  it("reads decimal numbers only: hex, octal, binary and infinite values are not numbers", async () => {
    const { records, errors, warnings } = await parse(
      [
        "time,hex,lat,lon,altitude,speed",
        `${T},abcdef,0x10,2,1000,100`,
        `${T},abcdef,0o21,2,1000,100`,
        `${T},abcdef,1e999,2,1000,100`,
        `${T},abcdef,12,2,0x3E8,0b11`,
        `${T},abcdef,12,2,Infinity,  0X1f`,
        `${T},abcdef,12.5,-2e0,1e3,0.5`,
      ].join("\n"),
    );
    expect(errors).toEqual([
      { line: 2, column: "lat", reason: "not a number", value: "0x10" },
      { line: 3, column: "lat", reason: "not a number", value: "0o21" },
      { line: 4, column: "lat", reason: "not a number", value: "1e999" },
    ]);
    expect(warnings.map((w) => [w.line, w.column, w.value, w.action])).toEqual([
      [5, "altitude", "0x3E8", "dropped"],
      [5, "speed", "0b11", "dropped"],
      [6, "altitude", "Infinity", "dropped"],
      [6, "speed", "  0X1f", "dropped"],
    ]);
    expect(records.map((r) => [r.latDeg, r.altitudeBaroFt, r.groundSpeedKt])).toEqual([
      [12, null, null],
      [12, null, null],
      [12.5, 1000, 0.5],
    ]);
  });

  it("reads the on-ground flag in its usual spellings", async () => {
    const cells = ["True", "false", "1", "0", "-1", "yes", "no", "ground", "airborne", ""];
    const text = `time,hex,lat,lon,on_ground\n${cells.map((c) => `${T},abcdef,1,2,${c}`).join("\n")}\n`;
    const { records, errors } = await parse(text);
    expect(errors).toEqual([]);
    expect(records.map((r) => r.onGround)).toEqual([true, false, true, false, true, true, false, true, false, false]);
  });

  it("defaults source to OTHER when the file does not say", async () => {
    expect((await expectOne(`time,hex,lat,lon\n${T},abcdef,1,2\n`)).source).toBe("OTHER");
  });
});

describe("parseGenericCsv aircraft identities", () => {
  it("announces registration/type once per address and again when they change, before the record", async () => {
    const text = [
      "time,hex,lat,lon,reg,type",
      `${T},aaaaaa,1,2,CU-T1250,IL96`,
      `${T},aaaaaa,1,2,CU-T1250,IL96`,
      `${T},bbbbbb,1,2,YV1234,B738`,
      `${T},aaaaaa,1,2,CU-T1251,IL96`,
      `${T},cccccc,1,2,,`,
    ].join("\n");
    const { aircraft, kinds, records } = await parse(text);
    expect(aircraft).toEqual([
      { icao24: "aaaaaa", registration: "CU-T1250", typecode: "IL96" },
      { icao24: "bbbbbb", registration: "YV1234", typecode: "B738" },
      { icao24: "aaaaaa", registration: "CU-T1251", typecode: "IL96" },
    ]);
    expect(kinds.slice(0, 3)).toEqual(["aircraft", "record", "record"]);
    expect(records[0]).toMatchObject({ registration: "CU-T1250", typecode: "IL96" });
    expect(records[4]).toMatchObject({ registration: null, typecode: null });
  });

  it("drops a type code that is not an ICAO designator, keeping the row without announcing it", async () => {
    const { aircraft, errors, records, warnings } = await parse(`time,hex,lat,lon,t\n${T},aaaaaa,1,2,BOEING737\n`);
    expect(aircraft).toEqual([]);
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({ icao24: "aaaaaa", typecode: null });
    expect(warnings).toEqual([{ line: 2, column: "t", reason: "type code longer than 4 characters", value: "BOEING737", action: "dropped" }]);
  });
});
