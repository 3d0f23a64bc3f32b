import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePositions, POSITION_PARSERS } from "@/lib/ingest/parse-positions";
import { FileRefusedError, type FormatName, type ParseEvent } from "@/lib/ingest/types";
import { copyTextRow } from "@/lib/server/ingest/copy-text-row";
import { copyRowMisfit } from "./copy-row-fits-columns";
import { NOW_MS, options, streamOf } from "./ingest-test-support";

/**
 * Properties every position parser keeps, whatever it is given: it yields records, row errors
 * and warnings that name a line and a column, or refuses the file (FileRefusedError) — it
 * throws nothing else; and every record it accepts encodes to COPY text that fits the
 * `positions` columns. Run counts stay modest (this is `npm test`); `npm run fuzz` goes further.
 */
const RUNS = { numRuns: 150 };

/** Cell values that have broken parsers or COPY before, mixed with ordinary and random ones. */
const cell = fc.oneof(
  fc.constantFrom("", " ", "0", "-0", "1965", "7700", "-640.5", "1e-50", "-1e-50", "1e308", "-1e309", "NaN", "Infinity", "0x1F"),
  fc.constantFrom("true", "False", "ground", "maybe", "ABC123  ", "a\u0000b", "\u0001", "\\N", "\\", "\t", "é", "\ud83d\ude80", "\"q\""),
  fc.double().map(String),
  fc.integer({ min: -1e7, max: 2e9 }).map(String),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 6 }),
);
/** Mostly valid (so rows reach the record path), sometimes not (so they reach the error path). */
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: other, weight: 1 });
const address = mostly(
  fc.constantFrom("abcdef", "0b04e2", "ABCDEF", "0xabcdef"),
  fc.oneof(fc.constantFrom("~a1b2c3", "", "zzzzzz"), fc.string({ maxLength: 8 })),
);
const unixS = mostly(fc.integer({ min: 640_000_000, max: 1_760_000_000 }).map(String), fc.oneof(fc.integer({ min: 0, max: 2e9 }).map(String), cell));
const lat = mostly(fc.double({ min: -90, max: 90, noNaN: true }).map(String), fc.oneof(fc.double().map(String), cell));
const lon = mostly(fc.double({ min: -180, max: 180, noNaN: true }).map(String), fc.oneof(fc.double().map(String), cell));
const rowsOf = (row: fc.Arbitrary<string[]>) => fc.array(row, { maxLength: 12 });

/** A CSV line: cells joined by commas, quoted at random so the quote path is exercised too. */
const csvLine = (cells: string[], quote: boolean[]) =>
  cells.map((c, i) => (quote[i % quote.length] ? `"${c.replace(/"/g, '""')}"` : c)).join(",");

const OPENSKY_HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
const opensky = fc
  .tuple(
    rowsOf(fc.tuple(unixS, address, lat, lon, cell, cell, cell, cell, cell, cell, cell, cell, cell, cell, cell, cell)),
    fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
  )
  .map(([rows, quote]) => [OPENSKY_HEADER, ...rows.map((r) => csvLine(r, quote))].join("\n"));

const GENERIC_HEADERS = ["time", "hex", "lat", "lon", "altitude", "alt_m", "geoaltitude", "speed_kmh", "track", "vertical_rate", "vr_ms", "squawk", "callsign", "on_ground", "source", "registration", "type"];
const generic = fc
  .tuple(fc.shuffledSubarray(GENERIC_HEADERS.slice(4)), fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }), fc.constantFrom(",", ";", "\t"))
  .chain(([extra, quote, sep]) => {
    const header = ["time", "hex", "lat", "lon", ...extra];
    const time = fc.oneof(unixS, fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
    const row = fc.tuple(time, address, lat, lon, fc.array(cell, { minLength: extra.length, maxLength: extra.length + 1 }));
    return rowsOf(row.map(([t, a, la, lo, rest]) => [t, a, la, lo, ...rest])).map((rows) =>
      [header.join(sep), ...rows.map((r) => (sep === "," ? csvLine(r, quote) : r.join(sep)))].join("\n"),
    );
  });

const fr24Export = rowsOf(fc.tuple(unixS, cell, cell, fc.tuple(lat, lon).map(([a, b]) => `"${a},${b}"`), cell, cell, cell)).map((rows) =>
  ["Timestamp,UTC,Callsign,Position,Altitude,Speed,Direction", ...rows.map((r) => r.join(","))].join("\n"),
);
const FR24_GRANULAR = "network_time,receiver_time,hex,callsign,latitude,longitude,no_position,altitude,squawk,speed,track,vspeed,on_ground,flags,position_class";
const fr24Granular = rowsOf(
  fc.tuple(unixS, cell, address, cell, lat, lon, fc.constantFrom("P", "N", ""), cell, cell, cell, cell, cell, cell, cell, cell),
).map((rows) => [FR24_GRANULAR, ...rows.map((r) => r.join(","))].join("\n"));

const sbsDate = mostly(fc.constantFrom("2024/01/02", "2025/12/31"), fc.oneof(fc.constantFrom("2024/13/40", ""), cell));
const sbsTime = mostly(fc.constantFrom("07:41:03.515", "23:59:59", "00:00:00.1"), fc.oneof(fc.constantFrom("25:00:00", ""), cell));
const sbs1 = rowsOf(
  fc.tuple(
    mostly(fc.constant("MSG"), fc.constantFrom("STA", "XYZ", "")), mostly(fc.constantFrom("3", "3", "3", "1", "4", "5"), fc.constantFrom("2", "9", "")),
    cell, cell, address, cell,
    sbsDate, sbsTime, sbsDate, sbsTime, cell, cell, cell, cell, lat, lon, cell, cell, cell, cell, cell, cell,
  ),
).map((rows) => rows.map((r) => r.join(",")).join("\n"));

const jsonCell = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(null, "ground", "\u0000", 1e-50, -640.5, 1e308), fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }));
const traceRow = fc.oneof(
  fc.tuple(fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.double({ min: -95, max: 95 }), fc.double({ min: -185, max: 185 }), jsonCell, jsonCell, jsonCell, jsonCell, jsonCell,
    fc.option(fc.record({ flight: fc.oneof(fc.string({ maxLength: 12 }), fc.constant("AB\u0000C  ")), squawk: fc.oneof(fc.string({ maxLength: 5 }), fc.constant("1965")) })), jsonCell, jsonCell),
  fc.jsonValue({ maxDepth: 2 }),
);
const readsb = fc
  .record({
    icao: fc.oneof(fc.constant("ac671b"), fc.constant("~12abcd"), fc.string({ maxLength: 7 })),
    r: fc.oneof(fc.constant("N899DN"), fc.string({ maxLength: 30 }), fc.constant("X".repeat(12_000))),
    t: fc.oneof(fc.constant("B739"), fc.string({ maxLength: 10 })),
    desc: fc.oneof(fc.constant("BOEING"), fc.string({ maxLength: 300 }), fc.constant("\u0000")),
    timestamp: fc.oneof(fc.constant(1738703622.619), fc.double(), fc.string({ maxLength: 4 })),
    trace: fc.array(traceRow, { maxLength: 10 }),
  })
  .map((doc) => JSON.stringify(doc));

