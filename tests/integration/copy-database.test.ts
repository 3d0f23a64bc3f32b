import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COPIED_TABLES, copyDatabase } from "@/lib/infra/copy-database";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/infra/scratch-database";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { ensurePositionPartitions, loadPositionPartitionMonths } from "@/lib/server/positions/position-partitions";
import { runDetection } from "@/lib/server/detection/run-detection";
import { sharedDataPath } from "@/tests/support/shared-data";

/**
 * `copy-to`: this run's database (with a real file imported and detected on top of what earlier
 * files left) copied into a new one (on the same kind of server: one PostgreSQL under `npm test`,
 * the Citus cluster under `npm run test:citus`): every table holds the same rows, and ids handed
 * out afterwards follow the copied ones.
 */
let target: ScratchDatabase;
let targetClient: pg.Client;

beforeAll(async () => {
  await importPositionsFile({ path: sharedDataPath("real", "kingston_opensky_states.csv"), fileName: "kingston.csv", nowMs: Date.now() });
  await runDetection();
  target = await createScratchDatabase();
  targetClient = new pg.Client({ connectionString: target.url, options: "-c TimeZone=UTC" });
});

afterAll(async () => {
  await targetClient?.end().catch(() => undefined);
  await target?.drop();
  await closeDbPool();
});

/** Per table: rows, and a digest of them in key order (md5 over each row's text). */
async function fingerprint(query: (sql: string) => Promise<{ rows: { n: number; digest: string | null }[] }>) {
  const result: Record<string, { n: number; digest: string | null }> = {};
  for (const table of COPIED_TABLES) {
    const { rows } = await query(`SELECT count(*)::int AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS digest FROM "${table}" t`);
    result[table] = rows[0]!;
  }
  return result;
}

describe("copying the data into a new database", () => {
  it("copies every table's rows, in one go, and the id sequences continue after them", async () => {
    const copied = await copyDatabase(process.env.DATABASE_URL!, target.url);
    expect(copied.map((c) => c.table)).toEqual([...COPIED_TABLES]);
    await targetClient.connect();
    const before = await fingerprint((sql) => dbPool().query(sql));
    const after = await fingerprint((sql) => targetClient.query(sql));
    expect(before.positions!.n).toBeGreaterThan(1000);
    expect(before.flights!.n).toBeGreaterThan(0);
    expect(after).toEqual(before);
    for (const c of copied) expect(c.rows, c.table).toBe(before[c.table]!.n);

    const maxId = Number((await targetClient.query(`SELECT max(id)::bigint AS m FROM import_batches`)).rows[0].m);
    const next = await targetClient.query(
      `INSERT INTO import_batches (sha256, file_name, format, size_bytes) VALUES (repeat('e', 64), 'after-copy.csv', 'opensky', 1) RETURNING id::bigint AS id`,
    );
    expect(Number(next.rows[0].id)).toBeGreaterThan(maxId);
  });

  it("refuses a target that already holds data, and leaves it as it was", async () => {
    await expect(copyDatabase(process.env.DATABASE_URL!, target.url)).rejects.toThrow(/the target already holds \w+: copy into a new, empty database/);
    const { rows } = await targetClient.query(`SELECT count(*)::int AS n FROM positions`);
    expect(rows[0].n).toBe((await dbPool().query(`SELECT count(*)::int AS n FROM positions`)).rows[0].n);
  });
});

describe("a month an earlier version's interrupted retention left detached", () => {
  const MARCH_1997 = Date.UTC(1997, 2, 1);

  async function attachedMonths(): Promise<Set<number>> {
    const client = await dbPool().connect();
    try {
      return await loadPositionPartitionMonths(client);
    } finally {
      client.release();
    }
  }

  it("is attached again in the source first, so the copy holds its rows", async () => {
    await ensurePositionPartitions(dbPool(), [MARCH_1997]);
    const batch = (await dbPool().query(`SELECT min(id)::text AS id FROM import_batches`)).rows[0].id as string;
    await dbPool().query(
      `INSERT INTO positions (icao24, time, lat_deg, lon_deg, batch_id) VALUES ('0c1f04', '1997-03-10T10:00:00Z', 18.5, -70.1, $1), ('0c1f04', '1997-03-10T10:00:10Z', 18.6, -70.1, $1)`,
      [batch],
    );
    await dbPool().query(`ALTER TABLE positions DETACH PARTITION positions_p199703`);
    const second = await createScratchDatabase();
    const client = new pg.Client({ connectionString: second.url, options: "-c TimeZone=UTC" });
    try {
      const copied = await copyDatabase(process.env.DATABASE_URL!, second.url);
      expect((await attachedMonths()).has(MARCH_1997)).toBe(true);
      await client.connect();
      const march = `SELECT count(*)::int AS n FROM positions WHERE time >= '1997-03-01' AND time < '1997-04-01'`;
      expect((await client.query(march)).rows[0].n).toBe(2);
      expect(await fingerprint((sql) => client.query(sql))).toEqual(await fingerprint((sql) => dbPool().query(sql)));
      expect(copied.find((c) => c.table === "positions")!.rows).toBe((await dbPool().query(`SELECT count(*)::int AS n FROM positions`)).rows[0].n);
    } finally {
      await client.end().catch(() => undefined);
      await second.drop();
      await dbPool().query(`DELETE FROM positions WHERE icao24 = '0c1f04'`);
    }
  });

  it("refuses, naming the month, when that month cannot be attached again; its table stays as it was", async () => {
    // A table of April holding a row of May: ATTACH checks the bounds and fails.
    await dbPool().query(`CREATE TABLE positions_p199704 (LIKE positions INCLUDING DEFAULTS)`);
    const batch = (await dbPool().query(`SELECT min(id)::text AS id FROM import_batches`)).rows[0].id as string;
    await dbPool().query(`INSERT INTO positions_p199704 (icao24, time, lat_deg, lon_deg, batch_id) VALUES ('0c1f05', '1997-05-10T10:00:00Z', 18.5, -70.1, $1)`, [batch]);
    const third = await createScratchDatabase();
    try {
      await expect(copyDatabase(process.env.DATABASE_URL!, third.url)).rejects.toThrow(
        /^the source's positions of 1997-04 \(table positions_p199704\) are detached from positions/,
      );
      expect((await dbPool().query(`SELECT count(*)::int AS n FROM positions_p199704`)).rows[0].n).toBe(1);
      expect((await attachedMonths()).has(Date.UTC(1997, 3, 1))).toBe(false);
    } finally {
      await third.drop();
      await dbPool().query(`DROP TABLE positions_p199704`);
    }
  });
});
