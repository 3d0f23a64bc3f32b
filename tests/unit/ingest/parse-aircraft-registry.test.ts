import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAircraftRegistry, type AircraftRegistryRecord } from "@/lib/ingest/parse-aircraft-registry";
import type { RowEvent } from "@/lib/ingest/row-event";
import { FileRefusedError, type RowError } from "@/lib/ingest/types";
import { referencePath, streamOf } from "./ingest-test-support";

async function collectRows(events: AsyncIterable<RowEvent<AircraftRegistryRecord>>) {
  const records: AircraftRegistryRecord[] = [];
  const errors: RowError[] = [];
  for await (const event of events) {
    if (event.kind === "record") records.push(event.record);
    else errors.push(event.error);
  }
  return { records, errors };
}
const parseText = (text: string) => collectRows(parseAircraftRegistry(streamOf(text), { fileName: "registry.csv" }));

describe("parseAircraftRegistry: plane-alert-db", () => {
  it("reads the sample, rejecting only rows with a malformed address or type code", async () => {
    const lines = fs.readFileSync(referencePath("plane-alert-db.csv"), "utf8").split("\n").slice(1).filter((l) => l.trim() !== "");
    // Independent expectation: the address is the first cell, the ICAO type the fifth (no quoted commas before it).
    const bad = lines.filter((line) => {
      const cells = line.split(",");
      return !/^[0-9A-Fa-f]{6}$/.test(cells[0] ?? "") || !/^([A-Z0-9]{2,4})?$/.test(cells[4] ?? "");
    });
    const { records, errors } = await collectRows(parseAircraftRegistry(fs.createReadStream(referencePath("plane-alert-db.csv")), { fileName: "pa.csv" }));
    expect(records.length + errors.length).toBe(lines.length);
    expect(errors).toHaveLength(bad.length);
    expect(errors[0]).toEqual({ line: 537, column: "$ICAO", reason: "not a 24-bit address (6 hex digits)", value: "10166" });
    expect(errors.some((e) => e.column === "$ICAO Type" && e.value === "UOSUAV")).toBe(true);
    expect(records[0]).toEqual({
      icao24: "000004",
      registration: "FAC1282",
      typecode: "C295",
      model: "CASA C-295 M",
      operator: "Colombian Aerospace Force",
      operatorIcao: null,
      tags: ["Other Air Forces", "Mil", "Cargo", "Tactical Transport", "Marching Powder"],
      identitySource: "plane-alert-db",
    });
    const quotedLink = records.find((r) => r.icao24 === "ab4c7e");
    expect(quotedLink?.operator).toBe("MI State Police");
  });
});

describe("parseAircraftRegistry: tar1090-db", () => {
  it("reads every row and turns dbflags into tags", async () => {
    const lines = fs.readFileSync(referencePath("tar1090db_focus_CU_VE_RU_heavies.csv"), "utf8").trim().split("\n").length - 1;
    const { records, errors } = await collectRows(
      parseAircraftRegistry(fs.createReadStream(referencePath("tar1090db_focus_CU_VE_RU_heavies.csv")), { fileName: "t.csv" }),
    );
    expect(errors).toEqual([]);
    expect(records).toHaveLength(lines);
    expect(records.find((r) => r.icao24 === "0b04e2")).toEqual({
      icao24: "0b04e2", registration: "CU-T1250", typecode: "IL96", model: "ILYUSHIN Il-96", operator: null,
      operatorIcao: null, tags: [], identitySource: "tar1090-db",
    });
    expect(records.filter((r) => r.tags.includes("military")).length).toBe(65);
    expect(records.filter((r) => r.tags.includes("ladd")).length).toBe(21);
  });
});

describe("parseAircraftRegistry: OpenSky aircraft database", () => {
  it("reads the classic double-quoted layout", async () => {
    const text = [
      '"icao24","registration","manufacturericao","manufacturername","model","typecode","serialnumber","linenumber","icaoaircrafttype","operator","operatorcallsign","operatoricao","operatoriata","owner"',
      '"a0b1c2","N12345","BOEING","Boeing","737-832","B738","30373","","L2J","Delta Air Lines","DELTA","DAL","DL","Wells Fargo"',
      '"a0b1c3","","","","","","","","","","","","",""',
    ].join("\n");
    const { records, errors } = await parseText(text);
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { icao24: "a0b1c2", registration: "N12345", typecode: "B738", model: "737-832", operator: "Delta Air Lines", operatorIcao: "DAL", tags: [], identitySource: "opensky-aircraft-db" },
      { icao24: "a0b1c3", registration: null, typecode: null, model: null, operator: null, operatorIcao: null, tags: [], identitySource: "opensky-aircraft-db" },
    ]);
  });

  it("reads the 2024 single-quoted camelCase layout", async () => {
    const text = "'icao24','timestamp','model','operator','operatorIcao','registration','typecode'\n'4ca2d6','2024-01-01 00:00:00','737-8AS','Ryanair, DAC','RYR','EI-DCL','B738'\n";
    const { records } = await parseText(text);
    expect(records[0]).toMatchObject({ icao24: "4ca2d6", operator: "Ryanair, DAC", operatorIcao: "RYR", registration: "EI-DCL" });
  });

  it("reports bad rows with line, column and reason", async () => {
    const text = "icao24,registration,typecode,operatoricao\nabc,N1,B738,DAL\na0b1c2,N1,B738,DELTA\na0b1c2,N1,B738\n";
    const { errors } = await parseText(text);
    expect(errors).toEqual([
      { line: 2, column: "icao24", reason: "not a 24-bit address (6 hex digits)", value: "abc" },
      { line: 3, column: "operatoricao", reason: "not a 3-letter ICAO operator designator", value: "DELTA" },
      { line: 4, column: null, reason: "row has 3 fields, the header has 4" },
    ]);
  });

  it("removes invisible characters: a right-to-left override would show a registration reversed", async () => {
    const text = "icao24,registration,typecode,operator\na0b1c2,\u202eN12345\u200b,B738,Delta\u2066 Air\u0085\n";
    const { records, errors } = await parseText(text);
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({ registration: "N12345", operator: "Delta Air" });
  });

  it("keeps a row whose registration is no registration, without it", async () => {
    const { records, errors } = await parseText("icao24,registration,typecode\na0b1c2,=HYPERLINK(1),B738\na0b1c3,N/A,B738\n");
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.icao24, r.registration, r.typecode])).toEqual([["a0b1c2", null, "B738"], ["a0b1c3", null, "B738"]]);
  });

  it("refuses an unknown header", async () => {
    const err = await parseText("hex,name\nabcdef,x\n").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileRefusedError);
    expect((err as FileRefusedError).reason).toMatch(/not a known aircraft registry/);
  });
});
