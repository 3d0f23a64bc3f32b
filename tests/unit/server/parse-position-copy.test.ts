import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TrackPoint } from "@/lib/core/model/track-point";
import { POSITION_SOURCES } from "@/lib/ingest/canonical-position";
import { createPositionCopyParser, createPositionRowParser } from "@/lib/server/detection/parse-position-copy";

/** PostgreSQL's binary COPY of a text key and POSITION_COPY_COLUMNS (the source as its index), written by hand. */
const PG_EPOCH_MS = 946_684_800_000;
const field = (bytes: Buffer | null) => {
  const length = Buffer.alloc(4);
  length.writeInt32BE(bytes === null ? -1 : bytes.length);
  return bytes === null ? length : Buffer.concat([length, bytes]);
};
const bytesOf = (size: number, write: (b: Buffer) => void) => {
  const b = Buffer.alloc(size);
  write(b);
  return b;
};
const int32 = (n: number | null) => (n === null ? null : bytesOf(4, (b) => b.writeInt32BE(n)));
const float4 = (n: number | null) => (n === null ? null : bytesOf(4, (b) => b.writeFloatBE(n)));
const float8 = (n: number) => bytesOf(8, (b) => b.writeDoubleBE(n));
const timestamp = (ms: number) => bytesOf(8, (b) => b.writeBigInt64BE(BigInt(Math.round((ms - PG_EPOCH_MS) * 1000))));

function copyStream(rows: { key: string; point: TrackPoint }[]): Buffer {
  const header = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
  const tuples = rows.map(({ key, point: p }) =>
    Buffer.concat([
      Buffer.from([0, 11]),
      field(Buffer.from(key, "latin1")),
      field(timestamp(p.timeMs)),
      field(float8(p.latDeg)),
      field(float8(p.lonDeg)),
      field(int32(p.altitudeFt)),
      field(float4(p.groundSpeedKt)),
      field(float4(p.trackDeg)),
      field(int32(p.verticalRateFpm)),
      field(Buffer.from([p.onGround ? 1 : 0])),
      field(bytesOf(2, (b) => b.writeInt16BE(POSITION_SOURCES.indexOf(p.source)))),
      field(p.callsign === null ? null : Buffer.from(p.callsign, "utf8")),
    ]),
  );
  return Buffer.concat([header, ...tuples, Buffer.from([0xff, 0xff])]);
}

const point = fc.record({
  timeMs: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
  latDeg: fc.double({ min: -90, max: 90, noNaN: true }),
  lonDeg: fc.double({ min: -180, max: 180, noNaN: true }),
  altitudeFt: fc.option(fc.integer({ min: -1000, max: 60_000 })),
  groundSpeedKt: fc.option(fc.integer({ min: 0, max: 700 })),
  trackDeg: fc.option(fc.integer({ min: 0, max: 359 })),
  verticalRateFpm: fc.option(fc.integer({ min: -6000, max: 6000 })),
  onGround: fc.boolean(),
  source: fc.constantFrom(...POSITION_SOURCES),
  // Few distinct values, so rows repeat the one before (and change back): ñ is two bytes in UTF-8.
  callsign: fc.constantFrom(null, "CUB1", "CUB12", "CUB2", "AÑO1", "VEN3"),
});
const row = fc.record({ key: fc.constantFrom("0b0a1c", "0b0a1d", "7c1e2f", "1", "12"), point });

describe("createPositionCopyParser", () => {
  it("reads every row whole, whatever the chunks the stream arrives in", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }), (rows, cuts) => {
        const bytes = copyStream(rows);
        const parsed: { key: string; point: TrackPoint }[] = [];
        const parser = createPositionCopyParser((key, p) => parsed.push({ key, point: { ...p } }));
        for (let at = 0, i = 0; at < bytes.length; i++) {
          const size = cuts[i % cuts.length]!;
          parser.push(bytes.subarray(at, at + size));
          at += size;
        }
        parser.end();
        expect(parsed).toEqual(rows);
      }),
    );
  });

  it("row parser: hands over one view per parser, holding each row in turn", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 30 }), (rows) => {
        const views = new Set<object>();
        const copies: { key: string; point: TrackPoint }[] = [];
        const parser = createPositionRowParser((key, p) => {
          views.add(p);
          copies.push({ key, point: { ...p } });
        });
        parser.push(copyStream(rows));
        parser.end();
        expect(views.size).toBe(1);
        expect(copies).toEqual(rows);
      }),
    );
  });

  it("refuses a source outside the list, as a new enum label the columns' CASE does not name would come (NULL)", () => {
    const bytes = copyStream([{ key: "0b0a1c", point: { timeMs: 1_700_000_000_000, latDeg: 10, lonDeg: -66, altitudeFt: 30_000, groundSpeedKt: 450, trackDeg: 10, verticalRateFpm: 0, onGround: false, source: "OTHER", callsign: "CUB1" } }]);
    // The source field sits before the callsign's: its two bytes (index 7) become -1 in length, dropping the value.
    const at = bytes.length - 2 - (4 + 4) - (4 + 2);
    expect(bytes.readInt32BE(at)).toBe(2);
    const unknown = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xff, 0xff, 0xff]), bytes.subarray(at + 6)]);
    expect(() => createPositionCopyParser(() => undefined).push(unknown)).toThrow(/source is not one of/);
  });

  it("refuses a stream that ends inside a row", () => {
    const bytes = copyStream([{ key: "0b0a1c", point: { timeMs: 1_700_000_000_000, latDeg: 10, lonDeg: -66, altitudeFt: 30_000, groundSpeedKt: 450, trackDeg: 10, verticalRateFpm: 0, onGround: false, source: "ADSB", callsign: "CUB1" } }]);
    const parser = createPositionCopyParser(() => undefined);
    parser.push(bytes.subarray(0, bytes.length - 7));
    expect(() => parser.end()).toThrow(/inside a row/);
  });
});
