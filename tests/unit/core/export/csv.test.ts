import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { neutraliseCell, toCsvText } from "@/lib/core/export/csv-text";
import { trackCsv, TRACK_CSV_COLUMNS } from "@/lib/core/export/track-csv";
import { flagsCsv } from "@/lib/core/export/flags-csv";
import { describeFlag } from "@/lib/core/format/describe-flag";
import { fixtureFlight } from "./flight-fixture";

const rowsOf = (csv: string): Record<string, string>[] => parse(csv, { columns: true });

describe("neutraliseCell", () => {
  it("quotes text that a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseCell(s)).toBe(`'${s}`);
  });

  it("leaves numbers, booleans, null and ordinary text alone", () => {
    expect(neutraliseCell(-75.3)).toBe(-75.3);
    expect(neutraliseCell(0)).toBe(0);
    expect(neutraliseCell(true)).toBe(true);
    expect(neutraliseCell(null)).toBeNull();
    expect(neutraliseCell(undefined)).toBeNull();
    expect(neutraliseCell("CUB1234")).toBe("CUB1234");
    expect(neutraliseCell("a=b")).toBe("a=b");
    expect(neutraliseCell(Number.NaN)).toBeNull();
    expect(neutraliseCell(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe("toCsvText", () => {
  it("writes a header, CRLF lines, numbers as numbers and text neutralised", () => {
    const csv = toCsvText([{ lon: -75.3, text: "-75.3", ok: true, bad: false, none: null, quoted: 'a, "b"' }], ["lon", "text", "ok", "bad", "none", "quoted"]);
    expect(csv).toBe(`lon,text,ok,bad,none,quoted\r\n-75.3,'-75.3,true,false,,"a, ""b"""\r\n`);
  });

  it("keeps the column order given, and leaves out other keys", () => {
    expect(toCsvText([{ b: 2, a: 1, c: 3 }], ["a", "b"])).toBe("a,b\r\n1,2\r\n");
    expect(toCsvText([], ["a", "b"])).toBe("a,b\r\n");
  });
});

describe("trackCsv", () => {
  it("writes every position, in order, with units in the column names", () => {
    const { flight, positions } = fixtureFlight();
    const rows = rowsOf(trackCsv(flight, positions));
    expect(Object.keys(rows[0]!)).toEqual([...TRACK_CSV_COLUMNS]);
    expect(rows).toHaveLength(positions.length);
    const first = positions[0]!;
    expect(rows[0]).toMatchObject({ time_utc: new Date(first.timeMs).toISOString(), icao24: "0b04e2", callsign: "CUB1234", on_ground: "true", altitude_ft: "", source: "ADSB", squawk: "1000" });
    rows.forEach((r, i) => {
      expect(Number(r.lat_deg)).toBe(positions[i]!.latDeg);
      expect(Number(r.lon_deg)).toBe(positions[i]!.lonDeg);
    });
    expect(rows[5]!.callsign).toBe(""); // that message carried no callsign
  });

  it("marks the last position before each gap with its honest label", () => {
    const { flight, positions } = fixtureFlight({ openGap: true });
    const rows = rowsOf(trackCsv(flight, positions));
    const marked = rows.filter((r) => r.gap_after !== "");
    expect(marked.map((r) => r.gap_after)).toEqual(["suspected switch-off", "gap", "gap (open)"]);
    expect(marked.map((r) => r.time_utc)).toEqual(flight.gaps.map((g) => new Date(g.offTimeMs).toISOString()));
    expect(Number(marked[0]!.gap_after_min)).toBeCloseTo(flight.gaps[0]!.durationS / 60, 1);
    expect(rows[rows.length - 1]!.gap_after).toBe("gap (open)");
  });

  it("neutralises a formula in the callsign, and the text parses back to the neutralised value", () => {
    const evil = '=HYPERLINK("http://x")';
    const { flight, positions } = fixtureFlight({ callsign: evil });
    const csv = trackCsv(flight, positions);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    const rows = rowsOf(csv);
    expect(rows[0]!.callsign).toBe(`'${evil}`);
    // Negative longitudes are numbers, not formulas: untouched.
    expect(rows[0]!.lon_deg).toBe(String(positions[0]!.lonDeg));
    expect(rows[0]!.lon_deg!.startsWith("-")).toBe(true);
  });
});

describe("flagsCsv", () => {
  it("writes one row per flag in plain words", () => {
    const { flight } = fixtureFlight();
    const rows = rowsOf(flagsCsv(flight));
    expect(rows.map((r) => r.kind)).toEqual(flight.flags.map((f) => f.kind));
    expect(rows.map((r) => r.label)).toEqual(["type of interest", "cuba venezuela", "unscheduled", "suspected switch-off", "gap", "zone avoidance"]);
    rows.forEach((r, i) => {
      const f = flight.flags[i]!;
      expect(r.sentence).toBe(describeFlag(f).sentence);
      expect(r.window_start_utc).toBe(new Date(f.windowStartMs).toISOString());
      expect(r.window_end_utc).toBe(new Date(f.windowEndMs).toISOString());
      expect(r.rule_version).toBe(f.ruleVersion);
    });
    expect(rows[4]!.details!.split(" | ")).toEqual(describeFlag(flight.flags[4]!).details);
  });
});
