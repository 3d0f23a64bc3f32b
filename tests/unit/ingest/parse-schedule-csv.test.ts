import { describe, expect, it } from "vitest";
import { parseScheduleCsv, type ScheduleRecord } from "@/lib/ingest/parse-schedule-csv";
import { FileRefusedError, type RowError } from "@/lib/ingest/types";
import { streamOf } from "./ingest-test-support";

const HEADER = "callsign,origin,destination,days,dep_utc,arr_utc,valid_from,valid_to";

async function parse(text: string) {
  const records: ScheduleRecord[] = [];
  const errors: RowError[] = [];
  for await (const event of parseScheduleCsv(streamOf(text), { fileName: "schedule.csv" })) {
    if (event.kind === "record") records.push(event.record);
    else errors.push(event.error);
  }
  return { records, errors };
}

describe("parseScheduleCsv", () => {
  it("reads rows in any column order, with optional and extra columns", async () => {
    const text = [
      "Valid_To,valid_from,callsign,origin,destination,days,dep_utc,arr_utc,operator,flight_number,typecode,comment",
      "2025-03-31,2025-01-01,cub123,muha,svmi,7531,13:05,16:40,Cubana,CU123,a320,seen twice",
      "2025-03-31,2025-01-01,CUB124,MUHA,SVMI,Daily,9:05,01:10,,,,",
    ].join("\n");
    const { records, errors } = await parse(text);
    expect(errors).toEqual([]);
    expect(records).toEqual([
      {
        callsign: "CUB123", originIcao: "MUHA", destinationIcao: "SVMI", weekdays: "1357", departureUtc: "13:05", arrivalUtc: "16:40",
        validFrom: "2025-01-01", validTo: "2025-03-31", operator: "Cubana", flightNumber: "CU123", typecode: "A320",
      },
      {
        callsign: "CUB124", originIcao: "MUHA", destinationIcao: "SVMI", weekdays: "1234567", departureUtc: "09:05", arrivalUtc: "01:10",
        validFrom: "2025-01-01", validTo: "2025-03-31", operator: null, flightNumber: null, typecode: null,
      },
    ]);
  });

  it("rejects bad rows naming the column and the reason", async () => {
    const rows = [
      "CUB1,HAV,SVMI,1357,13:05,16:40,2025-01-01,2025-03-31",
      "CUB2,MUHA,SVMI,1358,13:05,16:40,2025-01-01,2025-03-31",
      "CUB3,MUHA,SVMI,135,25:00,16:40,2025-01-01,2025-03-31",
      "CUB4,MUHA,SVMI,135,13:05,16:40,2025-02-30,2025-03-31",
      "CUB5,MUHA,SVMI,135,13:05,16:40,2025-04-01,2025-03-31",
      "CUB 6,MUHA,SVMI,135,13:05,16:40,2025-01-01,2025-03-31",
      "CUB7,MUHA,SVMI,135,13:05,16:40,2025-01-01",
      "CUB8,MUHA,SVMI,,13:05,16:40,2025-01-01,2025-03-31",
      "CUB9,MUHA,SV,135,13:05,16:40,2025-01-01,2025-03-31",
    ];
    const { records, errors } = await parse([HEADER, ...rows].join("\n"));
    expect(records).toEqual([]);
    expect(errors).toEqual([
      { line: 2, column: "origin", reason: '"HAV" looks like an IATA code: an ICAO airport code (4 characters, e.g. MUHA) is expected', value: "HAV" },
      { line: 3, column: "days", reason: 'not ISO weekday digits (1-7, e.g. 1357) or "daily"', value: "1358" },
      { line: 4, column: "dep_utc", reason: "not a UTC time HH:MM", value: "25:00" },
      { line: 5, column: "valid_from", reason: "not a date YYYY-MM-DD", value: "2025-02-30" },
      { line: 6, column: "valid_to", reason: "valid_to is before valid_from", value: "2025-03-31" },
      { line: 7, column: "callsign", reason: "not a callsign (2-8 letters or digits)", value: "CUB 6" },
      { line: 8, column: null, reason: "row has 7 fields, the header has 8" },
      { line: 9, column: "days", reason: 'not ISO weekday digits (1-7, e.g. 1357) or "daily"', value: "" },
      { line: 10, column: "destination", reason: "not an ICAO airport code (4 characters, e.g. MUHA)", value: "SV" },
    ]);
  });

  it("refuses a file without the required header columns", async () => {
    const err = await parse("CUB1,MUHA,SVMI,1357,13:05,16:40,2025-01-01,2025-03-31\n").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileRefusedError);
    expect((err as FileRefusedError).reason).toMatch(/missing schedule columns callsign, origin, destination, days, dep_utc, arr_utc, valid_from, valid_to/);
    const partial = await parse("callsign,origin,destination,days\n").catch((e: unknown) => e);
    expect((partial as FileRefusedError).reason).toMatch(/missing schedule columns dep_utc, arr_utc, valid_from, valid_to/);
  });
});
