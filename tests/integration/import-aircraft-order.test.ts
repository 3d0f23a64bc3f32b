import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCitus } from "@/lib/server/db/is-citus";
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
    // Pages each aircraft's rows sit on, and their times in storage order (per shard on Citus,
    // where each aircraft lives in one shard's table).
    const { rows } = await dbPool().query<{ icao24: string; pages: number; times: number[] }>(
      `SELECT icao24, count(DISTINCT (ctid::text::point)[0])::int AS pages, array_agg(extract(epoch FROM time)::int ORDER BY ctid) AS times
         FROM positions WHERE icao24 LIKE 'a1%' GROUP BY icao24`,
    );
    expect(rows).toHaveLength(aircraft.length);
    for (const row of rows) {
      expect(row.times).toHaveLength(300);
      expect(row.times).toEqual([...row.times].sort((a, b) => a - b));
      // 300 rows of ~130 bytes fill five or six 8 kB pages; in file order they would touch every
      // page of the 12,000 rows (~180).
      expect(row.pages).toBeLessThanOrEqual(8);
    }
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
      // A Citus coordinator reports a shard's refusal as XX000, after rows sent on, without the row's line.
      expect((error as Error).message).toBe(
        (await isCitus(dbPool()))
          ? "the database failed during the import of refused.csv (SQLSTATE XX000); nothing of it was committed"
          : `the database refused the data of refused.csv, line ${refusedLine} (SQLSTATE 23514); nothing of it was committed`,
      );
    } finally {
      await dbPool().query(`ALTER TABLE positions DROP CONSTRAINT refuse_one_latitude`);
    }
    expect((await dbPool().query(`SELECT count(*)::int AS n FROM positions WHERE icao24 LIKE 'b2%'`)).rows[0].n).toBe(0);
  });
});
