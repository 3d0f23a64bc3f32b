import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { from as copyFrom } from "pg-copy-streams";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { dropEmptyPositionPartitions } from "@/lib/server/positions/drop-empty-position-partitions";
import { ensureUpcomingPositionPartitions } from "@/lib/server/positions/ensure-upcoming-position-partitions";
import {
  ensurePositionPartitions,
  loadPositionPartitionMonths,
  monthStartMs,
  positionPartitionName,
} from "@/lib/server/positions/position-partitions";

/**
 * Monthly partitions are created by the application: idempotently, when two processes race, and
 * while an import transaction of ours is writing positions (it must not wait for it, nor it for us).
 */
const url = process.env.DATABASE_URL!;
// A lock wait fails these pools fast instead of hanging the test until its timeout.
const poolOptions = { connectionString: url, max: 3, options: "-c lock_timeout=10000 -c TimeZone=UTC" };
let pools: pg.Pool[] = [];
let batchId: string;

async function months(): Promise<Set<number>> {
  const client = await dbPool().connect();
  try {
    return await loadPositionPartitionMonths(client);
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  pools = [new pg.Pool(poolOptions), new pg.Pool(poolOptions)];
  const { rows } = await dbPool().query<{ id: string }>(
    `INSERT INTO import_batches (sha256, file_name, format, status, size_bytes) VALUES (repeat('e', 64), 'partitions.csv', 'test', 'RUNNING', 0) RETURNING id::text`,
  );
  batchId = rows[0]!.id;
});

afterAll(async () => {
  await dbPool().query(`DELETE FROM positions WHERE batch_id = $1`, [batchId]);
  await dbPool().query(`DELETE FROM import_batches WHERE id = $1`, [batchId]);
  await Promise.all(pools.map((p) => p.end()));
  await closeDbPool();
});

describe("monthStartMs", () => {
  it("is the UTC first instant of the month, at and across month and year ends", () => {
    expect(monthStartMs(Date.parse("2024-08-31T23:59:59.999Z"))).toBe(Date.parse("2024-08-01T00:00:00Z"));
    expect(monthStartMs(Date.parse("2024-09-01T00:00:00Z"))).toBe(Date.parse("2024-09-01T00:00:00Z"));
    expect(monthStartMs(Date.parse("2025-01-01T02:00:00+05:00"))).toBe(Date.parse("2024-12-01T00:00:00Z"));
    expect(positionPartitionName(Date.parse("2024-02-29T12:00:00Z"))).toBe("positions_p202402");
  });
});

describe("ensurePositionPartitions", () => {
  it("creates each month once, however many times and by however many processes it is asked", async () => {
    const wanted = [Date.UTC(2023, 0, 10), Date.UTC(2023, 1, 28), Date.UTC(2023, 0, 1)];
    await Promise.all([...pools, ...pools].map((pool) => ensurePositionPartitions(pool, wanted)));
    await ensurePositionPartitions(dbPool(), wanted);
    const now = await months();
    expect(now.has(Date.UTC(2023, 0, 1))).toBe(true);
    expect(now.has(Date.UTC(2023, 1, 1))).toBe(true);
    expect(now.has(Date.UTC(2023, 2, 1))).toBe(false);
    const { rows } = await dbPool().query(`SELECT relname FROM pg_class WHERE relname IN ('positions_p202301', 'positions_p202302') AND relkind = 'r'`);
    expect(rows).toHaveLength(2);
  });

  it("attaches a month while an import transaction is writing positions, and that transaction's next COPY reaches it", async () => {
    await ensurePositionPartitions(dbPool(), [Date.UTC(2023, 4, 1)]);
    const importer = new pg.Client({ connectionString: url, options: "-c TimeZone=UTC" });
    await importer.connect();
    try {
      await importer.query("BEGIN");
      await importer.query(
        `INSERT INTO positions (icao24, time, lat_deg, lon_deg, batch_id) VALUES ('0c1f01', '2023-05-20T10:00:00Z', 18.5, -70.1, $1)`,
        [batchId],
      );
      // June has no partition yet: the import asks for it on another connection, mid-transaction.
      await ensurePositionPartitions(pools[0]!, [Date.UTC(2023, 5, 15)]);
      const copy = importer.query(copyFrom(`COPY positions (icao24, time, lat_deg, lon_deg, batch_id) FROM STDIN`));
      const done = new Promise<void>((resolve, reject) => {
        copy.once("finish", resolve);
        copy.once("error", reject);
      });
      copy.end(`0c1f01\t2023-06-02T08:00:00Z\t18.6\t-70.2\t${batchId}\n`);
      await done;
      await importer.query("COMMIT");
    } finally {
      await importer.end();
    }
    const { rows } = await dbPool().query<{ part: string; n: number }>(
      // On a Citus cluster the rows sit in the month's shards (positions_p202305_102373): the month is the name less the shard id.
      `SELECT regexp_replace(tableoid::regclass::text, '_[0-9]+$', '') AS part, count(*)::int AS n FROM positions WHERE batch_id = $1 GROUP BY 1 ORDER BY 1`,
      [batchId],
    );
    expect(rows).toEqual([
      { part: "positions_p202305", n: 1 },
      { part: "positions_p202306", n: 1 },
    ]);
  });

  it("attaches again a month's table an interrupted retention left detached, with its rows", async () => {
    await dbPool().query(`ALTER TABLE positions DETACH PARTITION positions_p202305`);
    expect((await months()).has(Date.UTC(2023, 4, 1))).toBe(false);
    await ensurePositionPartitions(dbPool(), [Date.UTC(2023, 4, 31)]);
    expect((await dbPool().query(`SELECT count(*)::int AS n FROM positions WHERE time >= '2023-05-01' AND time < '2023-06-01'`)).rows[0].n).toBe(1);
  });
});

