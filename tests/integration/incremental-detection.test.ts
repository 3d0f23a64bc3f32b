import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeMapTrack } from "@/lib/core/flights/map-track";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { runDetection } from "@/lib/server/detection/run-detection";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";
import { OPENSKY_HEADER, openskyRows, setReview } from "./support/review-fixtures";

/**
 * Detection after an import redoes only the time ranges the import can change (its window,
 * widened to the silences it can re-grade and out to the track cuts around it): an import of a
 * later day leaves the aircraft's earlier flights, their flags and their reviews as they were,
 * and the result equals detecting everything again. Slices of a long history meet at track cuts,
 * so detecting in small batches gives the flights of one pass.
 */
const ICAO = "0b0e01";
const OTHER = "0b0e02";
const DAY_S = 86_400;
const T0 = Date.parse("2024-08-01T00:00:00Z") / 1000;
let dir: string;

/** Two flights on a day: 08:00 (a 20-min silence in it) and 20:00, 2 h each, and another aircraft at 09:00. */
function day(startS: number): string[] {
  const morning = openskyRows(ICAO, startS + 8 * 3600, 120).filter((_, i) => i < 40 || i >= 60);
  return [...morning, ...openskyRows(ICAO, startS + 20 * 3600, 120), ...openskyRows(OTHER, startS + 9 * 3600, 60)];
}

async function importDay(name: string, startS: number): Promise<void> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [OPENSKY_HEADER, ...day(startS)].join("\n") + "\n");
  const outcome = await importPositionsFile({ path: file, fileName: name, nowMs: Date.parse("2026-01-01T00:00:00Z") });
  expect(outcome.status).toBe("imported");
}

async function flights() {
  const { rows } = await dbPool().query<{ icao24: string; id: string; first_seen: Date; detected_at: Date; flags: number; gaps: number; map_track: Buffer | null }>(
    `SELECT trim(f.icao24) AS icao24, f.id::text, f.first_seen, f.detected_at,
            (SELECT count(*)::int FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id) AS flags,
            (SELECT count(*)::int FROM gap_events g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id) AS gaps,
            f.map_track
       FROM flights f ORDER BY f.icao24, f.first_seen`,
  );
  return rows;
}

async function snapshot() {
  const { rows: flags } = await dbPool().query(`SELECT icao24, flight_id::text, kind, window_start, window_end, evidence FROM flags ORDER BY icao24, window_start, kind`);
  const { rows: gaps } = await dbPool().query(`SELECT icao24, flight_id::text, off_time, on_time, open, suspected, confidence FROM gap_events ORDER BY icao24, off_time`);
  const { rows: stored } = await dbPool().query(
    `SELECT icao24, id::text, first_seen, last_seen, position_count, distance_km, score, map_track FROM flights ORDER BY icao24, first_seen`,
  );
  return { flags, gaps, stored };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-incremental-"));
  await dbPool().query(
    "TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, detection_requests, reception_visits, reception_cells CASCADE",
  );
  await ensureReferenceData();
});

afterAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, detection_requests, reception_visits, reception_cells CASCADE");
  fs.rmSync(dir, { recursive: true, force: true });
  await closeDbPool();
});

describe("incremental detection", () => {
  it("leaves earlier flights, their flags and their reviews untouched when a later day is imported", async () => {
    await importDay("day1.csv", T0);
    await runDetection();
    const before = await flights();
    const own = before.filter((f) => f.icao24 === ICAO);
    expect(own).toHaveLength(2);
    expect(own[0]!.gaps).toBeGreaterThanOrEqual(1); // the 20-min silence (and the open one after it)
    expect(own[0]!.flags).toBeGreaterThan(0);
    expect(before.every((f) => f.map_track !== null && decodeMapTrack(f.map_track).length > 1)).toBe(true);
    await setReview({ icao24: ICAO, id: own[0]!.id }, { status: "CONFIRMED", published: true });
    await dbPool().query(`INSERT INTO notes (icao24, flight_id, body) VALUES ($1, $2, 'seen')`, [ICAO, own[0]!.id]);

    // Ten days later: beyond the reach of the reception map's history window (3.5 days).
    await importDay("day11.csv", T0 + 10 * DAY_S);
    const summary = await runDetection();
    const after = await flights();
    const earlier = after.filter((f) => f.first_seen.getTime() < (T0 + 5 * DAY_S) * 1000);
    // The morning flight was not rewritten at all; the evening one (the aircraft's last flight
    // before the new day: an open gap at the end of the data may change) was, under its own id.
    expect(earlier.find((f) => f.id === own[0]!.id)).toEqual(own[0]);
    expect(earlier.find((f) => f.id === own[1]!.id)?.detected_at.getTime()).toBeGreaterThan(own[1]!.detected_at.getTime());
    expect(after).toHaveLength(2 * before.length);
    // Only the new day and each aircraft's last flight before it were read again.
    expect(summary.positions).toBe(day(T0).length + 120 + 60);
    const { rows: review } = await dbPool().query(`SELECT status, published FROM reviews WHERE icao24 = $1 AND flight_id = $2`, [ICAO, own[0]!.id]);
    expect(review).toEqual([{ status: "CONFIRMED", published: true }]);
    const { rows: queued } = await dbPool().query(`SELECT count(*)::int AS n FROM detection_requests`);
    expect(queued[0]!.n).toBe(0);
  });

  it("gives what detecting everything again gives, in one batch or in batches of one slice", async () => {
    const incremental = await snapshot();
    await runDetection({ all: true });
    expect(await snapshot()).toEqual(incremental);
    let batches = 0;
    await runDetection({ all: true, batchPositions: 1, onProgress: () => void batches++ });
    expect(batches).toBeGreaterThanOrEqual(4);
    expect(await snapshot()).toEqual(incremental);
  });

  it("a batch the database refuses fails the run: the batches before it stay committed, no connection is kept, and the next run detects all again", async () => {
    const before = await snapshot();
    // The second aircraft's flights cannot be written (a temporary check, not validated against the stored rows).
    await dbPool().query(`ALTER TABLE flights ADD CONSTRAINT test_refuse_other CHECK (icao24 <> '${OTHER}') NOT VALID`);
    try {
      const startedAt = new Date();
      let batches = 0;
      // Batches of one slice: several batches overlap before the refused one.
      await expect(runDetection({ all: true, batchPositions: 1, onProgress: () => void batches++ })).rejects.toThrow();
      expect(batches).toBeGreaterThanOrEqual(2);
      // The first aircraft's batches committed before the refusal (detected again); the refused batch left the second's rows as they were.
      const stored = await flights();
      expect(stored.filter((f) => f.icao24 === ICAO).every((f) => f.detected_at >= startedAt)).toBe(true);
      expect(stored.filter((f) => f.icao24 === OTHER).map((f) => f.detected_at < startedAt)).toEqual([true, true]);
      const pool = dbPool();
      expect(pool.totalCount - pool.idleCount).toBe(0);
    } finally {
      await dbPool().query(`ALTER TABLE flights DROP CONSTRAINT test_refuse_other`);
    }
    await runDetection({ all: true });
    expect(await snapshot()).toEqual(before);
  });
});
