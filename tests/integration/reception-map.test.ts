import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gridCell, gridCellSql } from "@/lib/core/reception/grid-cell";
import { DEFAULT_RECEPTION_CONFIG } from "@/lib/core/model/reception-config";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { streamScopeVisits, type ScopeVisits } from "@/lib/server/reception/stream-scope-visits";
import { rebuildReceptionMap } from "@/lib/server/reception/rebuild-reception-map";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";
import { takeInPendingBatches } from "./support/take-in-pending-batches";

/**
 * The reception map in PostgreSQL: the SQL grid agrees with the core's; a silent crossing is
 * expected-but-not-received where a transmitting aircraft is received; the cells always equal
 * the sums of the visits; and the map an import keeps up to date equals the map rebuilt from
 * scratch (a function of the stored positions, not of the order of the imports).
 */
const HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";
const T0 = Date.parse("2024-08-01T12:00:00Z") / 1000;
let dir: string;

/** An aircraft flying east along 14°N at FL350 (~450 kt), a position every 10 s, silent over [silentFrom, silentTo) s. */
function track(icao24: string, startS: number, silent: [number, number] | null): string[] {
  const rows: string[] = [];
  for (let s = 0; s <= 3 * 3600; s += 10) {
    if (silent && s >= silent[0] && s < silent[1]) continue;
    const lon = -80 + (s / 3600) * 7.8; // 450 kt ≈ 7.8° of longitude an hour at 14°N
    rows.push(`${T0 + startS + s},${icao24},14.0,${lon.toFixed(5)},231.5,90,0,TEST${icao24.slice(-3)} ,False,False,False,1000,10668,10700,,`);
  }
  return rows;
}

function write(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [HEADER, ...rows].join("\n") + "\n");
  return file;
}

async function importRows(name: string, rows: string[]) {
  const outcome = await importPositionsFile({ path: write(name, rows), fileName: name, nowMs: Date.parse("2026-01-01T00:00:00Z") });
  expect(outcome.status).toBe("imported");
  // The map takes a batch in at the next detection run; here, without detecting.
  expect(await takeInPendingBatches()).toBe(1);
}

async function cells() {
  const { rows } = await dbPool().query(`SELECT cell, band, hour, received::int, expected_milli::text, visits, visits_received FROM reception_cells ORDER BY cell, band, hour`);
  return rows;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-reception-"));
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, detection_requests, reception_visits, reception_cells CASCADE");
  await ensureReferenceData();
  // A transmits all along; B crosses the same stretch 10 min later and is silent for 40 min in the middle.
  await importRows("a.csv", track("fff0a1", 0, null));
  await importRows("b.csv", track("fff0b1", 600, [3600, 6000]));
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await closeDbPool();
});

