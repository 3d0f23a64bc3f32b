import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { detectFormat } from "@/lib/ingest/detect-format";
import { FileRefusedError } from "@/lib/ingest/types";
import { realPath } from "./ingest-test-support";

const head = (name: string) => fs.readFileSync(realPath(name), "utf8").slice(0, 64 * 1024);

function refusedReason(text: string): string {
  try {
    detectFormat(text, "mystery.txt");
  } catch (err) {
    expect(err).toBeInstanceOf(FileRefusedError);
    return (err as FileRefusedError).reason;
  }
  throw new Error("expected a refusal");
}

describe("detectFormat", () => {
  it.each([
    ["switzerland_opensky_states.csv", "opensky"],
    ["calfire_opensky_states.csv", "opensky"],
    ["trace_full_ac671b_opensky_states.csv", "opensky"],
    ["trace_full_ac671b.json", "readsb-trace"],
    ["JL516_3376ab31.csv", "fr24"],
    ["JL516_Flightradar24_ADS-B_data_granular.csv", "fr24"],
  ])("reads %s as %s", (name, format) => {
    expect(detectFormat(head(name), name)).toBe(format);
  });

  it("decides by content, not by the file name", () => {
    expect(detectFormat(head("trace_full_ac671b.json"), "renamed.csv")).toBe("readsb-trace");
  });

  it("recognises SBS-1 lines even when the first line is a status message", () => {
    const sbs = "STA,,5,179,400AE7,10103,2008/11/28,14:58:51.153,2008/11/28,14:58:51.153,RM\nMSG,3,1,1,4CA2D6,1,2024/01/02,07:41:03.515,2024/01/02,07:41:03.515,,37000,,,51.4,-0.4,,,0,0,0,0\n";
    expect(detectFormat(sbs, "feed.txt")).toBe("sbs1");
    expect(detectFormat("MSG,1,1,1,4CA2D6,1,2024/01/02,07:41:03.515,2024/01/02,07:41:03.515,RYR1AB,,,,,,,,,,,\n", "x")).toBe("sbs1");
  });

  it("tells OpenSky (metres, m/s) from a generic CSV that reuses some of its names", () => {
    expect(detectFormat("time,icao24,lat,lon,baroaltitude\n", "x")).toBe("opensky");
    expect(detectFormat("time,icao24,lat,lon,altitude\n", "x")).toBe("generic-csv");
  });

  it("accepts generic headers with aliases, quotes, other separators and a BOM", () => {
    expect(detectFormat("\uFEFFTimestamp;Hex;Latitude;Longitude;Alt_M\n", "x")).toBe("generic-csv");
    expect(detectFormat('"ts"\t"address"\t"lat"\t"lng"\n', "x")).toBe("generic-csv");
    expect(detectFormat("utc,lat,long\n", "x")).toBe("generic-csv");
  });

  it("names the one column a position CSV lacks", () => {
    expect(refusedReason("time,icao24,lat\n1722945600,0b04e2,22.9\n")).toBe(
      'a CSV of positions without a longitude column (its header may name it lon, lng, long, longitude, lon_deg); the first line is "time,icao24,lat"',
    );
    expect(refusedReason("icao24;lat;lon\n")).toMatch(/^a CSV of positions without a time column \(its header may name it time, timestamp/);
  });

  it("refuses JSON that is not a trace, naming what was expected", () => {
    expect(refusedReason('{"aircraft": []}')).toMatch(/not a readsb.*"icao" and "trace"/);
    expect(refusedReason("[1,2,3]")).toMatch(/trace_full/);
  });

  it("refuses an unknown CSV and whitespace-only text, explaining the expected formats", () => {
    const reason = refusedReason("name,age\nbob,3\n");
    expect(reason).toMatch(/unrecognised format/);
    expect(reason).toMatch(/OpenSky/);
    expect(reason).toMatch(/Flightradar24/);
    expect(reason).toContain('"name,age"');
    expect(refusedReason(" \n\n ")).toMatch(/empty file/);
  });
});
