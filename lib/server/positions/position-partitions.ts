import "server-only";
import type pg from "pg";

/**
 * `positions` is partitioned by UTC month (positions_pYYYYMM) with no DEFAULT partition: a month
 * must have its partition before a row of it is written. The importer calls
 * `ensurePositionPartitions` for the months of a file; `ensureUpcomingPositionPartitions` keeps
 * the next months ready; `retention` detaches old ones.
 */

/** Advisory lock held while partitions are created, attached, detached or dropped. */
export const POSITION_PARTITION_LOCK = 72_707_370;

const NAME = /^positions_p(\d{4})(\d{2})$/;

/** UTC start of the month containing timeMs, in epoch ms. */
export function monthStartMs(timeMs: number): number {
  const date = new Date(timeMs);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** UTC start of the month `months` after the one containing timeMs. */
export function addMonthsMs(timeMs: number, months: number): number {
  const date = new Date(timeMs);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
}

/** positions_p202408 for August 2024. */
export function positionPartitionName(monthMs: number): string {
  const date = new Date(monthStartMs(monthMs));
  return `positions_p${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The month a partition name stands for, or null for any other name. */
export function partitionMonthMs(name: string): number | null {
  const match = NAME.exec(name);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, 1) : null;
}

/** A partition bound as a literal no session TimeZone can shift. */
export function utcBoundSql(monthMs: number): string {
  return `'${new Date(monthMs).toISOString().slice(0, 10)} 00:00:00+00'`;
}

/** The months (as monthStartMs values) that have a partition now. */
export async function loadPositionPartitionMonths(client: pg.ClientBase): Promise<Set<number>> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'public.positions'::regclass`,
  );
  const months = new Set<number>();
  for (const row of rows) {
    const month = partitionMonthMs(row.name);
    if (month !== null) months.add(month);
  }
  return months;
}

/**
 * Create and attach the missing monthly partitions for these months, on its own pool connection
 * in autocommit. Idempotent, and safe when processes race (advisory lock, IF NOT EXISTS, a check
 * after a failed ATTACH). CREATE TABLE … LIKE then ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE
 * on `positions`, which an import transaction writing positions (ROW EXCLUSIVE) does not block;
 * CREATE TABLE … PARTITION OF would take ACCESS EXCLUSIVE and wait for it. Resolves with the
 * months whose table this call created (not those another process made, nor a detached table
 * attached again): what an import that is rolled back may drop again (dropEmptyPositionPartitions).
 */
export async function ensurePositionPartitions(pool: pg.Pool, monthStartsMs: readonly number[]): Promise<number[]> {
  const wanted = [...new Set(monthStartsMs.map(monthStartMs))].sort((a, b) => a - b);
  const created: number[] = [];
  if (wanted.length === 0) return created;
  const client = await pool.connect();
  try {
    const present = await loadPositionPartitionMonths(client);
    if (wanted.every((month) => present.has(month))) return created;
    // Bounded waits: `retention` detaching a month waits for open imports, so an import waiting
    // here for it would never end. It fails instead (and its job retries later).
    await client.query(`SET lock_timeout = '${ENSURE_LOCK_TIMEOUT_S}s'`);
    try {
      await client.query("SELECT pg_advisory_lock($1)", [POSITION_PARTITION_LOCK]);
      try {
        const now = await loadPositionPartitionMonths(client);
        for (const month of wanted) if (!now.has(month) && (await attachPositionPartition(client, month))) created.push(month);
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [POSITION_PARTITION_LOCK]);
      }
    } catch (error) {
      if ((error as { code?: string }).code === "55P03") throw new PartitionsBusyError(wanted);
      throw error;
    } finally {
      await client.query("RESET lock_timeout");
    }
  } finally {
    client.release();
  }
  return created;
}

const ENSURE_LOCK_TIMEOUT_S = 60;

/** The monthly partitions could not be created in time: `retention` (or a migration) holds them. */
export class PartitionsBusyError extends Error {
  constructor(months: readonly number[]) {
    const names = months.map((m) => new Date(m).toISOString().slice(0, 7)).join(", ");
    super(`the positions partitions of ${names} could not be created within ${ENSURE_LOCK_TIMEOUT_S} s: \`retention\` or another change of partitions is running; try again later`);
    this.name = "PartitionsBusyError";
  }
}

/**
 * Create (if missing) and attach one month's table. A table left detached by an interrupted
 * `retention` is attached again with its rows: data comes back rather than being lost. Resolves
 * true when this call created the table.
 */
export async function attachPositionPartition(client: pg.ClientBase, monthMs: number): Promise<boolean> {
  const name = positionPartitionName(monthMs);
  const { rows } = await client.query<{ absent: boolean }>(`SELECT to_regclass($1) IS NULL AS absent`, [`public."${name}"`]);
  const creating = rows[0]?.absent ?? false;
  await client.query(
    `CREATE TABLE IF NOT EXISTS "${name}" (LIKE positions INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)`,
  );
  try {
    await client.query(
      `ALTER TABLE positions ATTACH PARTITION "${name}" FOR VALUES FROM (${utcBoundSql(monthMs)}) TO (${utcBoundSql(addMonthsMs(monthMs, 1))})`,
    );
  } catch (error) {
    // Another process (not holding our lock) attached it first: that is the wanted state.
    if ((await loadPositionPartitionMonths(client)).has(monthMs)) return false;
    throw error;
  }
  return creating;
}