/** Runs a parser to the end and checks the contract; returns how many records it accepted. */
async function checkContract(events: () => Promise<AsyncIterable<ParseEvent>>): Promise<number> {
  const received: ParseEvent[] = [];
  try {
    const iterable = await events();
    for await (const event of iterable) received.push(event);
  } catch (error) {
    if (error instanceof FileRefusedError) return 0;
    throw error;
  }
  for (const event of received) {
    if (event.kind === "error") {
      expect(Number.isInteger(event.error.line) && event.error.line >= 1, JSON.stringify(event.error)).toBe(true);
      expect(event.error.column === null || typeof event.error.column === "string").toBe(true);
      expect(event.error.reason.length).toBeGreaterThan(0);
    } else if (event.kind === "record") {
      const misfit = copyRowMisfit(copyTextRow(event.record, "1"));
      expect(misfit, `${misfit} in ${JSON.stringify(event.record)}`).toBeNull();
    }
    for (const warning of event.kind === "error" ? [] : (event.warnings ?? [])) {
      expect(Number.isInteger(warning.line) && warning.line >= 0).toBe(true);
      expect(warning.column === null || typeof warning.column === "string").toBe(true);
      expect(["dropped", "adjusted"]).toContain(warning.action);
    }
  }
  return received.filter((event) => event.kind === "record").length;
}

const FORMATS: [FormatName, fc.Arbitrary<string>, Record<string, string>][] = [
  ["opensky", opensky, {}],
  ["generic-csv", generic, {}],
  ["fr24", fr24Export, { icao24: "8467d8" }],
  ["fr24", fr24Granular, {}],
  ["sbs1", sbs1, {}],
  ["readsb-trace", readsb, {}],
];

describe("every position parser, for any input", () => {
  it.each(FORMATS.map(([format, arbitrary, extra], i) => [`${format} #${i}`, format, arbitrary, extra] as const))(
    "%s: yields records that fit COPY, or errors with a line and column, or refuses the file",
    async (_name, format, arbitrary, extra) => {
      let records = 0;
      await fc.assert(
        fc.asyncProperty(arbitrary, fc.integer({ min: 1, max: 64 }), async (text, chunk) => {
          records += await checkContract(async () => POSITION_PARSERS[format](streamOf(text, chunk), options(extra)));
        }),
        RUNS,
      );
      // The inputs must reach the record path, or the COPY half of the property checks nothing.
      expect(records).toBeGreaterThan(10);
    },
  );

  it("any bytes through format detection: the same contract", async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.tuple(fc.oneof(opensky, generic, sbs1, readsb), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([text, at, byte]) => {
        const buffer = Buffer.from(text, "utf8");
        if (buffer.length > 0) buffer[at % buffer.length] = byte;
        return new Uint8Array(buffer);
      }),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (data) => {
        await checkContract(async () => (await parsePositions(streamOf(Buffer.from(data)), options())).events);
      }),
      RUNS,
    );
  });

  it("the canonical fit: values near 0, fractions and control characters never break COPY, and keep the row", async () => {
    const small = fc.oneof(fc.double(), fc.double({ min: -1e-20, max: 1e-20 }), fc.double({ min: -500, max: 500 }));
    // NUL is left out: a CSV with NUL is refused as binary before any row is read.
    const callsigns = fc.string({ unit: "binary", maxLength: 9 }).map((text) => text.replace(/\u0000/g, ""));
    await fc.assert(
      fc.asyncProperty(small, small, small, callsigns, async (speed, track, rate, callsign) => {
        const text = `time,hex,lat,lon,speed,track,vertical_rate,callsign\n${NOW_MS / 1000 - 60},abcdef,1,2,${speed},${track},${rate},"${callsign.replace(/"/g, '""')}"\n`;
        expect(await checkContract(async () => POSITION_PARSERS["generic-csv"](streamOf(text), options()))).toBe(1);
      }),
      RUNS,
    );
  });
});
