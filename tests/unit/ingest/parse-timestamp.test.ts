import { describe, expect, it } from "vitest";
import { parseTimestamp } from "@/lib/ingest/parse-timestamp";

const at = Date.UTC(2024, 0, 2, 7, 41, 3);

describe("parseTimestamp", () => {
  it("reads ISO-8601 with a zone in its common spellings", () => {
    expect(parseTimestamp("2024-01-02T07:41:03Z")).toBe(at);
    expect(parseTimestamp("2024-01-02 07:41:03Z")).toBe(at);
    expect(parseTimestamp("2024-01-02T07:41:03.515Z")).toBe(at + 515);
    expect(parseTimestamp("2024-01-02T08:41:03+01:00")).toBe(at);
    expect(parseTimestamp("2024-01-02T02:41:03-0500")).toBe(at);
    expect(parseTimestamp("2024-01-02T16:41:03+09")).toBe(at);
    expect(parseTimestamp("2024-01-02 07:41:03 UTC")).toBe(at);
    expect(parseTimestamp("2024-01-02T07:41Z")).toBe(at - 3000);
  });

  it("reads FR24 granular's fraction after the Z", () => {
    expect(parseTimestamp("2024-01-02 07:41:03Z.515")).toBe(at + 515);
  });

  it("refuses a zoneless ISO time as ambiguous", () => {
    expect(parseTimestamp("2024-01-02T07:41:03")).toBe("ISO time without a zone is ambiguous: add Z or an offset");
    expect(parseTimestamp("2024-01-02 07:41:03.5")).toMatch(/ambiguous/);
  });

  it("tells Unix seconds from milliseconds by magnitude, keeping fractions to the millisecond", () => {
    expect(parseTimestamp("1704181263")).toBe(at);
    expect(parseTimestamp("1704181263000")).toBe(at);
    expect(parseTimestamp("1704181263.515")).toBe(at + 515);
    expect(parseTimestamp("1738703622.62")).toBe(1738703622620);
    expect(parseTimestamp(" 1704181263 ")).toBe(at);
  });

  it("keeps a year below 100 as that year (then before 1990), never as 19xx", () => {
    expect(parseTimestamp("0095-06-01T00:00:00Z")).toBe(new Date("0095-06-01T00:00:00Z").getTime());
    expect(parseTimestamp("0001-01-01T00:00:00Z")).toBe(new Date("0001-01-01T00:00:00Z").getTime());
  });

  it("refuses a zone offset no zone has, and takes the real extremes", () => {
    expect(parseTimestamp("2024-08-01T10:00:05+99:99")).toMatch(/not a time zone offset/);
    expect(parseTimestamp("2024-08-01T10:00:06-25")).toMatch(/not a time zone offset/);
    expect(parseTimestamp("2024-08-01T10:00:06+05:60")).toMatch(/not a time zone offset/);
    expect(parseTimestamp("2024-01-02T21:41:03+14:00")).toBe(at);
    expect(parseTimestamp("2024-01-01T19:41:03-12:00")).toBe(at);
    expect(parseTimestamp("2024-01-02T13:26:03+0545")).toBe(at);
  });

  it("explains what is wrong with other text", () => {
    expect(parseTimestamp("")).toBe("empty time");
    expect(parseTimestamp("yesterday")).toMatch(/not a time/);
    expect(parseTimestamp("2024-02-30T00:00:00Z")).toBe("not a calendar date");
    expect(parseTimestamp("2024-01-02T24:00:00Z")).toBe("not a time of day");
  });
});
