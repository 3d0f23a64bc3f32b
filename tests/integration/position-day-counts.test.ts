import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { importPositionsFile, type ImportOutcome } from "@/lib/server/ingest/import-positions-file";
import { reimportBatch } from "@/lib/server/ingest/reimport-batch";
import { getOverviewStats } from "@/lib/server/stats/get-overview-stats";
import { OPENSKY_HEADER, openskyRows, removeAircraft, removeBatches, withSessionTimeZone } from "./support/review-fixtures";

/**
 * The stored positions-per-day aggregate (position_day_counts) is kept by the importer inside
 * its transaction: after any sequence of imports, duplicates, re-imports, repeated and refused
 * files it must equal a real count over the positions, and the overview's figures with it.
 *
 *   a.csv  0b0c01 6 Aug 23:00 → 7 Aug 00:59 (60 + 60 rows), 0d8c01 7 Aug 12:00 (30 rows)
 *   b.csv  the last 30 rows of 0b0c01 again, 60 new rows from 7 Aug 01:00, one row twice,
 *          152c01 at 7 Aug 23:59:59 (1 row) and from 8 Aug 00:00:00 (10 rows)
 */
const X = "0b0c01";
const Y = "0d8c01";
const Z = "152c01";
const C = "0b0c02";
const D = "0d8c02";
const X_START_S = Date.UTC(2024, 7, 6, 23, 0) / 1000;
const nowMs = Date.UTC(2024, 11, 1);

let dir: string;
const batches: string[] = [];

function write(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [OPENSKY_HEADER, ...rows].join("\n"));
  return file;
}

async function importRows(name: string, rows: string[], options: { strict?: boolean } = {}): Promise<ImportOutcome> {
  const outcome = await importPositionsFile({ path: write(name, rows), fileName: name, nowMs, ...options });
  if (outcome.status === "imported" && !batches.includes(outcome.batchId)) batches.push(outcome.batchId);
  return outcome;
}

function imported(outcome: ImportOutcome) {
  if (outcome.status !== "imported") throw new Error(`expected an import, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** The stored aggregate, and the truth: a real per-UTC-day count over the positions. */
async function stored(): Promise<{ day: string; positions: number }[]> {
  const { rows } = await dbPool().query<{ day: string; positions: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, positions::int AS positions FROM position_day_counts ORDER BY day`,
  );
  return rows;
}
async function counted(): Promise<{ day: string; positions: number }[]> {
  const { rows } = await dbPool().query<{ day: string; positions: number }>(
    `SELECT to_char((time AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*)::int AS positions FROM positions GROUP BY 1 ORDER BY 1`,
  );
  return rows;
}
async function expectAggregateExact() {
  expect(await stored()).toEqual(await counted());
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-day-counts-"));
  // Other files empty `positions` without the aggregate: start both from nothing.
  await dbPool().query("TRUNCATE import_batches, positions, stored_files, detection_requests, position_day_counts CASCADE");
});

