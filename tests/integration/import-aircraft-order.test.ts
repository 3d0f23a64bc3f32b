import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { ImportFailedError } from "@/lib/server/ingest/import-failed-error";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { RUN_ROWS } from "@/lib/server/ingest/aircraft-ordered-rows";

/** Issue 11: positions go to the server by aircraft, so an aircraft's track sits on few pages. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-import-order-"));
const nowMs = Date.parse("2026-11-29T00:00:00Z");
const OPENSKY = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
const START_S = 1722556800; // 2024-08-02T00:00:00Z

/** A file in time order, as feeds write it: every aircraft's report of each 10 s tick, then the next tick. */
function timeOrderedFile(name: string, aircraft: string[], ticks: number, latOf = (_a: number, _t: number) => 20 - _t * 0.0001): string {
  const lines = [OPENSKY];
  for (let t = 0; t < ticks; t++) {
    aircraft.forEach((icao24, a) => lines.push(`${START_S + t * 10},${icao24},${latOf(a, t).toFixed(5)},-75.0,230.0,180.0,0.0,ABC123 ,False,,,,10000.0,,,`));
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join("\n"));
  return file;
}

const addresses = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i.toString(16).padStart(6 - prefix.length, "0")}`);

beforeAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, detection_requests CASCADE");
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await closeDbPool();
});

describe("the importer's aircraft order", () => {
  it("stores a time-ordered file grouped by aircraft, each aircraft's rows in time order", async () => {
    const aircraft = addresses(40, "a1");
    const file = timeOrderedFile("interleaved.csv", aircraft, 300);
    const outcome = await importPositionsFile({ path: file, fileName: "interleaved.csv", nowMs });
    expect(outcome).toMatchObject({ status: "imported", accepted: 12_000 });
    const { rows } = await dbPool().query<{ icao24: string; t: number }>(
      `SELECT icao24, extract(epoch FROM time)::int AS t FROM positions WHERE icao24 LIKE 'a1%' ORDER BY ctid`,
    );
    expect(rows).toHaveLength(12_000);
    let changes = 0;
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]!.icao24 !== rows[i - 1]!.icao24) changes++;
      else expect(rows[i]!.t).toBeGreaterThan(rows[i - 1]!.t);
    }
    // In file order the address would change on every row.
    expect(changes).toBe(aircraft.length - 1);
  });

  it("names the file line of a row the database refuses, in a later run of rows sent by aircraft", async () => {
    const aircraft = addresses(30, "b2");
    const ticks = Math.ceil((RUN_ROWS * 1.2) / aircraft.length);
    // One position the database will refuse, in the second run: aircraft 17 at tick `refusedTick`.
    const refusedTick = Math.floor((RUN_ROWS * 1.1) / aircraft.length);
    const file = timeOrderedFile("refused.csv", aircraft, ticks, (a, t) => (a === 17 && t === refusedTick ? 21.5 : 20 - t * 0.0001));
    const refusedLine = 2 + refusedTick * aircraft.length + 17;
    expect(fs.readFileSync(file, "utf8").split("\n")[refusedLine - 1]).toContain(`,${aircraft[17]},21.50000,`);
    await dbPool().query(`ALTER TABLE positions ADD CONSTRAINT refuse_one_latitude CHECK (lat_deg <> 21.5)`);
    try {
      const error = await importPositionsFile({ path: file, fileName: "refused.csv", nowMs }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportFailedError);
      expect((error as Error).message).toBe(`the database refused the data of refused.csv, line ${refusedLine} (SQLSTATE 23514); nothing of it was committed`);
    } finally {
      await dbPool().query(`ALTER TABLE positions DROP CONSTRAINT refuse_one_latitude`);
    }
    expect((await dbPool().query(`SELECT count(*)::int AS n FROM positions WHERE icao24 LIKE 'b2%'`)).rows[0].n).toBe(0);
  });
});
