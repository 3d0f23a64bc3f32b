import fc from "fast-check";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGenericCsv } from "@/lib/ingest/parse-generic-csv";
import { parseReadsbTrace } from "@/lib/ingest/parse-readsb-trace";
import type { ParseEvent } from "@/lib/ingest/types";
import { COPY_COLUMNS, copyTextRow } from "@/lib/server/ingest/copy-text-row";
import { Readable } from "node:stream";

/**
 * The COPY half of the parser property, against PostgreSQL itself: whatever odd values a file
 * holds, the records a parser accepts COPY into a table shaped like `positions`.
 */
const nowMs = Date.parse("2026-01-01T00:00:00Z");
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  // Same columns and types as positions, without its keys: generated rows may repeat.
  await client.query("CREATE TEMP TABLE fitted_positions (LIKE positions INCLUDING DEFAULTS)");
});
afterAll(async () => {
  await client.end();
});

async function copyAccepted(events: AsyncIterable<ParseEvent>): Promise<number> {
  let text = "";
  let records = 0;
  for await (const event of events) {
    if (event.kind !== "record") continue;
    text += copyTextRow(event.record, "1");
    records += 1;
  }
  if (records === 0) return 0;
  const copy = client.query(copyFrom(`COPY fitted_positions (${COPY_COLUMNS.join(", ")}) FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    copy.on("error", reject);
    copy.on("finish", resolve);
    copy.end(text);
  });
  return records;
}

const odd = fc.oneof(
  fc.constantFrom("-640.5", "1e-50", "1e-45", "-1e-40", "0.1", "1965", "7700", "a\u0001b", "\\", "\\N", "ABCDEFGHIJ", "é", "\ud83d\ude80"),
  fc.double({ min: -40000, max: 70000 }).map(String),
  fc.double({ min: -1e-30, max: 1e-30 }).map(String),
);

describe("accepted records COPY into PostgreSQL", () => {
  it("generic CSV with odd optional values", async () => {
    let total = 0;
    let generated = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(odd, odd, odd, odd, odd, odd), { minLength: 1, maxLength: 15 }), async (rows) => {
        generated += rows.length;
        const lines = rows.map((cells, i) => [1722500000 + i, "abcdef", 18, -76, ...cells.map((c) => `"${c.replace(/"/g, '""')}"`)].join(","));
        const text = ["time,hex,lat,lon,alt_ft,speed,track,vertical_rate,callsign,squawk", ...lines].join("\n");
        total += await copyAccepted(parseGenericCsv(Readable.from([Buffer.from(text)]), { fileName: "p.csv", nowMs }));
      }),
      { numRuns: 40 },
    );
    // Time, address and position are valid on every row: an odd optional value costs that value,
    // never the row. (A fixed "> 200" failed on seeds whose 40 arrays held 192 rows in all.)
    expect(total).toBe(generated);
  });

  it("readsb traces with odd cells and identities", async () => {
    const cell = fc.oneof(fc.double({ min: -1e5, max: 1e5 }), fc.constantFrom(null, "ground", -640.5, 1e-50, 1e-320));
    const row = fc.tuple(fc.nat(1000), fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), cell, cell, cell, fc.nat(15), cell,
      fc.record({ flight: fc.string({ unit: "binary", maxLength: 10 }), squawk: fc.constantFrom("1965", "7700", "\u0000") }), fc.constantFrom("adsb_icao", "mlat", 7));
    let total = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 15 }), async (trace) => {
        const doc = JSON.stringify({ icao: "abcdef", r: "R".repeat(40), t: "T\u0000", timestamp: 1722500000, trace });
        total += await copyAccepted(parseReadsbTrace(Readable.from([Buffer.from(doc)]), { fileName: "t.json", nowMs }));
      }),
      { numRuns: 40 },
    );
    expect(total).toBeGreaterThan(100);
  });
});
