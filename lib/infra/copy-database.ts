import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { attachDetachedPositionMonths, DetachedMonthError } from "../server/positions/attach-detached-position-months";
import { ensurePositionPartitions, loadPositionPartitionMonths } from "../server/positions/position-partitions";
import { DISTRIBUTED_TABLES, REFERENCE_TABLES } from "./citus-distribution";
import { describeFailure } from "./describe-failure";
import { getMigrationState, migrateDatabase } from "./migrate";
import { redactUrl } from "./open-database";

/**
 * Every table of darkflight, parents before children (the foreign keys' order: the placement's
 * lists are in that order too). pg-boss's queue is not copied: stop darkflight first, so no job is
 * in flight.
 */
export const COPIED_TABLES = [...REFERENCE_TABLES, ...DISTRIBUTED_TABLES];

/**
 * Tables a new database may already hold rows of, which the source's rows replace: what the
 * migrations seed (the default watchlist, the publication counter, the in-app alert rule) and the reference data any
 * darkflight process loads at start (airports, FIRs). Rows in any other table: the target is in use.
 */
const SEEDED = new Set<string>(["watchlist_entries", "publication_version", "airports", "zones", "alert_rules"]);

export interface CopiedTable {
  table: string;
  rows: number;
}

/**
 * Copy all of darkflight's data from one database into a new one, whatever either is: the
 * embedded PostgreSQL 18, a PostgreSQL 15, a Citus coordinator (the rows go to the shards).
 * Text COPY, streamed table by table from one connection to the other, so neither memory nor
 * server versions matter. The target is migrated first (and its tables placed, on Citus) and must
 * hold no data of its own (seeded reference rows are replaced); everything is written in one
 * transaction (the months of `positions` are created before it), and the id sequences continue
 * after the copied ids. A month an earlier version's interrupted `retention` left detached in the
 * source is attached there again first, as `retention` and `partitions` do, so that the copy holds
 * its rows; one that cannot be is refused by name before anything is written.
 */
export async function copyDatabase(sourceUrl: string, targetUrl: string, onTable?: (copied: CopiedTable) => void): Promise<CopiedTable[]> {
  // Which side failed, in words: either URL may be mistyped, or its server down.
  const sourceState = await getMigrationState(sourceUrl).catch((error: unknown) => {
    throw new Error(`the source database (${redactUrl(sourceUrl)}): ${describeFailure(error)}`, { cause: error });
  });
  if (sourceState.pending.length > 0) throw new Error(`the source is not migrated (${sourceState.pending.length} pending): run \`npm run db:migrate\` on it first`);
  await attachDetachedMonths(sourceUrl);
  await migrateDatabase(targetUrl).catch((error: unknown) => {
    throw new Error(`the target database (${redactUrl(targetUrl)}): ${describeFailure(error)}`, { cause: error });
  });
  // Text COPY in the same date style and zone on both ends, whatever the servers' settings.
  const session = "-c DateStyle=ISO -c TimeZone=UTC";
  const source = new pg.Client({ connectionString: sourceUrl, options: session });
  const target = new pg.Client({ connectionString: targetUrl, options: `${session} -c citus.multi_shard_modify_mode=sequential` });
  const targetPool = new pg.Pool({ connectionString: targetUrl, max: 1 });
  await source.connect();
  await target.connect();
  try {
    for (const table of COPIED_TABLES.filter((t) => !SEEDED.has(t))) {
      const { rows } = await target.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "${table}") AS any`);
      if (rows[0]?.any) throw new Error(`the target already holds ${table}: copy into a new, empty database`);
    }
    await ensurePositionPartitions(targetPool, [...(await loadPositionPartitionMonths(source))]);
    // One snapshot of the source for every table.
    await source.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await target.query("BEGIN");
    await target.query(`TRUNCATE ${COPIED_TABLES.map((t) => `"${t}"`).join(", ")}`);
    const copied: CopiedTable[] = [];
    for (const table of COPIED_TABLES) {
      const { rows } = await source.query<{ columns: string }>(
        `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS columns FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
        [`public."${table}"`],
      );
      const columns = rows[0]!.columns;
      const out = source.query(copyTo(`COPY (SELECT ${columns} FROM "${table}") TO STDOUT`));
      const into = target.query(copyFrom(`COPY "${table}" (${columns}) FROM STDIN`));
      await pipeline(out, into);
      const done = { table, rows: Number(into.rowCount ?? 0) };
      copied.push(done);
      onTable?.(done);
    }
    // Ids handed out later follow the copied ones.
    for (const table of COPIED_TABLES) {
      const { rows } = await target.query<{ seq: string | null }>(
        `SELECT pg_get_serial_sequence($1, 'id') AS seq FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'id'`,
        [`public."${table}"`],
      );
      const seq = rows[0]?.seq;
      if (seq) await target.query(`SELECT setval($1, coalesce((SELECT max(id) FROM "${table}"), 0) + 1, false)`, [seq]);
    }
    await target.query("COMMIT");
    await source.query("COMMIT");
    return copied;
  } catch (error) {
    await target.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await source.end().catch(() => undefined);
    await target.end().catch(() => undefined);
    await targetPool.end().catch(() => undefined);
  }
}

/** The source's detached months go back under positions, or the copy stops here, naming the month. */
async function attachDetachedMonths(sourceUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: sourceUrl });
  await client.connect();
  try {
    await attachDetachedPositionMonths(client);
  } catch (error) {
    if (!(error instanceof DetachedMonthError)) throw error;
    throw new Error(`the source's ${error.message}; nothing was copied: repair or remove that table, then copy again`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}
