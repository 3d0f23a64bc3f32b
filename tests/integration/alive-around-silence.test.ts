import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SilenceQuery } from "@/lib/core/reception/silence-observations";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { countAliveAround } from "@/lib/server/reception/count-alive-around";
import { refreshPendingReception } from "@/lib/server/reception/refresh-pending-reception";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";

/**
 * The count of other aircraft around a silence walks its windows in growing steps and stops at
 * the cap. Each aircraft below is placed by hand, so the count it must give (min(cap, the
 * distinct aircraft inside the box and the window)) follows from where and when they were put,
 * whatever the steps or the source the count reads them from (the reception map's visits of
 * cells wholly inside the box, positions for a cell on its edge, positions without an altitude):
 * a busy first second, a lone aircraft in the window's last second, one heard many times,
 * aircraft just outside the box, the window or its ends, and one just inside the box's edge.
 */
const HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
/** A six-hour silence (the walk's longest), 2 min end margin, 1 h look-back. */
const T0 = Date.parse("2024-08-03T06:00:00Z") / 1000;
const T1 = T0 + 6 * 3600;
const END_S = 120;
const BOX = { south: 14, north: 15, west: -75, east: -74 };
let dir: string;

const CELL_DEG = 0.5;
/** The box's cells (0.5°) are all inside it: 14.5° N 74.5° W is inside, 15.01° N and 75.01° W in the cells beyond its edges. */
const row = (at: number, icao24: string, lat = 14.5, lon = -74.5) =>
  `${at},${icao24},${lat},${lon},231.5,90,0,TEST${icao24.slice(-3)} ,False,False,False,1000,10668,10700,,`;

const query = (cap: number): SilenceQuery => ({
  key: "silence", icao24: "aa0000", band: 3, cells: [], fromMs: T0 * 1000, toMs: T1 * 1000,
  historyFromMs: 0, historyToMs: 0, marginMs: 600_000, endMarginMs: END_S * 1000,
  // A radius of ~0 km: the box is the count's whole area.
  aliveRadiusKm: 0.001, aliveLookbackMs: 3_600_000, aliveCountCap: cap,
});
const box = { key: "silence", t0: new Date(T0 * 1000).toISOString(), t1: new Date(T1 * 1000).toISOString(), end_s: END_S, ...BOX };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-alive-"));
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, detection_requests, reception_visits, reception_cells CASCADE");
  await ensureReferenceData();
  const during = T0 + END_S + 1;
  const lines = [
    // The silent aircraft itself, everywhere: never counted.
    row(T0 - 10, "aa0000"), row(during, "aa0000"), row(T1 - END_S - 1, "aa0000"),
    // 25 aircraft in the first second strictly inside the window, and the same aircraft again later.
    ...Array.from({ length: 25 }, (_, i) => row(during + i / 100, `ab${String(i).padStart(4, "0")}`)),
    ...Array.from({ length: 25 }, (_, i) => row(during + 3600 + i, `ab${String(i).padStart(4, "0")}`)),
    // Outside the box (just north, just west), and at the window's excluded ends.
    row(during, "ac0001", 15.01, -74.5), row(during, "ac0002", 14.5, -75.01),
    row(T0 + END_S, "ac0003"), row(T1 - END_S, "ac0004"),
    // Before the silence: three in its last hour (one at its very start), one just before that hour.
    row(T0 - 3599, "ad0001"), row(T0 - 1800, "ad0002"), row(T0, "ad0003"), row(T0 - 3601, "ad0004"),
    // In an edge cell: north of 15° N but inside the box (its radius of 1 m reaches 15.000009°), and beyond it.
    row(T0 - 1200, "af0001", 15.000005, -74.5), row(T0 - 1100, "af0002", 15.00002, -74.5),
  ];
  const file = path.join(dir, "alive.csv");
  fs.writeFileSync(file, [HEADER, ...lines.sort((a, b) => Number(a.split(",")[0]) - Number(b.split(",")[0]))].join("\n") + "\n");
  const outcome = await importPositionsFile({ path: file, fileName: "alive.csv", nowMs: Date.parse("2026-01-01T00:00:00Z") });
  expect(outcome.status).toBe("imported");
  // As detection does before it counts: the map takes the import in.
  const client = await dbPool().connect();
  try {
    await client.query("BEGIN");
    expect(await refreshPendingReception(client)).toBe(1);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await closeDbPool();
});

/** The count, after `change` (rolled back with it). */
async function count(cap: number, change?: (client: import("pg").PoolClient) => Promise<unknown>) {
  const client = await dbPool().connect();
  try {
    await client.query("BEGIN");
    await change?.(client);
    return (await countAliveAround(client, [query(cap)], [box], CELL_DEG)).get("silence");
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

/**
 * One position of `icao24` at `atS` without an altitude (which the map leaves out), in the
 * imported batch (a plain value: Citus takes no subquery in an INSERT).
 */
async function place(client: import("pg").PoolClient, icao24: string, atS: number) {
  const { rows } = await client.query<{ id: string }>(`SELECT min(id)::text AS id FROM import_batches`);
  await client.query(`INSERT INTO positions (icao24, time, lat_deg, lon_deg, batch_id) VALUES ($1, to_timestamp($2), 14.5, -74.5, $3)`, [icao24, atS, rows[0]!.id]);
}

describe("the count of aircraft around a silence", () => {
  it("stops at the cap in a busy sky, and counts each aircraft once below it", async () => {
    expect(await count(20)).toEqual({ during: 20, before: 4 });
    expect(await count(100)).toEqual({ during: 25, before: 4 });
  });

  it("walks a six-hour window to its last moment for an aircraft heard only there", async () => {
    expect(await count(100, (c) => place(c, "ae0001", T1 - END_S - 0.5))).toEqual({ during: 26, before: 4 });
  });

  it("finds a lone aircraft hours into an otherwise empty window", async () => {
    const empty = async (client: import("pg").PoolClient) => {
      // The map as it would be without them too.
      await client.query("DELETE FROM positions WHERE icao24 LIKE 'ab%' OR icao24 LIKE 'ad%' OR icao24 LIKE 'af%'");
      await client.query("DELETE FROM reception_visits WHERE icao24 LIKE 'ab%' OR icao24 LIKE 'ad%' OR icao24 LIKE 'af%'");
      await place(client, "ae0002", T1 - 3 * 3600);
    };
    expect(await count(20, empty)).toEqual({ during: 1, before: 0 });
  });

  it("counts an aircraft in a cell wholly inside the box from the map alone, past the walk's first steps", async () => {
    // ad0002, half an hour into the look-back: its positions gone but its visits kept, only the map can have counted it.
    const mapOnly = (client: import("pg").PoolClient) => client.query("DELETE FROM positions WHERE icao24 = 'ad0002'");
    expect(await count(100, mapOnly)).toEqual({ during: 25, before: 4 });
    // Its visits gone instead: a position in such a cell is not read again.
    const positionsOnly = (client: import("pg").PoolClient) => client.query("DELETE FROM reception_visits WHERE icao24 = 'ad0002'");
    expect(await count(100, positionsOnly)).toEqual({ during: 25, before: 3 });
  });

  it("checks an aircraft seen only in a cell on the box's edge against its positions", async () => {
    // af0001's position just inside the edge counts; moved just outside, it does not.
    const moved = (client: import("pg").PoolClient) => client.query("UPDATE positions SET lat_deg = 15.00003 WHERE icao24 = 'af0001'");
    expect(await count(100, moved)).toEqual({ during: 25, before: 3 });
  });
});
