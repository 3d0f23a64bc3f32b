import fs from "node:fs";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endsInsideQuotes, readCsvRows, sniffDelimiter, type CsvRow } from "@/lib/ingest/read-csv-rows";
import { FileRefusedError } from "@/lib/ingest/types";
import { realPath, referencePath } from "./ingest-test-support";

async function rowsOf(text: string, chunkSize = 0, delimiter?: string): Promise<CsvRow[]> {
  const chunks: string[] = [];
  if (chunkSize > 0) for (let i = 0; i < text.length; i += chunkSize) chunks.push(text.slice(i, i + chunkSize));
  else chunks.push(text);
  async function* source() {
    yield* chunks;
  }
  const rows: CsvRow[] = [];
  for await (const batch of readCsvRows(source(), { fileName: "t.csv", ...(delimiter ? { delimiter } : {}) })) rows.push(...batch);
  return rows;
}

describe("readCsvRows", () => {
  it("splits plain lines, skips blank lines and keeps 1-based line numbers (LF and CRLF)", async () => {
    const rows = await rowsOf("a,b,c\r\n1,2,3\r\n\r\n  \n4,,6\n");
    expect(rows).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "2", "3"] },
      { line: 5, fields: ["4", "", "6"] },
    ]);
  });

  it("handles quoted fields with delimiters, doubled quotes and line breaks, numbering the record's first line", async () => {
    const text = 'id,pos,note\n1,"42.1,141.6","say ""hi"""\n2,"a\nb",x\n3,y,z';
    for (const chunkSize of [0, 1, 3, 7]) {
      const rows = await rowsOf(text, chunkSize);
      expect(rows).toEqual([
        { line: 1, fields: ["id", "pos", "note"] },
        { line: 2, fields: ["1", "42.1,141.6", 'say "hi"'] },
        { line: 3, fields: ["2", "a\nb", "x"] },
        { line: 5, fields: ["3", "y", "z"] },
      ]);
    }
  });

  it("turns malformed quoting into a row error and goes on with the next lines", async () => {
    const rows = await rowsOf('a,b\n1,x"y"z\n2,"never closed\n3,ok\n');
    expect(rows[1]).toEqual({ line: 2, error: expect.stringMatching(/malformed quoting/) });
    expect(rows[2]).toEqual({ line: 3, error: "unterminated quoted field (no closing quote)" });
    expect(rows[3]).toEqual({ line: 4, fields: ["3", "ok"] });
  });

  it("costs a stray quote inside an unquoted field its own line only, never the lines after it", async () => {
    const text = 'icao24,callsign,lat\nabc001,AB"C,10\nabc002,OK1,11\nabc003,OK2,12\nabc004,X"Y,13\nabc005,OK3,14\n';
    for (const chunkSize of [0, 5]) {
      const rows = await rowsOf(text, chunkSize);
      expect(rows).toEqual([
        { line: 1, fields: ["icao24", "callsign", "lat"] },
        { line: 2, error: expect.stringMatching(/malformed quoting/) },
        { line: 3, fields: ["abc002", "OK1", "11"] },
        { line: 4, fields: ["abc003", "OK2", "12"] },
        { line: 5, error: expect.stringMatching(/malformed quoting/) },
        { line: 6, fields: ["abc005", "OK3", "14"] },
      ]);
    }
  });

  it("continues a record only while a quoted field is open, as csv-parse reads quotes", () => {
    expect(endsInsideQuotes('1,"a', '"', ",", false)).toBe(true);
    expect(endsInsideQuotes('1,"a""', '"', ",", false)).toBe(true);
    expect(endsInsideQuotes('1,"a"""', '"', ",", false)).toBe(false);
    expect(endsInsideQuotes('1,AB"C', '"', ",", false)).toBe(false);
    expect(endsInsideQuotes('"x', '"', ";", false)).toBe(true);
    expect(endsInsideQuotes('b",2,"c', '"', ",", true)).toBe(true);
    expect(endsInsideQuotes('b",2', '"', ",", true)).toBe(false);
    expect(endsInsideQuotes("1,'a", "'", ",", false)).toBe(true);
  });

  it("reads any well-formed file as csv-parse does, quoted fields with delimiters, quotes and line breaks included", async () => {
    const plain = fc.stringMatching(/^[a-z0-9 .:-]{0,6}$/);
    const quoted = fc.stringMatching(/^[a-z0-9,"\n;]{0,8}$/).map((v) => `"${v.replaceAll('"', '""')}"`);
    const record = fc.array(fc.oneof(plain, quoted), { minLength: 2, maxLength: 5 }).map((fields) => fields.join(","));
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 9 }), async (records, chunkSize) => {
        // A leading blank record would be skipped by both, but numbered differently: keep the first field visible.
        const text = ["h1,h2", ...records].join("\n") + "\n";
        const expected = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
        const rows = await rowsOf(text, chunkSize);
        expect(rows.map((row) => row.fields ?? row.error)).toEqual(expected.filter((r) => !(r.length === 1 && r[0]!.trim() === "")));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a file whose lines end with a lone CR, saying so", async () => {
    await expect(rowsOf("time,icao24,lat,lon\r1,abc123,1,2\r3,abc123,1,2")).rejects.toThrow(FileRefusedError);
    await expect(rowsOf("time,icao24,lat,lon\r1,abc123,1,2\r3,abc123,1,2")).rejects.toThrow(/lone CR/);
  });

  it("sniffs comma, semicolon and tab from the header", async () => {
    expect(sniffDelimiter("a;b;c")).toBe(";");
    expect(sniffDelimiter("a\tb\tc")).toBe("\t");
    expect(sniffDelimiter('"x,y";b;c')).toBe(";");
    expect(sniffDelimiter("single")).toBe(",");
    expect(await rowsOf("a;b\n1,5;2\n")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1,5", "2"] },
    ]);
  });

  it.each([
    ["real", "JL516_Flightradar24_ADS-B_data_granular.csv"],
    ["real", "JL516_3376ab31.csv"],
    ["real", "calfire_opensky_states.csv"],
    ["reference", "plane-alert-db.csv"],
  ])("splits %s/%s exactly as csv-parse does", async (dir, name) => {
    const text = fs.readFileSync(dir === "real" ? realPath(name) : referencePath(name), "utf8");
    const expected = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
    const rows = await rowsOf(text, 4096);
    expect(rows.every((row) => row.fields !== undefined)).toBe(true);
    expect(rows.map((row) => row.fields)).toEqual(expected);
  });
});