describe("the reception map", () => {
  it("computes the same cell in SQL as in the core, edges included", async () => {
    const lats = [-90, -89.75, -0.25, 0, 10.5, 14.0, 45.2499, 89.99, 90];
    const lons = [-180, -179.9, -66.99, -0.01, 0, 0.5, 120.3, 179.99, 180];
    const points = lats.flatMap((lat) => lons.map((lon) => [lat, lon] as const));
    const { rows } = await dbPool().query<{ cell: number }>(
      `SELECT ${gridCellSql("lat", "lon", DEFAULT_RECEPTION_CONFIG.cellDeg)} AS cell FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lat, lon, n) ORDER BY n`,
      [points.map((p) => p[0]), points.map((p) => p[1])],
    );
    expect(rows.map((r) => r.cell)).toEqual(points.map(([lat, lon]) => gridCell(lat, lon, DEFAULT_RECEPTION_CONFIG.cellDeg)));
  });

  it("counts a silent crossing as expected and not received, and a transmitting one as received ≈ expected", async () => {
    // B is silent 60–100 min after its start: from about 72.2°W to 67.0°W; this cell is inside that stretch.
    const silentCell = gridCell(14.0, -80 + 1.3 * 7.8, DEFAULT_RECEPTION_CONFIG.cellDeg);
    const { rows } = await dbPool().query<{ icao24: string; received: number; expected: number }>(
      `SELECT icao24, sum(received)::int AS received, (sum(expected_milli) / 1000.0)::float8 AS expected
         FROM reception_visits WHERE cell = $1 AND band = 2 GROUP BY icao24 ORDER BY icao24`,
      [silentCell],
    );
    const a = rows.find((r) => r.icao24 === "fff0a1")!;
    const b = rows.find((r) => r.icao24 === "fff0b1")!;
    expect(a.received).toBeGreaterThan(10);
    expect(Math.abs(a.expected - a.received)).toBeLessThanOrEqual(2);
    expect(b.received).toBe(0);
    expect(b.expected).toBeGreaterThan(10);
  });

  it("keeps the cells equal to the sums of the visits", async () => {
    const { rows } = await dbPool().query<{ mismatches: number }>(
      `SELECT count(*)::int AS mismatches FROM reception_cells c
         FULL JOIN (SELECT cell, band, hour, sum(received) AS received, sum(expected_milli) AS expected_milli, count(*) AS visits,
                           count(*) FILTER (WHERE received > 0) AS visits_received
                      FROM reception_visits GROUP BY 1, 2, 3) v USING (cell, band, hour)
        WHERE c.received IS DISTINCT FROM v.received OR c.expected_milli IS DISTINCT FROM v.expected_milli
           OR c.visits IS DISTINCT FROM v.visits OR c.visits_received IS DISTINCT FROM v.visits_received`,
    );
    expect(rows[0]!.mismatches).toBe(0);
  });

  it("is the same kept up to date import by import as rebuilt from the stored positions", async () => {
    // A third file filling part of B's silence changes B's crossing: the import rebuilds it.
    await importRows("b-part.csv", track("fff0b1", 600, null).filter((row) => {
      const s = Number(row.split(",")[0]) - T0 - 600;
      return s >= 4200 && s < 4800;
    }));
    const incremental = await cells();
    expect(incremental.length).toBeGreaterThan(0);
    await rebuildReceptionMap();
    expect(await cells()).toEqual(incremental);
  });

  it("takes several pending batches in at once as the map rebuilt from the stored positions", async () => {
    // D in two halves that share an hour, once more two days later (a second range of the same
    // aircraft, apart from the first), and B's silence filled in: four batches, one rebuild.
    const d = track("fff0d1", 1800, [5000, 7000]);
    const parts = [d.slice(0, 700), d.slice(600), track("fff0d1", 2 * 86_400, null)];
    const filled = track("fff0b1", 600, null).filter((row) => {
      const s = Number(row.split(",")[0]) - T0 - 600;
      return s >= 3600 && s < 4200;
    });
    for (const [i, rows] of [...parts, filled].entries()) {
      const name = `together-${i}.csv`;
      const outcome = await importPositionsFile({ path: write(name, rows), fileName: name, nowMs: Date.parse("2026-01-01T00:00:00Z") });
      expect(outcome.status).toBe("imported");
    }
    expect(await takeInPendingBatches()).toBe(4);
    const together = await cells();
    const visits = await dbPool().query(`SELECT icao24, hour, cell, band, received, received_ms, expected_milli::text FROM reception_visits ORDER BY 1, 2, 3, 4`);
    expect(visits.rows.filter((v) => v.icao24 === "fff0d1").length).toBeGreaterThan(20);
    await rebuildReceptionMap();
    expect(await cells()).toEqual(together);
    expect((await dbPool().query(`SELECT icao24, hour, cell, band, received, received_ms, expected_milli::text FROM reception_visits ORDER BY 1, 2, 3, 4`)).rows).toEqual(visits.rows);
  });

  it("gives the same visits when a long history is finished a few hours at a time as when held whole", async () => {
    // 20 hours of one aircraft, a position every 10 s, with a 3-hour silence (its track ends and
    // starts again in the air, so both ends are projected) and one of 1 h 55 min (a silent
    // crossing longer than an hour, whose first end lies well before the hours it reaches).
    const rows: string[] = [];
    for (let s = 0; s <= 20 * 3600; s += 10) {
      if ((s >= 4 * 3600 && s < 7 * 3600) || (s >= 9 * 3600 + 3300 && s < 11 * 3600 + 3000)) continue;
      const lon = -80 + ((s % (5 * 3600)) / 3600) * 7.8;
      rows.push(`${T0 + s},fff0c1,14.0,${lon.toFixed(5)},231.5,90,0,TESTC1 ,False,False,False,1000,10668,10700,,`);
    }
    await importRows("c.csv", rows);
    const scope = [{ icao24: "fff0c1", from_hour: new Date(T0 * 1000 - 3_600_000), to_hour: new Date((T0 + 21 * 3600) * 1000) }];
    const client = await dbPool().connect();
    const visits = async (held?: number) => {
      const rows: string[] = [];
      const keep = async (v: ScopeVisits) => void rows.push(...v.icao24.map((icao24, i) => `${icao24} ${v.hour[i]} ${v.cell[i]} ${v.band[i]} ${v.received[i]} ${v.expectedMilli[i]}`));
      await streamScopeVisits(client, scope, DEFAULT_RECEPTION_CONFIG, keep, held);
      return rows.sort();
    };
    try {
      const whole = await visits();
      expect(new Set(whole.map((v) => v.split(" ")[1])).size).toBeGreaterThan(12);
      expect(whole.filter((v) => v.split(" ")[4] === "0").length).toBeGreaterThan(10);
      // ~6,000 positions, held a few hundred at most: its earlier hours are finished many times
      // over, at different hours for each limit.
      for (const held of [150, 250, 400, 650, 1000]) expect(await visits(held)).toEqual(whole);
    } finally {
      client.release();
    }
  });
});
