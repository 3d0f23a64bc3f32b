import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { applyPositionRetention } from "@/lib/server/positions/apply-position-retention";
import { ensurePositionPartitions, loadPositionPartitionMonths } from "@/lib/server/positions/position-partitions";
import { runDetection } from "@/lib/server/detection/run-detection";

/**
 * `retention`: three months imported (March, April, May 2024); the months before April are
 * exported, checked and dropped; the export imports again to the same stored rows.
 */
const MARCH = Date.UTC(2024, 2, 1);
const APRIL = Date.UTC(2024, 3, 1);
const MAY = Date.UTC(2024, 4, 1);
const nowMs = Date.UTC(2024, 11, 1);
const AIRCRAFT = ["0b0c31", "0d8c32", "152c33"];
let dir: string;

/** Stored columns but batch_id (a re-import is a new batch), as one digest per set of rows. */
async function digest(fromMs: number, toMs: number): Promise<{ n: number; digest: string | null }> {
  const { rows } = await dbPool().query<{ n: number; digest: string | null }>(
    `SELECT count(*)::int AS n,
            md5(string_agg((icao24, time, lat_deg, lon_deg, altitude_baro_ft, altitude_geo_ft, ground_speed_kt, track_deg,
                            vertical_rate_fpm, callsign, squawk, on_ground, source)::text, '|' ORDER BY icao24, time)) AS digest
       FROM positions WHERE time >= to_timestamp($1 / 1000.0) AND time < to_timestamp($2 / 1000.0)`,
    [fromMs, toMs],
  );
  return rows[0]!;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  return (await dbPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
}

/** A generic CSV with awkward values: many digits, nulls, squawks with leading zeros, each source. */
function writeThreeMonths(): string {
  const lines = ["time,icao24,lat,lon,altitude_ft,geoaltitude_ft,speed_kt,track,vertical_rate_fpm,callsign,squawk,on_ground,source"];
  const sources = ["ADSB", "MLAT", "TISB", "OTHER"];
  for (const monthMs of [MARCH, APRIL, MAY]) {
    for (const [a, icao24] of AIRCRAFT.entries()) {
      for (let i = 0; i < 120; i++) {
        const t = new Date(monthMs + (a * 3 + 5) * 86_400_000 + i * 30_000 + (i % 7) * 1).toISOString();
        const lat = 18.123456789012 + i * 0.0031 + a;
        const lon = -75.98765432101 + i * 0.0047;
        const alt = i % 9 === 0 ? "" : String(31000 + i);
        const geo = i % 4 === 0 ? "" : String(31150 + i);
        const speed = i % 11 === 0 ? "" : (440.123 + i / 3).toFixed(6);
        const track = (i * 2.75) % 360;
        const vr = i % 5 === 0 ? "" : String(-64 * (i % 3));
        const callsign = i % 13 === 0 ? "" : `TST${a}${i % 10}`;
        const squawk = i % 6 === 0 ? "" : i % 2 ? "0416" : "7000";
        lines.push(`${t},${icao24},${lat},${lon},${alt},${geo},${speed},${track},${vr},${callsign},${squawk},${i < 3},${sources[i % 4]}`);
      }
    }
  }
  const file = path.join(dir, "three-months.csv");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-retention-"));
  await dbPool().query(
    "TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, detection_requests, reception_visits, reception_cells CASCADE",
  );
  // Months other tests left (empty) would be retired too: start from these three alone.
  const { rows: left } = await dbPool().query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'positions'::regclass`,
  );
  for (const { name } of left) await dbPool().query(`DROP TABLE "${name}"`);
  await ensurePositionPartitions(dbPool(), [MARCH, APRIL, MAY]);
  const outcome = await importPositionsFile({ path: writeThreeMonths(), fileName: "three-months.csv", nowMs });
  expect(outcome.status).toBe("imported");
  // Detection reads the months before retention may take one (it refuses while a month waits for it).
  await runDetection();
  // An analyst's evidence from March: retention must keep it.
  await dbPool().query(
    `INSERT INTO flights (icao24, first_seen, last_seen, position_count, distance_km, detector_version)
     VALUES ('0b0c31', '2024-03-06T00:00:00Z', '2024-03-06T01:00:00Z', 120, 500, 'test')`,
  );
});

afterAll(async () => {
  await dbPool().query("DROP VIEW IF EXISTS march_positions_in_use");
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, detection_requests, reception_visits, reception_cells CASCADE");
  await closeDbPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("retention --before 2024-04", () => {
  const exportDir = () => path.join(dir, "exports");
  const file = () => path.join(exportDir(), "positions_p202403.csv.gz");
  let march: { n: number; digest: string | null };
  let later: { n: number; digest: string | null };

  it("a dry run lists March with its rows and changes nothing", async () => {
    march = await digest(MARCH, APRIL);
    later = await digest(APRIL, Date.UTC(2024, 5, 1));
    expect(march.n).toBe(360);
    expect(later.n).toBe(720);
    const outcome = await applyPositionRetention(dbPool(), { beforeMonthMs: APRIL, exportDir: exportDir(), dryRun: true, nowMs });
    expect(outcome.candidates.map((c) => [c.partition, c.rows])).toEqual([["positions_p202403", 360]]);
    expect(outcome.retired).toEqual([]);
    expect(fs.existsSync(exportDir())).toBe(false);
    expect(await digest(MARCH, APRIL)).toEqual(march);
  });

  it("refuses a cutoff after the current month", async () => {
    await expect(applyPositionRetention(dbPool(), { beforeMonthMs: Date.UTC(2025, 0, 1), exportDir: exportDir(), dryRun: false, nowMs })).rejects.toThrow(
      /after the current month/,
    );
  });

  it("a drop that fails leaves March attached with every row, its derived data, and no export", async () => {
    // Something depends on the partition: DROP TABLE fails after the export was written and checked.
    await dbPool().query("CREATE VIEW march_positions_in_use AS SELECT * FROM positions_p202403");
    const days = await count("position_day_counts WHERE day < '2024-04-01'");
    expect(days).toBeGreaterThan(0);
    await expect(applyPositionRetention(dbPool(), { beforeMonthMs: APRIL, exportDir: exportDir(), dryRun: false, nowMs })).rejects.toThrow(/depend/);
    const months = await dbPool().connect().then(async (c) => {
      try {
        return await loadPositionPartitionMonths(c);
      } finally {
        c.release();
      }
    });
    expect(months.has(MARCH)).toBe(true);
    expect(await digest(MARCH, APRIL)).toEqual(march);
    expect(await count("position_day_counts WHERE day < '2024-04-01'")).toBe(days);
    expect(fs.readdirSync(exportDir())).toEqual([]);
    await dbPool().query("DROP VIEW march_positions_in_use");
  });

  it("an export whose write fails midway (a full disk) leaves March attached with every row, and says why", async () => {
    const createWriteStream = fs.createWriteStream;
    const spy = vi.spyOn(fs, "createWriteStream").mockImplementation(((target: fs.PathLike, options?: unknown) => {
      if (!String(target).endsWith(".partial")) return createWriteStream(target, options as never);
      return new Writable({ write: (_chunk, _encoding, done) => done(Object.assign(new Error("file too large"), { code: "EFBIG" })) }) as unknown as fs.WriteStream;
    }) as typeof fs.createWriteStream);
    // Enough rows that the disk fills while the COPY is still streaming (its connection left inside it).
    await dbPool().query(
      `INSERT INTO positions (icao24, time, lat_deg, lon_deg, on_ground, source, batch_id)
       SELECT '0b0c99', timestamptz '2024-03-20T00:00:00Z' + n * interval '1 second', 10 + n * 1e-5, -70, false, 'ADSB', (SELECT min(id) FROM import_batches)
         FROM generate_series(1, 100000) AS n`,
    );
    try {
      await expect(applyPositionRetention(dbPool(), { beforeMonthMs: APRIL, exportDir: exportDir(), dryRun: false, nowMs })).rejects.toThrow(/file too large/);
    } finally {
      spy.mockRestore();
    }
    expect(await count("pg_inherits WHERE inhrelid = 'positions_p202403'::regclass")).toBe(1);
    expect(await count("positions WHERE icao24 = '0b0c99'")).toBe(100_000);
    await dbPool().query(`DELETE FROM positions WHERE icao24 = '0b0c99'`);
    expect(await digest(MARCH, APRIL)).toEqual(march);
    expect(fs.readdirSync(exportDir())).toEqual([]);
  }, 30_000);

  it("a connection lost during the export (as when the command is killed) leaves March attached with every row", async () => {
    const createWriteStream = fs.createWriteStream;
    let cut = false;
    const spy = vi.spyOn(fs, "createWriteStream").mockImplementation(((target: fs.PathLike, options?: unknown) => {
      const real = createWriteStream(target, options as never);
      if (!String(target).endsWith(".partial")) return real;
      // Before the first bytes land, the connection that holds the run (and would drop the month) goes.
      return new Writable({
        write: (chunk, encoding, done) => {
          const ready = cut
            ? Promise.resolve()
            : dbPool()
                .query(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`)
                .then(() => void (cut = true));
          ready.then(() => real.write(chunk, encoding, done), done);
        },
        final: (done) => real.end(done),
      }) as unknown as fs.WriteStream;
    }) as typeof fs.createWriteStream);
    try {
      await expect(applyPositionRetention(dbPool(), { beforeMonthMs: APRIL, exportDir: exportDir(), dryRun: false, nowMs })).rejects.toThrow(/terminat|Connection/i);
    } finally {
      spy.mockRestore();
    }
    expect(cut).toBe(true);
    expect(await count("pg_inherits WHERE inhrelid = 'positions_p202403'::regclass")).toBe(1);
    expect(await digest(MARCH, APRIL)).toEqual(march);
    expect(await count("position_day_counts WHERE day < '2024-04-01'")).toBeGreaterThan(0);
    // Whether the drop committed could not be asked: the checked export is kept, as a full copy.
    expect(fs.readdirSync(exportDir())).toEqual(["positions_p202403.csv.gz"]);
    fs.rmSync(file());
  });

  it("keeps a month whose positions detection has not read yet, saying so", async () => {
    await dbPool().query(`INSERT INTO detection_requests (icao24, window_start, window_end) VALUES ('0b0c31', '2024-03-10T00:00:00Z', '2024-03-10T02:00:00Z')`);
    try {
      await expect(applyPositionRetention(dbPool(), { beforeMonthMs: APRIL, exportDir: exportDir(), dryRun: false, nowMs })).rejects.toThrow(
        /1 aircraft have positions in positions_p202403 that detection has not read yet/,
      );
      expect(await count("pg_inherits WHERE inhrelid = 'positions_p202403'::regclass")).toBe(1);
      expect(await digest(MARCH, APRIL)).toEqual(march);
      expect(fs.readdirSync(exportDir())).toEqual([]);
    } finally {
      await dbPool().query(`DELETE FROM detection_requests WHERE icao24 = '0b0c31'`);
    }
  });

  it("exports March, drops it and what is derived from it alone, and keeps April, May and the flights", { timeout: 30_000 }, async () => {
    const marchFlights = await count("flights WHERE first_seen < '2024-04-01'");
    expect(marchFlights).toBeGreaterThan(1);
    const receptionBefore = await count("reception_visits WHERE hour >= '2024-04-01'");
    const daysLater = (await dbPool().query(`SELECT day::text, positions::int FROM position_day_counts WHERE day >= '2024-04-01' ORDER BY day`)).rows;
    expect(await count("reception_visits WHERE hour < '2024-04-01'")).toBeGreaterThan(0);

    // As an earlier version's interrupted run left it: detached. It goes back, then is retired like any other.
    await dbPool().query(`ALTER TABLE positions DETACH PARTITION positions_p202403`);
    // A reader holds the month for 3 s: the drop waits 2 s at a time (readers queue behind it meanwhile), then tries again.
    const reader = await dbPool().connect();
    await reader.query("BEGIN");
    await reader.query("SELECT 1 FROM positions WHERE time < '2024-04-01' LIMIT 1");
    let readerDone = false;
    const ends = new Promise<void>((resolve) =>
      setTimeout(() => {
        readerDone = true;
        void reader.query("COMMIT").finally(() => (reader.release(), resolve()));
      }, 3_000),
    );
    const outcome = await applyPositionRetention(dbPool(), { beforeMonthMs: APRIL, exportDir: exportDir(), dryRun: false, nowMs });
    expect(readerDone).toBe(true);
    await ends;
    expect(outcome.retired.map((m) => [m.partition, m.rows, m.file])).toEqual([["positions_p202403", 360, file()]]);
    expect(fs.readdirSync(exportDir())).toEqual(["positions_p202403.csv.gz"]);

    expect(await count("pg_class WHERE relname = 'positions_p202403'")).toBe(0);
    expect(await digest(MARCH, APRIL)).toEqual({ n: 0, digest: null });
    expect(await digest(APRIL, Date.UTC(2024, 5, 1))).toEqual(later);
    expect(await count("position_day_counts WHERE day < '2024-04-01'")).toBe(0);
    expect((await dbPool().query(`SELECT day::text, positions::int FROM position_day_counts WHERE day >= '2024-04-01' ORDER BY day`)).rows).toEqual(daysLater);
    expect(await count("reception_visits WHERE hour < '2024-04-01'")).toBe(0);
    expect(await count("reception_cells WHERE hour < '2024-04-01'")).toBe(0);
    expect(await count("reception_visits WHERE hour >= '2024-04-01'")).toBe(receptionBefore);
    expect(await count("flights WHERE first_seen < '2024-04-01'")).toBe(marchFlights);
  });

  it("the export imports again to the same stored rows, and a second run finds nothing to do", async () => {
    await ensurePositionPartitions(dbPool(), [MARCH]);
    const outcome = await importPositionsFile({ path: file(), fileName: "positions_p202403.csv.gz", nowMs });
    expect(outcome).toMatchObject({ status: "imported", accepted: 360, duplicates: 0, rejections: { rejected: 0 } });
    expect(await digest(MARCH, APRIL)).toEqual(march);
    expect(await count("position_day_counts WHERE day < '2024-04-01'")).toBeGreaterThan(0);

    fs.renameSync(file(), path.join(dir, "moved.csv.gz"));
    const again = await applyPositionRetention(dbPool(), { beforeMonthMs: MARCH, exportDir: exportDir(), dryRun: false, nowMs });
    expect(again).toEqual({ candidates: [], retired: [] });
  });
});
