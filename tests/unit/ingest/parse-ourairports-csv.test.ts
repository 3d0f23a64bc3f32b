import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AirportCandidate } from "@/lib/core/reference/select-airports";
import { parseOurAirportsCsv } from "@/lib/ingest/parse-ourairports-csv";
import { FileRefusedError, type RowError } from "@/lib/ingest/types";
import { streamOf } from "./ingest-test-support";

const HEADER =
  "id,ident,type,name,latitude_deg,longitude_deg,elevation_ft,continent,iso_country,iso_region,municipality,scheduled_service,gps_code,iata_code,local_code,home_link,wikipedia_link,keywords";
const SAMPLE = path.resolve(import.meta.dirname, "../../../fixtures/ingest/ourairports-sample.csv");

async function parse(text: string, chunkSize?: number) {
  const records: (AirportCandidate & { line: number })[] = [];
  const errors: RowError[] = [];
  for await (const event of parseOurAirportsCsv(streamOf(text, chunkSize), { fileName: "airports.csv" })) {
    if (event.kind === "record") records.push({ ...event.record, line: event.line });
    else errors.push(event.error);
  }
  return { records, errors };
}

describe("parseOurAirportsCsv", () => {
  it("reads OurAirports rows into candidates with ICAO code, units and country", async () => {
    const { records, errors } = await parse(fs.readFileSync(SAMPLE, "utf8"), 97);
    expect(errors.map((e) => e.line)).toEqual([13, 14, 15, 16]);
    expect(records.find((r) => r.icao === "KGEG")).toEqual({
      line: 2, ident: "KGEG", type: "medium_airport", icao: "KGEG", iata: "GEG", name: "Spokane International Airport",
      country: "US", latDeg: 47.6199, lonDeg: -117.533997, elevationFt: 2376, scheduledService: true,
    });
    // A quoted name with a comma, a negative elevation, and codes that are not ICAO codes.
    expect(records.find((r) => r.ident === "MUHA")?.name).toBe("José Martí International Airport, sample copy");
    const noCode = records.find((r) => r.ident === "AZ-0013");
    expect(noCode).toMatchObject({ icao: null, iata: null, elevationFt: -20, scheduledService: false });
    expect(records.find((r) => r.ident === "WA12")?.icao).toBeNull();
    // The ICAO code comes from gps_code when the ident is a local code.
    expect(records.find((r) => r.ident === "5A8")?.icao).toBe("KGEG");
    expect(records.filter((r) => r.type === "heliport").map((r) => r.ident)).toEqual(["KZZH"]);
  });

  it("rejects bad rows naming the line, the column and the reason", async () => {
    const { errors } = await parse(fs.readFileSync(SAMPLE, "utf8"));
    expect(errors).toEqual([
      { line: 13, column: "latitude_deg", reason: "not a number", value: "abc" },
      { line: 14, column: "iso_country", reason: "not an ISO 3166-1 alpha-2 country code", value: "USA" },
      { line: 15, column: "type", reason: expect.stringContaining("not an OurAirports type"), value: "airstrip" },
      { line: 16, column: null, reason: "row has 6 fields, the header has 18" },
    ]);
  });

  it("checks ranges: latitude, longitude, elevation, scheduled_service", async () => {
    const row = (over: Partial<Record<string, string>>) => {
      const cells: Record<string, string> = {
        id: "1", ident: "KAAA", type: "medium_airport", name: "A", latitude_deg: "10", longitude_deg: "20", elevation_ft: "100",
        continent: "NA", iso_country: "US", iso_region: "US-WA", municipality: "", scheduled_service: "no", gps_code: "KAAA",
        iata_code: "", local_code: "", home_link: "", wikipedia_link: "", keywords: "", ...over,
      };
      return HEADER.split(",").map((c) => cells[c]).join(",");
    };
    const text = [
      HEADER,
      row({ latitude_deg: "91" }),
      row({ longitude_deg: "-180.5" }),
      row({ elevation_ft: "40000" }),
      row({ scheduled_service: "maybe" }),
      row({ name: " " }),
      row({ elevation_ft: "" , icao_code: "" }),
    ].join("\n");
    const { records, errors } = await parse(text);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, "latitude_deg"], [3, "longitude_deg"], [4, "elevation_ft"], [5, "scheduled_service"], [6, "name"],
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ line: 7, elevationFt: null, icao: "KAAA" });
  });

  it("prefers the icao_code column of newer files, in any column order", async () => {
    const text = [
      "ident,name,type,latitude_deg,longitude_deg,elevation_ft,iso_country,scheduled_service,icao_code,gps_code,iata_code",
      "US-0001,Column Order Field,large_airport,1.5,2.5,10,US,yes,KCOL,WA99,COL",
    ].join("\r\n");
    const { records, errors } = await parse(text);
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({ ident: "US-0001", icao: "KCOL", iata: "COL", type: "large_airport", latDeg: 1.5, lonDeg: 2.5 });
  });

  it("refuses a file that is not an OurAirports airports.csv", async () => {
    await expect(parse("icao24,registration,typecode\n0b04e2,CU-T1250,IL96\n")).rejects.toThrow(FileRefusedError);
    await expect(parse("icao24,registration,typecode\n")).rejects.toThrow(/missing columns ident, type, name, latitude_deg/);
    await expect(parse("")).rejects.toThrow(FileRefusedError);
  });
});