afterAll(async () => {
  await removeBatches(batches);
  await removeAircraft([X, Y, Z, C, D]);
  await closeDbPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the stored positions-per-day aggregate", () => {
  const aRows = [...openskyRows(X, X_START_S, 120), ...openskyRows(Y, Date.UTC(2024, 7, 7, 12, 0) / 1000, 30)];
  const xNew = openskyRows(X, X_START_S + 120 * 60, 60);
  const bRows = [
    ...aRows.slice(90, 120), // rows a.csv already stored
    ...xNew,
    xNew[59]!, // twice in this file
    ...openskyRows(Z, Date.UTC(2024, 7, 7, 23, 59, 59) / 1000, 1),
    ...openskyRows(Z, Date.UTC(2024, 7, 8, 0, 0, 0) / 1000, 10),
  ];
  let a: string;
  let b: string;

  it("equals a real count after an import that spans midnight", async () => {
    a = imported(await importRows("a.csv", aRows)).batchId;
    expect(await stored()).toEqual([
      { day: "2024-08-06", positions: 60 },
      { day: "2024-08-07", positions: 90 },
    ]);
    await expectAggregateExact();
  });

  it("counts only the new rows of an overlapping file with duplicates", async () => {
    const outcome = imported(await importRows("b.csv", bRows));
    b = outcome.batchId;
    expect({ accepted: outcome.accepted, duplicates: outcome.duplicates }).toEqual({ accepted: 71, duplicates: 31 });
    expect(await stored()).toEqual([
      { day: "2024-08-06", positions: 60 },
      { day: "2024-08-07", positions: 90 + 60 + 1 },
      { day: "2024-08-08", positions: 10 },
    ]);
    await expectAggregateExact();
  });

  it("stays exact when a batch is re-imported (its rows subtracted, then added again)", async () => {
    const before = await stored();
    const perBatch = async () =>
      (await dbPool().query(`SELECT batch_id::text AS batch, count(*)::int AS n FROM positions GROUP BY 1 ORDER BY 1`)).rows;
    const heldBefore = await perBatch();
    expect(heldBefore).toEqual([{ batch: a, n: 150 }, { batch: b, n: 71 }]);
    for (const batchId of [b, a, b]) {
      const again = imported(await reimportBatch(BigInt(batchId), { nowMs }));
      expect(again.batchId).toBe(batchId);
      await expectAggregateExact();
    }
    expect(await stored()).toEqual(before);
    expect(await perBatch()).toEqual(heldBefore);
  });

  it("does not change for the same file again or for a refused file", async () => {
    const before = await stored();
    expect((await importRows("a-again.csv", aRows)).status).toBe("already-imported");
    const refused = await importRows("strict.csv", [...openskyRows(C, Date.UTC(2024, 7, 10, 12) / 1000, 5), `${Date.UTC(2024, 7, 10, 13) / 1000},${C},95.0,-75,230,180,0,X,False,,,,10000,,,`], { strict: true });
    expect(refused.status).toBe("refused");
    expect(await stored()).toEqual(before);
    await expectAggregateExact();
  });

  it("stays exact with two imports touching the same days at once", async () => {
    const start = Date.UTC(2024, 7, 8, 22, 0) / 1000;
    const outcomes = await Promise.all([
      importRows("c.csv", openskyRows(C, start, 180)),
      importRows("d.csv", [...openskyRows(D, start, 180), ...openskyRows(Z, Date.UTC(2024, 7, 8, 0, 0, 0) / 1000, 20)]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["imported", "imported"]);
    await expectAggregateExact();
    expect((await stored()).map((d) => d.day)).toEqual(["2024-08-06", "2024-08-07", "2024-08-08", "2024-08-09"]);
  });

  it("keeps UTC days when the importing session is in another time zone", async () => {
    await withSessionTimeZone("Asia/Tokyo", async () => {
      imported(await importRows("tokyo.csv", openskyRows(C, Date.UTC(2024, 7, 11, 14, 30) / 1000, 60)));
      await expectAggregateExact();
    });
    // 14:30–15:29 UTC crosses midnight in Tokyo (15:00 UTC), not in UTC: one day of 60.
    expect((await stored()).find((d) => d.day === "2024-08-11")).toEqual({ day: "2024-08-11", positions: 60 });
    expect((await stored()).find((d) => d.day === "2024-08-12")).toBeUndefined();
  });
});

describe("the overview figures", () => {
  it("equal real counts over the positions", async () => {
    const stats = await getOverviewStats();
    const { rows } = await dbPool().query<{ n: number; first: Date; last: Date; aircraft: number; flights: number }>(
      // Separate aggregates joined on nothing: a Citus cluster pushes down no subquery in a target list.
      `SELECT s.n, s.first, s.last, a.aircraft, f.flights
         FROM (SELECT count(*)::int AS n, min(time) AS first, max(time) AS last FROM positions) s,
              (SELECT count(DISTINCT p.icao24)::int AS aircraft FROM positions p JOIN aircraft a ON a.icao24 = p.icao24) a,
              (SELECT count(*)::int AS flights FROM flights) f`,
    );
    const truth = rows[0]!;
    expect(truth.n).toBeGreaterThan(0);
    expect(stats.positions).toBe(truth.n);
    expect(stats.positionsPerDay).toEqual(await counted());
    expect(stats.firstTime).toBe(truth.first.toISOString());
    expect(stats.lastTime).toBe(truth.last.toISOString());
    expect(stats.firstTime).toBe("2024-08-06T23:00:00.000Z");
    expect(stats.aircraft).toBe(truth.aircraft);
    expect(stats.aircraft).toBe(5);
    expect(stats.flights).toBe(truth.flights);
  });

  it("are computed anew as soon as an import commits, well within their 10 s age", async () => {
    // Kept while nothing changed (read until two agree: the server's own background work may commit between).
    let before = await getOverviewStats();
    for (let again = await getOverviewStats(); again !== before; again = await getOverviewStats()) before = again;
    imported(await importRows("later.csv", openskyRows(D, Date.UTC(2024, 7, 14, 9) / 1000, 30)));
    const after = await getOverviewStats();
    expect(after.positions).toBe(before.positions + 30);
    expect(after.positionsPerDay).toEqual(await counted());
  });
});
