import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMigrationState, migrateDatabase, readMigrationFiles } from "@/lib/infra/migrate";

const url = process.env.DATABASE_URL!;
let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(() => client.end());

describe("npm run db:migrate", () => {
  it("records every migration in Prisma's _prisma_migrations format, with the file's sha256", async () => {
    const files = readMigrationFiles();
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(files[i]!.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("is a no-op when up to date", async () => {
    expect(await migrateDatabase(url)).toEqual([]);
    expect((await getMigrationState(url)).pending).toEqual([]);
  });

  it("rolls a failing migration back whole and records nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-migrations-"));
    for (const file of readMigrationFiles()) {
      fs.mkdirSync(path.join(dir, file.name));
      fs.writeFileSync(path.join(dir, file.name, "migration.sql"), file.sql);
    }
    fs.mkdirSync(path.join(dir, "29990101000000_broken"));
    fs.writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE half_made (id int);\nSELECT * FROM no_such_table;`,
    );
    await expect(migrateDatabase(url, dir)).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    const table = await client.query(`SELECT to_regclass('half_made') AS t`);
    expect(table.rows[0].t).toBeNull();
    const recorded = await client.query(`SELECT 1 FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'`);
    expect(recorded.rowCount).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("20261205160000_positions_partitioned", () => {
  const PARTITIONED = "20261205160000_positions_partitioned";

  it("carries an existing plain positions table over: same rows, one partition per UTC month, no foreign key", async () => {
    const name = `darkflight_carry_${process.pid}_${Date.now()}`;
    await client.query(`CREATE DATABASE "${name}"`);
    const carryUrl = new URL(url);
    carryUrl.pathname = `/${name}`;
    const before = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-migrations-before-"));
    const db = new pg.Client({ connectionString: carryUrl.toString() });
    try {
      for (const file of readMigrationFiles().filter((f) => f.name < PARTITIONED)) {
        fs.mkdirSync(path.join(before, file.name));
        fs.writeFileSync(path.join(before, file.name, "migration.sql"), file.sql);
      }
      await migrateDatabase(carryUrl.toString(), before);
      await db.connect();
      // A session in another zone: month bounds must still be UTC months.
      await db.query("SET TimeZone = 'America/Havana'");
      const { rows: batch } = await db.query<{ id: string }>(
        `INSERT INTO import_batches (sha256, file_name, format, status, size_bytes) VALUES (repeat('c', 64), 'old.csv', 'opensky', 'COMMITTED', 1) RETURNING id::text`,
      );
      // 3 UTC months, with rows on both sides of a month's first instant (UTC, not Havana time).
      await db.query(
        `INSERT INTO positions (icao24, time, lat_deg, lon_deg, altitude_baro_ft, ground_speed_kt, track_deg, callsign, squawk, on_ground, source, batch_id)
         SELECT CASE WHEN g % 2 = 0 THEN 'abc123' ELSE '0c0aa1' END, t, 20 + g * 0.001, -80 - g * 0.001, 30000 + g, 450.25, 90.5, 'TST' || g % 10, '7000', g % 7 = 0,
                (CASE WHEN g % 3 = 0 THEN 'MLAT' ELSE 'ADSB' END)::"PositionSource", $1
           FROM (SELECT g, timestamptz '2024-05-31T23:00:00Z' + g * interval '97 seconds' AS t FROM generate_series(0, 999) g
                 UNION ALL SELECT 1000 + g, timestamptz '2024-07-31T23:59:59.999Z' - g * interval '1 ms' FROM generate_series(0, 4) g) s`,
        [batch[0]!.id],
      );
      const snapshot = async () =>
        (await db.query(`SELECT md5(string_agg(p::text, '|' ORDER BY icao24, time)) AS digest, count(*)::int AS n FROM positions p`)).rows[0];
      const rowsBefore = await snapshot();
      expect(rowsBefore.n).toBe(1005);

      expect(await migrateDatabase(carryUrl.toString())).toContain(PARTITIONED);
      expect(await snapshot()).toEqual(rowsBefore);
      const parts = await db.query<{ name: string; n: number }>(
        `SELECT c.relname AS name, (SELECT count(*)::int FROM positions p WHERE p.tableoid = c.oid) AS n
           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'positions'::regclass ORDER BY 1`,
      );
      expect(parts.rows).toEqual([
        { name: "positions_p202405", n: await countBetween(db, "2024-05-01", "2024-06-01") },
        { name: "positions_p202406", n: await countBetween(db, "2024-06-01", "2024-07-01") },
        { name: "positions_p202407", n: await countBetween(db, "2024-07-01", "2024-08-01") },
      ]);
      expect(parts.rows.reduce((sum, p) => sum + p.n, 0)).toBe(1005);
      // 23:00 UTC on 31 May is May in UTC (and 19:00 in Havana): 3600 s / 97 s → rows 0…37.
      expect(parts.rows[0]!.n).toBe(38);
      expect((await db.query(`SELECT to_regclass('positions_unpartitioned') AS t`)).rows[0].t).toBeNull();
      // The old foreign key is gone: a batch's positions are the importers' to delete.
      const fks = await db.query(`SELECT 1 FROM pg_constraint WHERE conrelid = 'positions'::regclass AND contype = 'f'`);
      expect(fks.rowCount).toBe(0);
    } finally {
      await db.end().catch(() => undefined);
      fs.rmSync(before, { recursive: true, force: true });
      await client.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    }
  });
});

async function countBetween(db: pg.Client, from: string, to: string): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM positions WHERE time >= ($1 || 'T00:00:00Z')::timestamptz AND time < ($2 || 'T00:00:00Z')::timestamptz`, [from, to]);
  return rows[0].n;
}
