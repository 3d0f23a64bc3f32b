import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { importPositionsFile, type ImportOutcome } from "@/lib/server/ingest/import-positions-file";
import { restoreOriginalFile } from "@/lib/server/ingest/store-original-file";
import { loadPositionPartitionMonths } from "@/lib/server/positions/position-partitions";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-read-once-"));
const nowMs = Date.parse("2026-11-29T00:00:00Z");
const HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact";

function write(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [HEADER, ...lines].join("\n"));
  return file;
}

/** `count` rows 10 s apart; `noise` fills an ignored column (incompressible, for large originals). */
function rows(icao24: string, startS: number, count: number, noise = ""): string[] {
  return Array.from({ length: count }, (_, i) => `${startS + i * 10},${icao24},20.0,-75.0,230.0,180.0,0.0,ABC123 ,False,,,,10000.0,,,${noise && crypto.randomBytes(48).toString("base64")}`);
}

function imported(outcome: ImportOutcome) {
  if (outcome.status !== "imported") throw new Error(`expected an import, got ${JSON.stringify(outcome)}`);
  return outcome;
}

const monthS = (year: number, month: number) => Date.UTC(year, month - 1, 1) / 1000;

beforeAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, detection_requests CASCADE");
});
afterAll(async () => {
  await closeDbPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("importing from one read of the file", () => {
  it("creates the partitions of months that have none, mid-file, and on the duplicates path too", async () => {
    const months = [monthS(1995, 1), monthS(1995, 2), monthS(1995, 3)];
    const before = await loadPositionPartitionMonths(dbPool() as never);
    for (const m of months) expect(before.has(m * 1000)).toBe(false);
    // Three months, the third before the second in the file: each new month restarts the COPY.
    const file = write("months.csv", [...rows("3c0001", months[0]!, 20), ...rows("3c0001", months[2]!, 20), ...rows("3c0001", months[1]!, 20)]);
    const outcome = imported(await importPositionsFile({ path: file, fileName: "months.csv", nowMs }));
    expect({ accepted: outcome.accepted, duplicates: outcome.duplicates }).toEqual({ accepted: 60, duplicates: 0 });
    const after = await loadPositionPartitionMonths(dbPool() as never);
    for (const m of months) expect(after.has(m * 1000)).toBe(true);
    const perMonth = await dbPool().query(
      `SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*)::int AS n FROM positions WHERE icao24 = '3c0001' GROUP BY 1 ORDER BY 1`,
    );
    expect(perMonth.rows).toEqual([{ month: "1995-01", n: 20 }, { month: "1995-02", n: 20 }, { month: "1995-03", n: 20 }]);
    const days = await dbPool().query(`SELECT day::text, positions::int FROM position_day_counts WHERE day < '1996-01-01' ORDER BY day`);
    expect(days.rows).toEqual([{ day: "1995-01-01", positions: 20 }, { day: "1995-02-01", positions: 20 }, { day: "1995-03-01", positions: 20 }]);

    // Rows already stored (the staging path) plus a month with no partition yet.
    const overlap = write("overlap-months.csv", [...rows("3c0001", months[0]!, 5), ...rows("3c0001", monthS(1995, 4), 7)]);
    const again = imported(await importPositionsFile({ path: overlap, fileName: "overlap-months.csv", nowMs }));
    expect({ accepted: again.accepted, duplicates: again.duplicates }).toEqual({ accepted: 7, duplicates: 5 });
    expect((await loadPositionPartitionMonths(dbPool() as never)).has(monthS(1995, 4) * 1000)).toBe(true);
    const april = await dbPool().query(`SELECT positions::int AS n FROM position_day_counts WHERE day = '1995-04-01'`);
    expect(april.rows).toEqual([{ n: 7 }]);
  });

  it("keeps an original of several chunks under the file's SHA-256, byte for byte", async () => {
    const file = write("large.csv", rows("3c0002", 1722500000, 80_000, "noise"));
    const bytes = fs.readFileSync(file);
    const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
    const outcome = imported(await importPositionsFile({ path: file, fileName: "large.csv", nowMs }));
    expect(outcome.sha256).toBe(sha256);
    const stored = await dbPool().query(
      `SELECT f.sha256, f.size_bytes::int AS size, f.compressed_bytes::int = sum(length(c.data))::int AS sums, count(c.*)::int AS chunks
         FROM stored_files f JOIN stored_file_chunks c USING (sha256) WHERE f.sha256 = $1 GROUP BY 1, 2, f.compressed_bytes`,
      [sha256],
    );
    expect(stored.rows).toEqual([{ sha256, size: bytes.length, sums: true, chunks: expect.any(Number) }]);
    expect(stored.rows[0].chunks).toBeGreaterThan(1);
    const restored = path.join(dir, "restored.csv");
    await restoreOriginalFile(sha256, restored);
    expect(fs.readFileSync(restored).equals(bytes)).toBe(true);
    const batch = await dbPool().query(`SELECT sha256, size_bytes::int AS size FROM import_batches WHERE id = $1`, [outcome.batchId]);
    expect(batch.rows).toEqual([{ sha256, size: bytes.length }]);
  });

  it("answers two imports of the same new file at once with one batch: the second is already imported", async () => {
    const file = write("twice.csv", rows("3c0003", 1722600000, 3000));
    const outcomes = await Promise.all([
      importPositionsFile({ path: file, fileName: "twice-a.csv", nowMs }),
      importPositionsFile({ path: file, fileName: "twice-b.csv", nowMs }),
    ]);
    const done = outcomes.find((o) => o.status === "imported");
    const other = outcomes.find((o) => o !== done);
    expect(done).toBeDefined();
    expect(other).toMatchObject({ status: "already-imported", batchId: done!.batchId, sha256: done!.sha256 });
    const batches = await dbPool().query(`SELECT count(*)::int AS n FROM import_batches WHERE sha256 = $1`, [done!.sha256]);
    const originals = await dbPool().query(`SELECT count(*)::int AS n FROM stored_files WHERE sha256 = $1`, [done!.sha256]);
    const positions = await dbPool().query(`SELECT count(*)::int AS n, min(batch_id)::text AS batch FROM positions WHERE icao24 = '3c0003'`);
    expect({ batches: batches.rows[0].n, originals: originals.rows[0].n, positions: positions.rows[0] }).toEqual({
      batches: 1,
      originals: 1,
      positions: { n: 3000, batch: done!.batchId },
    });
    const strays = await dbPool().query(`SELECT count(*)::int AS n FROM stored_files f WHERE NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.sha256 = f.sha256)`);
    expect(strays.rows[0].n).toBe(0);
  });

  it("answers two imports at once of a file the size of a stored one (hashed first) with one batch", async () => {
    const stored = write("same-size-a.csv", rows("3c0004", 1722700000, 500));
    imported(await importPositionsFile({ path: stored, fileName: "same-size-a.csv", nowMs }));
    // Same size, other content: both imports hash first, find nothing, and meet at the content's lock.
    const file = write("same-size-b.csv", rows("3c0005", 1722700000, 500));
    expect(fs.statSync(file).size).toBe(fs.statSync(stored).size);
    const outcomes = await Promise.all([
      importPositionsFile({ path: file, fileName: "same-size-b1.csv", nowMs }),
      importPositionsFile({ path: file, fileName: "same-size-b2.csv", nowMs }),
    ]);
    const done = outcomes.find((o) => o.status === "imported");
    expect(done).toBeDefined();
    expect(outcomes.find((o) => o !== done)).toMatchObject({ status: "already-imported", batchId: done!.batchId });
    const positions = await dbPool().query(`SELECT count(*)::int AS n FROM positions WHERE icao24 = '3c0005'`);
    expect(positions.rows[0].n).toBe(500);
  });
});
