import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { distributeSchema, hasCitus } from "./citus-distribution";
import { PROJECT_ROOT } from "./project-root";

/**
 * Applies prisma/migrations/<timestamp>_<name>/migration.sql in order, one transaction each,
 * recording them in Prisma Migrate's own `_prisma_migrations` table (same columns, sha256
 * checksum of the file) so `prisma migrate status/deploy` keep working wherever Prisma's
 * schema engine can run. Written by hand because that engine cannot be downloaded here.
 */
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma", "migrations");

// Prisma Migrate's own advisory lock key: two migrators (ours or Prisma's) never interleave.
const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationState {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since: a sign of a hand-edited history. */
  modified: string[];
  /** Started but never finished (a failed run recorded by Prisma's own tool). */
  failed: string[];
}

export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

async function readState(client: pg.ClientBase, files: MigrationFile[]): Promise<MigrationState> {
  const exists = await client.query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  const rows = exists.rows[0]?.present
    ? (
        await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
          `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
        )
      ).rows.filter((row) => row.rolled_back_at === null)
    : [];
  const finished = new Map(rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]));
  return {
    applied: files.filter((f) => finished.has(f.name)).map((f) => f.name),
    pending: files.filter((f) => !finished.has(f.name)).map((f) => f.name),
    modified: files.filter((f) => finished.has(f.name) && finished.get(f.name) !== f.checksum).map((f) => f.name),
    failed: rows.filter((r) => r.finished_at === null).map((r) => r.migration_name),
  };
}

export async function getMigrationState(connectionString: string): Promise<MigrationState> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await readState(client, readMigrationFiles());
  } finally {
    await client.end();
  }
}

/** Apply pending migrations; returns the names applied (empty when up to date). */
export async function migrateDatabase(connectionString: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readMigrationFiles(dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const state = await readState(client, files);
    if (state.failed.length > 0) {
      throw new Error(`migration ${state.failed.join(", ")} started earlier and never finished: resolve it before migrating`);
    }
    const applied: string[] = [];
    for (const file of files.filter((f) => state.pending.includes(f.name))) {
      await client.query("BEGIN");
      try {
        const startedAt = new Date();
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, $4, 1)`,
          [crypto.randomUUID(), file.checksum, file.name, startedAt],
        );
        await client.query("COMMIT");
        applied.push(file.name);
      } catch (error) {
        await client.query("ROLLBACK");
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`migration ${file.name} failed and was rolled back: ${reason}`);
      }
    }
    // On a Citus coordinator, place the tables (idempotent: nothing to do once placed).
    if (await hasCitus(client)) {
      client.on("notice", () => undefined);
      await distributeSchema(client);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    await client.end();
  }
}
