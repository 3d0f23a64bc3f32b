import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citusWorkers, createClusterDatabase, dropClusterDatabase } from "@/lib/infra/citus-cluster-database";
import { DISTRIBUTED_TABLES, REFERENCE_TABLES } from "@/lib/infra/citus-distribution";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/infra/embedded-database";
import { migrateDatabase } from "@/lib/infra/migrate";
import { createDatabaseOnServer } from "@/lib/infra/scratch-database";
import { SHARED_DATA_DIR, sharedDataPath } from "@/tests/support/shared-data";

/**
 * Run by `npm run test:citus` against a fresh cluster (DATABASE_URL: its coordinator):
 * - `migrate` leaves the schema placed as docs/scaling.md says, and running it again changes nothing;
 * - every real file of ../shared/data/real, imported with the CLI into the cluster and into one
 *   embedded PostgreSQL, gives the same batches, positions, flights, flags and graded gaps;
 * - `copy-to` moves the embedded server's data into a new database on the cluster, unchanged;
 * - a populated plain database whose server becomes the coordinator is distributed in place by migrate.
 */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const REAL_DIR = sharedDataPath("real");
/** The Flightradar24 web export names no aircraft: the user gives the address. */
const NEEDS_ADDRESS: Record<string, string> = { "JL516_3376ab31.csv": "8467d8" };

let cluster: pg.Client;
let single: EmbeddedDatabase;
let singleClient: pg.Client;
let singleDir: string;

