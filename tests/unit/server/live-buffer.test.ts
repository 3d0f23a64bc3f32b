import { describe, expect, it } from "vitest";
import type { CanonicalPosition } from "@/lib/ingest/canonical-position";
import { LiveBuffer, splitBySource } from "@/lib/server/live/live-buffer";
import { parseLiveSourceUrl } from "@/lib/server/live/live-source-url";

const record = (i: number): CanonicalPosition => ({
  time: new Date(Date.UTC(2024, 6, 29, 17, 0, i)), icao24: "0b04e2", callsign: null, latDeg: 20, lonDeg: -75, altitudeBaroFt: 35000,
  altitudeGeoFt: null, groundSpeedKt: 450, trackDeg: 120, verticalRateFpm: 0, squawk: null, onGround: false, source: "ADSB",
});

describe("LiveBuffer: a feed faster than the database waits instead of growing memory", () => {
  it("makes the source wait at the high-water mark until the writer takes the records", async () => {
    const buffer = new LiveBuffer(3, 100);
    expect(buffer.push(record(1), 0)).toBeNull();
    expect(buffer.push(record(2), 0)).toBeNull();
    const waiting = buffer.push(record(3), 0);
    expect(waiting).toBeInstanceOf(Promise);
    let released = false;
    void waiting!.then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    const taken = buffer.take();
    await waiting;
    expect(released).toBe(true);
    expect(taken.records.map((r) => r.time.getUTCSeconds())).toEqual([1, 2, 3]);
    expect(buffer.size).toBe(0);
    expect(buffer.peakRecords).toBe(3);
  });

  it("wakes the writer early when the sources wait, instead of after its timer", async () => {
    const buffer = new LiveBuffer(2, 100);
    const started = Date.now();
    const ready = buffer.ready(10_000);
    buffer.push(record(1), 0);
    void buffer.push(record(2), 0);
    await ready;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe("splitBySource: each feed commits its own batch (its clock)", () => {
  it("keeps each source's records in order with their arrival times, and each identity with the parts that heard its aircraft", () => {
    const buffer = new LiveBuffer(100, 100);
    const other = (i: number): CanonicalPosition => ({ ...record(i), icao24: "3c6444" });
    buffer.push(record(1), 10, 1);
    buffer.push(other(2), 20, 0);
    buffer.push(record(3), 30, 1);
    buffer.push(other(4), 40, 0);
    buffer.identify({ icao24: "3c6444", registration: "D-AIXA", typecode: "A359" });
    buffer.identify({ icao24: "0c0e01", registration: "YV-1", typecode: null });
    const parts = splitBySource(buffer.take());
    expect(parts.map((p) => p.source)).toEqual([0, 1]);
    expect(parts.map((p) => p.batch.records.map((r) => `${r.icao24}@${r.time.getUTCSeconds()}`))).toEqual([["3c6444@2", "3c6444@4"], ["0b04e2@1", "0b04e2@3"]]);
    expect(parts.map((p) => p.batch.receivedAtMs)).toEqual([[20, 40], [10, 30]]);
    expect(parts.map((p) => p.batch.sources)).toEqual([[0, 0], [1, 1]]);
    // An identity no record of this batch carries still goes (with the first part), once.
    expect(parts.map((p) => [...p.batch.identities.keys()])).toEqual([["3c6444", "0c0e01"], []]);
  });
});

describe("parseLiveSourceUrl", () => {
  it("reads SBS-1 and aircraft.json sources", () => {
    expect(parseLiveSourceUrl("sbs1://192.168.1.10:30003")).toEqual({ kind: "sbs1", url: "sbs1://192.168.1.10:30003", host: "192.168.1.10", port: 30003 });
    expect(parseLiveSourceUrl(" aircraft-json+http://pi.local:8080/tar1090/data/aircraft.json ")).toEqual({
      kind: "aircraft-json", url: "aircraft-json+http://pi.local:8080/tar1090/data/aircraft.json", httpUrl: "http://pi.local:8080/tar1090/data/aircraft.json",
    });
  });

  it("refuses other schemes and malformed addresses in words", () => {
    expect(() => parseLiveSourceUrl("ftp://x/y")).toThrow(/unknown source kind ftp/);
    expect(() => parseLiveSourceUrl("sbs1://host:99999")).toThrow(/not a source URL|needs a host and a port/);
    expect(() => parseLiveSourceUrl("30003")).toThrow(/not a source URL/);
  });
});
