import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { importPositionsFile, type ImportOutcome } from "@/lib/server/ingest/import-positions-file";
import { sharedDataPath } from "../support/shared-data";

/** Issue 14: odd but valid values keep their rows, fit their columns, and are reported. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-field-warnings-"));
const nowMs = Date.parse("2026-11-29T00:00:00Z");
const T = 1722500000;

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function imported(outcome: ImportOutcome) {
  if (outcome.status !== "imported") throw new Error(`expected an import, got ${JSON.stringify(outcome).slice(0, 2000)}`);
  return outcome;
}

beforeAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, detection_requests CASCADE");
});
afterAll(async () => {
  await closeDbPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("field-level validation through the import", () => {
  it("imports all 9,955 calfire positions, reporting the 4 garbage geoaltitudes as values dropped", async () => {
    const file = sharedDataPath("real", "calfire_opensky_states.csv");
    const outcome = imported(await importPositionsFile({ path: file, fileName: "calfire_opensky_states.csv", nowMs }));
    expect(outcome.accepted).toBe(9955);
    expect(outcome.rejections.rejected).toBe(0);
    expect(outcome.fieldWarnings).toMatchObject({ dropped: 4, adjusted: 0, reasons: [{ reason: "above 60000 ft", count: 4 }] });
    expect(outcome.fieldWarnings.rows[0]).toMatchObject({ line: 467, column: "geoaltitude", value: "23218.14" });
    const stored = await dbPool().query(`SELECT count(*)::int AS n, report FROM import_batches b JOIN positions p ON p.batch_id = b.id WHERE b.id = $1 GROUP BY b.report`, [outcome.batchId]);
    expect(stored.rows[0].n).toBe(9955);
    expect(stored.rows[0].report.fieldWarnings).toMatchObject({ dropped: 4 });
  });

  it("keeps every row of a generic CSV with a decimal squawk", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${T + i},0c0001,18.0,-76.${i},1965`);
    const outcome = imported(await importPositionsFile({ path: write("squawk.csv", ["time,hex,lat,lon,squawk", ...rows].join("\n")), fileName: "squawk.csv", nowMs }));
    expect(outcome).toMatchObject({ accepted: 20, rejections: { rejected: 0 }, fieldWarnings: { dropped: 20 } });
  });

  it("stores values PostgreSQL refused before: fractional rates, 1e-50 speeds, a NUL in a callsign, 12,000-character identities", async () => {
    const csv = write("odd.csv", ["time,hex,lat,lon,speed,track,vertical_rate", `${T},0c0002,18,-76,1e-50,1e-50,-640.5`].join("\n"));
    const csvOutcome = imported(await importPositionsFile({ path: csv, fileName: "odd.csv", nowMs }));
    expect(csvOutcome.fieldWarnings.adjusted).toBe(3);
    const long = "Y".repeat(12_000);
    const trace = write(
      "trace_full_0c0003.json",
      JSON.stringify({ icao: "0c0003", r: long, t: long, desc: long, timestamp: T, trace: [[0, 18, -76, 5000, 300, 90, 0, -640.5, { flight: "AB\u0000C" }, "adsb_icao"]] }),
    );
    const traceOutcome = imported(await importPositionsFile({ path: trace, fileName: "trace_full_0c0003.json", nowMs }));
    expect(traceOutcome.fieldWarnings).toMatchObject({ dropped: 2, adjusted: 3 });
    const { rows } = await dbPool().query(
      `SELECT p.icao24, p.ground_speed_kt, p.vertical_rate_fpm, p.callsign, a.registration, length(a.model) AS model_chars
         FROM positions p JOIN aircraft a USING (icao24) WHERE p.icao24 IN ('0c0002', '0c0003') ORDER BY p.icao24`,
    );
    expect(rows).toEqual([
      { icao24: "0c0002", ground_speed_kt: 0, vertical_rate_fpm: -640, callsign: null, registration: null, model_chars: null },
      { icao24: "0c0003", ground_speed_kt: 300, vertical_rate_fpm: -640, callsign: "ABC", registration: null, model_chars: 200 },
    ]);
  });

  it("keeps a report whose values held NUL or lone surrogates (found by npm run fuzz: jsonb refused it)", async () => {
    const trace = write(
      "trace_full_0c0004.json",
      JSON.stringify({ icao: "0c0004", r: "N1\u0000", t: "B7\ud800", timestamp: T, trace: [[0, 18, -76, 5000, 300, 90, 0, 0, null, "adsb_icao"]] }),
    );
    const outcome = imported(await importPositionsFile({ path: trace, fileName: "trace_full_0c0004.json", nowMs }));
    // The type code with a lone surrogate is no type code: dropped, and its value reported (as U+FFFD, which jsonb takes).
    expect(outcome.fieldWarnings.rows.map((w) => w.value)).toEqual(["N1\\u0000", "B7\ufffd"]);
    const { rows } = await dbPool().query(`SELECT registration, typecode FROM aircraft WHERE icao24 = '0c0004'`);
    expect(rows).toEqual([{ registration: "N1", typecode: null }]);
  });
});