/** The CLI as a user runs it; exit 1 (some rows rejected, as real files have) is an answer, not a crash. */
async function cli(databaseUrl: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(
      process.execPath,
      ["--max-old-space-size=256", "--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, TEST_DATABASE_URL: "" }, maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (failed.code === 1 && failed.stdout) return failed.stdout;
    throw new Error(`cli ${args[0]} exited ${failed.code}: ${failed.stderr ?? ""}`);
  }
}

async function importEverything(databaseUrl: string): Promise<void> {
  const files = fs.readdirSync(REAL_DIR).sort();
  const plain = files.filter((f) => !NEEDS_ADDRESS[f]).map((f) => path.join(REAL_DIR, f));
  await cli(databaseUrl, ["import", ...plain, "--json"]);
  for (const [file, icao24] of Object.entries(NEEDS_ADDRESS)) {
    await cli(databaseUrl, ["import", path.join(REAL_DIR, file), "--icao24", icao24, "--json"]);
  }
  await cli(databaseUrl, ["detect", "--json"]);
}

/** What a user sees of the data, free of ids a sequence handed out. */
async function snapshot(client: pg.Client) {
  const q = async (sql: string) => (await client.query(sql)).rows;
  return {
    batches: await q(`SELECT file_name, format, status, rows_accepted, rows_duplicate, rows_rejected, first_time, last_time
                        FROM import_batches ORDER BY file_name, rows_accepted`),
    positions: await q(`SELECT icao24, count(*)::int AS n, min(time) AS first, max(time) AS last,
                               round(sum(lat_deg + lon_deg)::numeric, 3)::text AS checksum
                          FROM positions GROUP BY icao24 ORDER BY icao24`),
    flights: await q(`SELECT icao24, first_seen, last_seen, callsign, origin_icao, destination_icao, position_count,
                             round(distance_km::numeric, 1)::text AS km, fir_sequence, round(score::numeric, 4)::text AS score
                        FROM flights ORDER BY icao24, first_seen`),
    flags: await q(`SELECT g.icao24, f.first_seen, g.kind::text AS kind, g.window_start, g.window_end, g.evidence
                      FROM flags g JOIN flights f ON f.icao24 = g.icao24 AND f.id = g.flight_id
                     ORDER BY 1, 2, 3, 4`),
    gaps: await q(`SELECT g.icao24, f.first_seen, g.off_time, g.on_time, g.duration_s, g.open, g.partial, g.suspected,
                          round(g.confidence::numeric, 4)::text AS confidence, g.witness_count
                     FROM gap_events g JOIN flights f ON f.icao24 = g.icao24 AND f.id = g.flight_id
                    ORDER BY 1, 2, 3`),
    reviews: await q(`SELECT r.icao24, f.first_seen, r.status::text AS status FROM reviews r
                        JOIN flights f ON f.icao24 = r.icao24 AND f.id = r.flight_id ORDER BY 1, 2`),
    receptionCells: await q(`SELECT count(*)::int AS n, sum(received)::text AS received, sum(expected_milli)::text AS expected FROM reception_cells`),
  };
}

beforeAll(async () => {
  cluster = new pg.Client({ connectionString: process.env.DATABASE_URL, options: "-c TimeZone=UTC" });
  await cluster.connect();
  singleDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-single-"));
  single = await startEmbeddedDatabase({ dataDir: singleDir, databaseName: "darkflight_single", fast: true });
  await migrateDatabase(single.url);
  singleClient = new pg.Client({ connectionString: single.url, options: "-c TimeZone=UTC" });
  await singleClient.connect();
});

afterAll(async () => {
  await cluster?.end();
  await singleClient?.end();
  await single?.stop();
  if (singleDir) fs.rmSync(singleDir, { recursive: true, force: true });
});

describe("a Citus cluster", () => {
  it("is what the tests run on (a coordinator with two workers)", async () => {
    const { rows } = await cluster.query<{ workers: number }>(
      `SELECT count(*)::int AS workers FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary'`,
    );
    expect(rows[0]?.workers).toBe(2);
    expect(SHARED_DATA_DIR).toBeTruthy();
  });

  it("gets its tables placed by migrate: per-aircraft tables distributed by icao24 and co-located, the rest reference tables", async () => {
    const { rows } = await cluster.query<{ name: string; type: string; column: string; colocation: number }>(
      `SELECT table_name::text AS name, citus_table_type AS type, distribution_column AS column, colocation_id AS colocation
         FROM citus_tables`,
    );
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const table of DISTRIBUTED_TABLES) {
      expect(byName.get(table), table).toMatchObject({ type: "distributed", column: "icao24", colocation: byName.get("flights")?.colocation });
    }
    for (const table of REFERENCE_TABLES) expect(byName.get(table)?.type, table).toBe("reference");
    // The job queue's tables stay on the coordinator only.
    expect([...byName.keys()].filter((name) => name.startsWith("pgboss"))).toEqual([]);
    // Running migrate again places nothing anew.
    expect(await migrateDatabase(process.env.DATABASE_URL ?? "")).toEqual([]);
    const again = await cluster.query(`SELECT count(*)::int AS n FROM citus_tables`);
    expect(again.rows[0].n).toBe(rows.length);
  });

  it("imports the real files with the same counts as one server, and detection gives the same flights, flags and gaps", async () => {
    await importEverything(process.env.DATABASE_URL ?? "");
    await importEverything(single.url);
    const onCluster = await snapshot(cluster);
    const onOne = await snapshot(singleClient);
    expect(onCluster.batches.length).toBe(fs.readdirSync(REAL_DIR).length);
    expect(onCluster.flights.length).toBeGreaterThan(5);
    expect(onCluster.flags.length).toBeGreaterThan(0);
    expect(onCluster.gaps.length).toBeGreaterThan(0);
    expect(onCluster.batches).toEqual(onOne.batches);
    expect(onCluster.positions).toEqual(onOne.positions);
    expect(onCluster.flights).toEqual(onOne.flights);
    expect(onCluster.flags).toEqual(onOne.flags);
    expect(onCluster.gaps).toEqual(onOne.gaps);
    expect(onCluster.reviews).toEqual(onOne.reviews);
    expect(onCluster.receptionCells).toEqual(onOne.receptionCells);
    // Every month the files cover got a partition, distributed with its parent.
    const parts = await cluster.query<{ name: string; type: string }>(
      `SELECT c.relname AS name, t.citus_table_type AS type FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         JOIN citus_tables t ON t.table_name = c.oid::regclass WHERE i.inhparent = 'positions'::regclass`,
    );
    expect(parts.rows.length).toBeGreaterThan(1);
    for (const part of parts.rows) expect(part.type).toBe("distributed");
  });

  it("takes in the one server's data with `copy-to`, as the guide moves an installation", async () => {
    const moved = await createDatabaseOnServer(process.env.DATABASE_URL ?? "");
    const client = new pg.Client({ connectionString: moved.url, options: "-c TimeZone=UTC" });
    try {
      const out = await cli(single.url, ["copy-to", moved.url]);
      expect(out).toMatch(/copied [\d,]+ rows/);
      await client.connect();
      const onOne = await snapshot(singleClient);
      expect(onOne.positions.length).toBeGreaterThan(5);
      expect(await snapshot(client)).toEqual(onOne);
      const placed = await client.query<{ type: string }>(`SELECT citus_table_type AS type FROM citus_tables WHERE table_name = 'positions'::regclass`);
      expect(placed.rows[0]?.type).toBe("distributed");
    } finally {
      await client.end().catch(() => undefined);
      await moved.drop();
    }
  });

  it("distributes a populated database in place when its server becomes the coordinator", async () => {
    // A database of plain tables on the coordinator's server (no Citus in it yet), filled with the CLI.
    const admin = new URL(process.env.DATABASE_URL ?? "");
    admin.pathname = "/postgres";
    const workers = (await citusWorkers(admin.toString())) ?? [];
    const name = `darkflight_in_place_${Date.now()}`;
    await createClusterDatabase(admin.toString(), workers, name);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString(), options: "-c TimeZone=UTC" });
    await client.connect();
    try {
      await client.query(`DROP EXTENSION citus`);
      await importEverything(url.toString());
      const before = await snapshot(client);
      expect(await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).toMatchObject({ rowCount: 0 });
      // The operator's steps: the extension, the nodes, then migrate.
      await client.query(`CREATE EXTENSION citus`);
      await client.query(`SELECT citus_set_coordinator_host($1, $2)`, [admin.hostname, Number(admin.port)]);
      for (const node of workers) await client.query(`SELECT citus_add_node($1, $2)`, [node.host, node.port]);
      expect(await migrateDatabase(url.toString())).toEqual([]);
      const placed = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM citus_tables WHERE citus_table_type = 'distributed'`);
      expect(placed.rows[0]?.n).toBeGreaterThanOrEqual(DISTRIBUTED_TABLES.length);
      // The coordinator kept no local copy: the rows are on the shards, and the same.
      const local = await client.query<{ bytes: string }>(
        `SELECT coalesce(sum(pg_relation_size(i.inhrelid)), 0) + pg_relation_size('flights') AS bytes FROM pg_inherits i WHERE i.inhparent = 'positions'::regclass`,
      );
      expect(Number(local.rows[0]?.bytes)).toBe(0);
      expect(await snapshot(client)).toEqual(before);
      expect(before.flights.length).toBeGreaterThan(5);
    } finally {
      await client.end().catch(() => undefined);
      await dropClusterDatabase(admin.toString(), workers, name);
    }
  });
});
