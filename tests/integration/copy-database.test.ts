import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COPIED_TABLES, copyDatabase } from "@/lib/infra/copy-database";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/infra/scratch-database";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
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
