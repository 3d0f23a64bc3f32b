import { describe, expect, it } from "vitest";
import { AircraftOrderedRows } from "@/lib/server/ingest/aircraft-ordered-rows";

const row = (icao24: string, timeMs: number, line: number) => `${icao24}\t${timeMs}\t${line}\n`;

/** Gather rows given as [icao24, timeMs, line]; the text of a row names all three. */
function gather(rows: AircraftOrderedRows, input: [string, number, number][]): void {
  for (const [icao24, timeMs, line] of input) rows.add(row(icao24, timeMs, line), icao24, timeMs, line);
}

describe("AircraftOrderedRows", () => {
  it("sends a run by aircraft, then time, then file order, and knows each sent row's file line", () => {
    const rows = new AircraftOrderedRows(100);
    gather(rows, [["000bbb", 10, 2], ["000aaa", 10, 3], ["000bbb", 5, 4], ["000aaa", 20, 5], ["000ccc", 1, 6], ["000aaa", 20, 7]]);
    const text = rows.take(1 << 20).join("");
    expect(text.trim().split("\n").map((l) => l.split("\t")[2])).toEqual(["3", "5", "7", "4", "2", "6"]);
    expect([1, 2, 3, 4, 5, 6].map((r) => rows.lineOfRow(r))).toEqual([3, 5, 7, 4, 2, 6]);
    expect(rows.sentRows).toBe(6);
    expect(rows.size).toBe(0);
  });

  it("orders addresses by their value, as PostgreSQL orders their hex text", () => {
    const rows = new AircraftOrderedRows(10);
    gather(rows, [["f00000", 1, 2], ["0a0000", 1, 3], ["a00000", 1, 4], ["09ffff", 1, 5]]);
    expect(rows.take(1 << 20).join("").trim().split("\n").map((l) => l.split("\t")[0])).toEqual(["09ffff", "0a0000", "a00000", "f00000"]);
  });

  it("says when a run is full, cuts its text into pieces, and numbers later runs after the earlier ones", () => {
    const rows = new AircraftOrderedRows(3);
    expect(rows.add(row("00000b", 1, 2), "00000b", 1, 2)).toBe(false);
    expect(rows.add(row("00000a", 1, 3), "00000a", 1, 3)).toBe(false);
    expect(rows.add(row("00000c", 1, 4), "00000c", 1, 4)).toBe(true);
    const pieces = rows.take(1);
    expect(pieces).toHaveLength(3);
    gather(rows, [["00000f", 2, 5], ["00000e", 2, 6]]);
    rows.take(1 << 20);
    expect([4, 5].map((r) => rows.lineOfRow(r))).toEqual([6, 5]);
    expect(rows.lineOf({ where: "COPY positions, line 2, column lat_deg: \"x\"" }, 3)).toBe(5);
    expect(rows.lineOf({ where: "somewhere else" }, 0)).toBeNull();
  });

  it("forgets the lines of runs long sent, rather than keep one number per row of the file", () => {
    const rows = new AircraftOrderedRows(2);
    for (let run = 0; run < 10; run++) {
      gather(rows, [["00000b", run, 100 + 2 * run], ["00000a", run, 101 + 2 * run]]);
      rows.take(1 << 20);
    }
    expect(rows.lineOfRow(1)).toBeNull();
    expect(rows.lineOfRow(19)).toBe(119);
    expect(rows.lineOfRow(20)).toBe(118);
    expect(rows.lineOfRow(21)).toBeNull();
  });
});
