import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "../../../infra/embedded-database";

export interface ScaleDatabase {
  url: string;
  description: string;
  /** The postmaster's pid when this machine's /proc can see it, for the server's memory. */
  postmasterPid: number | null;
  /** Stop the embedded server (and remove its files unless kept); nothing for an external URL. */
  close(keep: boolean): Promise<void>;
}

/**
 * The bench's database: the given URL as it is (resuming is then the importer's business: a
 * file already imported is answered with its batch), or an embedded PostgreSQL in `dataDir`,
 * durable like a real installation (fsync on), kept between runs with --keep.
 */
export async function openScaleDatabase(options: { databaseUrl?: string; dataDir: string; log: (message: string) => void }): Promise<ScaleDatabase> {
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    return { url, description: `external server (${redact(url)})`, postmasterPid: await postmasterPidOf(url), close: async () => undefined };
  }
  // As root the server runs as `postgres`, which must be able to reach the directory (mkdtemp makes 0700).
  const parent = path.dirname(path.resolve(options.dataDir));
  if (process.getuid?.() === 0 && fs.existsSync(parent)) fs.chmodSync(parent, fs.statSync(parent).mode | 0o711);
  const embedded = await startEmbeddedDatabase({ dataDir: options.dataDir, databaseName: "darkflight_scale", log: options.log });
  return {
    url: embedded.url,
    description: `embedded PostgreSQL in ${options.dataDir}`,
    postmasterPid: embedded.pid,
    close: async (keep) => {
      await embedded.stop();
      if (!keep) fs.rmSync(options.dataDir, { recursive: true, force: true });
    },
  };
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

/** The postmaster of a server on this machine: line 1 of `postmaster.pid` in its data directory. */
export async function postmasterPidOf(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    const pid = Number(fs.readFileSync(path.join(rows[0]!.dir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && fs.existsSync(`/proc/${pid}`) ? pid : null;
  } catch {
    return null; // not a superuser, or not on this machine: the server's memory is not measured
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface DatabaseFigures {
  positions: number;
  /** positions with its indexes and TOAST, summed over its partitions when it is partitioned. */
  positionsBytes: number;
  partitions: number;
  databaseBytes: number;
  flights: number;
  flagsByKind: Record<string, number>;
  /** The largest tables (partitions summed into their parent), for the report. */
  largestTables: { name: string; bytes: number }[];
}

export async function measureDatabase(url: string): Promise<DatabaseFigures> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // pg_partition_tree lists a plain table as its own only member.
    const positions = await client.query<{ bytes: string; partitions: string; rows: string }>(
      `SELECT (SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('positions'))::bigint AS bytes,
              (SELECT count(*) FROM pg_partition_tree('positions') WHERE isleaf AND level > 0)::bigint AS partitions,
              (SELECT count(*) FROM positions)::bigint AS rows`,
    );
    const database = await client.query<{ bytes: string }>("SELECT pg_database_size(current_database())::bigint AS bytes");
    const tables = await client.query<{ name: string; bytes: string }>(
      `SELECT coalesce(parent.relname, c.relname) AS name, sum(pg_total_relation_size(c.oid))::bigint AS bytes
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
         LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
         LEFT JOIN pg_class parent ON parent.oid = i.inhparent
        WHERE c.relkind IN ('r', 'm')
        GROUP BY 1 ORDER BY 2 DESC LIMIT 8`,
    );
    const flights = await client.query<{ n: string }>("SELECT count(*)::bigint AS n FROM flights");
    const flags = await client.query<{ kind: string; n: string }>("SELECT kind::text AS kind, count(*)::bigint AS n FROM flags GROUP BY 1 ORDER BY 1");
    const row = positions.rows[0]!;
    return {
      flights: Number(flights.rows[0]!.n),
      flagsByKind: Object.fromEntries(flags.rows.map((f) => [f.kind, Number(f.n)])),
      positions: Number(row.rows),
      positionsBytes: Number(row.bytes),
      partitions: Number(row.partitions),
      databaseBytes: Number(database.rows[0]!.bytes),
      largestTables: tables.rows.map((t) => ({ name: t.name, bytes: Number(t.bytes) })),
    };
  } finally {
    await client.end();
  }
}

export interface DiskSoFar {
  /** Rows of committed position batches (cheap, unlike count(*) on millions of rows). */
  rows: number;
  positionsBytes: number;
  databaseBytes: number;
}

/** The disk after each import, so a run stopped midway still has its bytes per position. */
export async function measureDiskSoFar(url: string): Promise<DiskSoFar> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ rows: string; positions: string; database: string }>(
      `SELECT (SELECT coalesce(sum(rows_accepted), 0) FROM import_batches WHERE status = 'COMMITTED' AND format <> 'aircraft-registry')::bigint AS rows,
              (SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('positions'))::bigint AS positions,
              pg_database_size(current_database())::bigint AS database`,
    );
    const r = rows[0]!;
    return { rows: Number(r.rows), positionsBytes: Number(r.positions), databaseBytes: Number(r.database) };
  } finally {
    await client.end();
  }
}

/** Backends of other databases on a shared server: not this benchmark's memory. */
export function watchOtherBackends(url: string): { current: () => ReadonlySet<number>; stop: () => Promise<void> } {
  let others: ReadonlySet<number> = new Set();
  const client = new pg.Client({ connectionString: url });
  // The server going away (stopped, or killed with the bench) must not crash the bench.
  client.on("error", () => undefined);
  let stopped = false;
  const refresh = async () => {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE (datname IS DISTINCT FROM current_database() AND backend_type IN ('client backend', 'autovacuum worker', 'parallel worker'))
           OR pid = pg_backend_pid()`,
    );
    others = new Set(rows.map((r) => r.pid));
  };
  const ready = client.connect().then(refresh).catch(() => undefined);
  const timer = setInterval(() => void (stopped ? undefined : refresh().catch(() => undefined)), 2000);
  return {
    current: () => others,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await ready;
      await client.end().catch(() => undefined);
    },
  };
}

export interface BatchFigures {
  lastId: number;
  batches: number;
  rows: number;
  duplicates: number;
  rejected: number;
}

/** The committed import batches after batch `afterId`: what this run imported. */
export async function importedBatches(url: string, afterId: number): Promise<BatchFigures> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ last: string | null; batches: string; rows: string; dup: string; rej: string }>(
      `SELECT max(id)::bigint AS last, count(*)::bigint AS batches, coalesce(sum(rows_accepted), 0)::bigint AS rows,
              coalesce(sum(rows_duplicate), 0)::bigint AS dup, coalesce(sum(rows_rejected), 0)::bigint AS rej
         FROM import_batches WHERE id > $1 AND status = 'COMMITTED'`,
      [afterId],
    );
    const r = rows[0]!;
    return {
      lastId: r.last === null ? afterId : Number(r.last),
      batches: Number(r.batches),
      rows: Number(r.rows),
      duplicates: Number(r.dup),
      rejected: Number(r.rej),
    };
  } catch (error) {
    // Before the first migration there is no table: nothing imported yet.
    if ((error as { code?: string }).code !== "42P01") throw error;
    return { lastId: afterId, batches: 0, rows: 0, duplicates: 0, rejected: 0 };
  } finally {
    await client.end();
  }
}