describe("ensureUpcomingPositionPartitions", () => {
  it("creates this month and the next two", async () => {
    const nowMs = Date.UTC(2031, 10, 20, 12);
    await ensureUpcomingPositionPartitions(dbPool(), nowMs);
    const now = await months();
    for (const month of [Date.UTC(2031, 10, 1), Date.UTC(2031, 11, 1), Date.UTC(2032, 0, 1)]) expect(now.has(month)).toBe(true);
    expect(now.has(Date.UTC(2032, 1, 1))).toBe(false);
  });
});

describe("dropEmptyPositionPartitions", () => {
  it("drops the empty months only: never one holding rows, nor while an import that may write into them is open, and without waiting long", async () => {
    const [held, writing, empty, never] = [Date.UTC(1996, 0, 1), Date.UTC(1996, 1, 1), Date.UTC(1996, 2, 1), Date.UTC(1996, 3, 1)];
    expect(await ensurePositionPartitions(dbPool(), [held, writing, empty])).toEqual([held, writing, empty]);
    await dbPool().query(`INSERT INTO positions (icao24, time, lat_deg, lon_deg, batch_id) VALUES ('0c1f02', '1996-01-20T10:00:00Z', 18.5, -70.1, $1)`, [batchId]);
    const importer = new pg.Client({ connectionString: url, options: "-c TimeZone=UTC" });
    await importer.connect();
    try {
      // Another import's rows, not yet committed: invisible to a count, yet the month is in use.
      await importer.query("BEGIN");
      await importer.query(`INSERT INTO positions (icao24, time, lat_deg, lon_deg, batch_id) VALUES ('0c1f02', '1996-02-20T10:00:00Z', 18.5, -70.1, $1)`, [batchId]);
      // Dropping any month waits for every transaction using positions: while this one is open,
      // nothing goes, and the wait is bounded.
      const startedMs = Date.now();
      expect(await dropEmptyPositionPartitions(dbPool(), [held, writing, empty, never])).toEqual([]);
      expect(Date.now() - startedMs).toBeLessThan(15_000);
      expect((await months()).has(empty)).toBe(true);
      await importer.query("COMMIT");
    } finally {
      await importer.end();
    }
    expect(await dropEmptyPositionPartitions(dbPool(), [held, writing, empty, never])).toEqual([empty]);
    const now = await months();
    expect([held, writing, empty, never].map((m) => now.has(m))).toEqual([true, true, false, false]);
    const { rows } = await dbPool().query(`SELECT relname FROM pg_class WHERE relname = 'positions_p199603'`);
    expect(rows).toEqual([]);
    expect((await dbPool().query(`SELECT count(*)::int AS n FROM positions WHERE time >= '1996-01-01' AND time < '1996-03-01'`)).rows[0].n).toBe(2);
  });

  it("is told only of the months whose table ensurePositionPartitions created, never one it attached again", async () => {
    const [june, july] = [Date.UTC(1996, 5, 1), Date.UTC(1996, 6, 1)];
    expect(await ensurePositionPartitions(dbPool(), [june])).toEqual([june]);
    await dbPool().query(`INSERT INTO positions (icao24, time, lat_deg, lon_deg, batch_id) VALUES ('0c1f03', '1996-06-20T10:00:00Z', 18.5, -70.1, $1)`, [batchId]);
    await dbPool().query(`ALTER TABLE positions DETACH PARTITION positions_p199606`);
    // June's table is attached again with its row, July's made: only July is this call's own.
    expect(await ensurePositionPartitions(dbPool(), [june, july])).toEqual([july]);
    expect(await ensurePositionPartitions(dbPool(), [june, july])).toEqual([]);
    expect(await dropEmptyPositionPartitions(dbPool(), [july])).toEqual([july]);
    expect((await dbPool().query(`SELECT count(*)::int AS n FROM positions WHERE time >= '1996-06-01' AND time < '1996-07-01'`)).rows[0].n).toBe(1);
  });
});
