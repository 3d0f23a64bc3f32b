import { describe, expect, it } from "vitest";
import type { CanonicalPosition } from "@/lib/ingest/canonical-position";
import { LiveBuffer } from "@/lib/server/live/live-buffer";
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
