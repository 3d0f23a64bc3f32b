import type pg from "pg";

/**
 * Where each table lives on a Citus cluster (docs/scaling.md). Applied by `migrateDatabase` after
 * the SQL migrations, only when the database has the `citus` extension: a plain PostgreSQL gets
 * the same schema and never sees a Citus call.
 *
 * - Per-aircraft tables are hash-distributed by icao24 and co-located with `flights`, so one
 *   aircraft's positions, flights, flags, gaps, reviews and notes sit on one shard and the
 *   detection's per-aircraft work routes to it. `positions` stays partitioned by month; its
 *   partitions are distributed with it (an attached partition is distributed by Citus itself).
 * - The originals' chunks are a reference table too, though large: an import writes them before
 *   it knows the file's hash and re-keys them after, and Citus cannot move a row between shards.
 * - Everything small and joined from everywhere is a reference table (a copy on every node).
 *   `reception_cells` (received aircraft per cell and hour, one row per cell-hour whatever the
 *   traffic) is one too: the detection joins every aircraft's positions with it, and a copy on
 *   each worker lets those joins run where the positions are.
 */

/** In dependency order: a table comes after the tables its foreign keys point to. */
export const REFERENCE_TABLES = [
  "users",
  "aircraft",
  "airports",
  "zones",
  "schedules",
  "watchlist_entries",
  "audit_events",
  "api_tokens",
  "import_batches",
  "import_jobs",
  "stored_files",
  "stored_file_chunks",
  "publication_version",
  "position_day_counts",
  "reception_cells",
  "live_feeds",
  "alert_rules",
  "alerts",
  "alert_deliveries",
] as const;

export const DISTRIBUTION_COLUMN = "icao24";
/** The first is the co-location anchor. */
export const DISTRIBUTED_TABLES = [
  "flights",
  "flags",
  "gap_events",
  "reviews",
  "notes",
  "detection_requests",
  "reception_visits",
  "positions",
] as const;

export async function hasCitus(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS present`,
  );
  return rows[0]?.present === true;
}

async function placement(client: pg.ClientBase): Promise<Map<string, string>> {
  const { rows } = await client.query<{ name: string; type: string }>(
    `SELECT table_name::text AS name, citus_table_type AS type FROM citus_tables`,
  );
  return new Map(rows.map((r) => [r.name, r.type]));
}

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/** Keys between tables of which one is still to be distributed: Citus refuses to distribute a
 * table that a not-yet-distributed table references, so they are dropped and added back after. */
async function keysTouching(client: pg.ClientBase, tables: string[]): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype = 'f' AND conparentid = 0
        AND (conrelid::regclass::text = ANY($1::text[]) OR confrelid::regclass::text = ANY($1::text[]))`,
    [tables],
  );
  return rows;
}

/**
 * Distribute what is not distributed yet; returns the tables placed now (empty when done before).
 * One transaction: a failure leaves the schema as it was, keys included. Rows already in a table
 * are copied to its shards, and the coordinator's local copy is truncated after.
 */
export async function distributeSchema(client: pg.ClientBase): Promise<string[]> {
  const placed = await placement(client);
  const references = REFERENCE_TABLES.filter((t) => placed.get(t) !== "reference");
  const distributed = DISTRIBUTED_TABLES.filter((t) => placed.get(t) !== "distributed");
  if (references.length === 0 && distributed.length === 0) return [];

  await client.query("BEGIN");
  try {
    // Data is copied over one connection per node, so DDL and copies see each other.
    await client.query("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'");
    const keys = distributed.length > 0 ? await keysTouching(client, [...distributed]) : [];
    for (const key of keys) await client.query(`ALTER TABLE "${key.table}" DROP CONSTRAINT "${key.name}"`);
    for (const table of references) {
      await client.query(`SELECT create_reference_table($1)`, [table]);
    }
    for (const table of distributed) {
      const anchor = DISTRIBUTED_TABLES[0];
      await client.query(`SELECT create_distributed_table($1, $2, colocate_with => $3)`, [
        table,
        DISTRIBUTION_COLUMN,
        table === anchor ? "default" : anchor,
      ]);
    }
    for (const key of keys) {
      await client.query(`ALTER TABLE "${key.table}" ADD CONSTRAINT "${key.name}" ${key.definition}`);
    }
    for (const table of [...references, ...distributed]) {
      await client.query(`SELECT truncate_local_data_after_distributing_table($1)`, [table]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return [...references, ...distributed];
}
