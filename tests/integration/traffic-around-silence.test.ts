import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RECEPTION_CONFIG } from "@/lib/core/model/reception-config";
import { gridCell, gridCellBounds, gridCellRing } from "@/lib/core/reception/grid-cell";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { loadTrafficAround, type TrafficBox } from "@/lib/server/reception/load-traffic-around";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";
import { takeInPendingBatches } from "./support/take-in-pending-batches";

/**
 * The other aircraft around a silence, read from the reception map's visit times (and, for
 * positions in the air without an altitude, which the map leaves out, from positions). Each
 * aircraft below is placed by hand, so what it must count as (heard during the silence, before
 * it, after it, or not at all) follows from where and when it was put, not from the query.
 */
const HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
const CELL_DEG = DEFAULT_RECEPTION_CONFIG.cellDeg;
/** The silence: 12:40 to 13:20, in the cell of 14.25° N 74.75° W and its ring; 10 min margin, 2 min at its ends. */
const T0 = Date.parse("2024-08-01T12:40:00Z") / 1000;
const T1 = T0 + 40 * 60;
const CENTRE = { lat: 14.25, lon: -74.75 };
let dir: string;

type Placement = { at: number; lat?: number; lon?: number; altitude?: "known" | "unknown" | "ground" };
/** One OpenSky row per placement, near the silence's cell unless moved. */
function rows(icao24: string, placements: Placement[]): string[] {
  return placements.map(({ at, lat = CENTRE.lat, lon = CENTRE.lon, altitude = "known" }) => {
    const alt = altitude === "known" ? "10668,10700" : altitude === "ground" ? "0,0" : ",";
    return `${at},${icao24},${lat},${lon},231.5,90,0,TEST${icao24.slice(-3)} ,${altitude === "ground" ? "True" : "False"},False,False,1000,${alt},,`;
  });
}

const box = (): TrafficBox => {
  const ring = gridCellRing(gridCell(CENTRE.lat, CENTRE.lon, CELL_DEG), CELL_DEG).sort((a, b) => a - b);
  const bounds = ring.map((c) => gridCellBounds(c, CELL_DEG));
  return {
    key: "silence", icao24: "fff5a0", ring,
    t0: new Date(T0 * 1000).toISOString(), t1: new Date(T1 * 1000).toISOString(), margin_s: 600, end_s: 120,
    south: Math.min(...bounds.map((b) => b.south)), north: Math.max(...bounds.map((b) => b.north)),
    west: Math.min(...bounds.map((b) => b.west)), east: Math.max(...bounds.map((b) => b.east)),
  };
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-traffic-"));
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, detection_requests, reception_visits, reception_cells CASCADE");
  await ensureReferenceData();
  const all = [
    // The silent aircraft itself, heard in its own ring: never its own witness.
    ...rows("fff5a0", [{ at: T0 - 60 }, { at: T1 + 60 }]),
    // Heard during the silence, with an altitude, without one, and on the ground (band 0).
    ...rows("fff5b1", [{ at: T0 + 1000 }]),
    ...rows("fff5b2", [{ at: T0 + 1000, altitude: "unknown" }]),
    ...rows("fff5b3", [{ at: T0 + 1000, altitude: "ground" }]),
    // Heard just before and just after, not during (quiet too); the second only without an altitude before.
    ...rows("fff5c1", [{ at: T0 - 300 }, { at: T1 + 300 }]),
    ...rows("fff5c2", [{ at: T0 - 300, altitude: "unknown" }, { at: T1 + 300 }]),
    // Exactly at the silence's start plus its end margin: before, not during (during is strictly inside).
    ...rows("fff5c3", [{ at: T0 + 120 }]),
    // In a neighbouring cell of the ring, during.
    ...rows("fff5d1", [{ at: T0 + 1500, lat: CENTRE.lat + CELL_DEG, lon: CENTRE.lon - CELL_DEG }]),
    // Not around it: two cells away, during; in the ring but before the margin; after it.
    ...rows("fff5e1", [{ at: T0 + 1000, lat: CENTRE.lat + 2 * CELL_DEG }]),
    ...rows("fff5e2", [{ at: T0 - 601 }, { at: T1 + 601, altitude: "unknown" }]),
  ];
  const file = path.join(dir, "traffic.csv");
  fs.writeFileSync(file, [HEADER, ...all].join("\n") + "\n");
  const outcome = await importPositionsFile({ path: file, fileName: "traffic.csv", nowMs: Date.parse("2026-01-01T00:00:00Z") });
  expect(outcome.status).toBe("imported");
  // The map takes the batch in at the next detection run: here without detecting.
  await takeInPendingBatches();
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await closeDbPool();
});

describe("the traffic around a silence", () => {
  it("names every other aircraft received in its ring, during it, before it or after it, from the map and the positions it leaves out", async () => {
    const client = await dbPool().connect();
    try {
      const found = await loadTrafficAround(client, [box()], CELL_DEG);
      expect(found.map((r) => ({ ...r, icao24: r.icao24.trim() }))).toEqual([
        { key: "silence", icao24: "fff5b1", during: true, before: false, after: false },
        { key: "silence", icao24: "fff5b2", during: true, before: false, after: false },
        { key: "silence", icao24: "fff5b3", during: true, before: false, after: false },
        { key: "silence", icao24: "fff5c1", during: false, before: true, after: true },
        { key: "silence", icao24: "fff5c2", during: false, before: true, after: true },
        { key: "silence", icao24: "fff5c3", during: false, before: true, after: false },
        { key: "silence", icao24: "fff5d1", during: true, before: false, after: false },
      ]);
    } finally {
      client.release();
    }
  });

  it("reads the map's visits for what it has: emptied, only the positions without an altitude are left", async () => {
    const client = await dbPool().connect();
    try {
      await client.query("BEGIN");
      await client.query("DELETE FROM reception_visits");
      const found = await loadTrafficAround(client, [box()], CELL_DEG);
      expect(found.map((r) => r.icao24.trim())).toEqual(["fff5b2", "fff5c2"]);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
  });
});
