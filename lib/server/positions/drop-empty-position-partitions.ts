import "server-only";
import type pg from "pg";
import { POSITION_PARTITION_LOCK, positionPartitionName } from "./position-partitions";

/** How long a drop waits for `positions` (its readers queue behind it meanwhile), and how often it tries. */
const DROP_LOCK_TIMEOUT_MS = 1_000;
const DROP_ATTEMPTS = 3;

/**
 * Drop the monthly partitions of these months that hold no row: those an import created for
 * itself and then rolled back (refused, failed, or answered "already imported"), so `partitions`
 * lists no month without data. A month with rows, or one another open import has written into,
 * stays. Each month is detached, found empty and dropped in one transaction, as retention does;
 * the detach waits for every transaction using `positions`, at most
 * {@link DROP_LOCK_TIMEOUT_MS} per try: a month still in use after the tries stays (harmless, and
 * the next import of that month fills it). Resolves with the months dropped.
 */
export async function dropEmptyPositionPartitions(pool: pg.Pool, monthsMs: readonly number[]): Promise<number[]> {
  const dropped: number[] = [];
  if (monthsMs.length === 0) return dropped;
  const client = await pool.connect();
  try {
    for (const monthMs of [...new Set(monthsMs)].sort((a, b) => a - b)) {
      if (await dropIfEmpty(client, positionPartitionName(monthMs))) dropped.push(monthMs);
    }
  } finally {
    client.release();
  }
  return dropped;
}

async function dropIfEmpty(client: pg.PoolClient, partition: string): Promise<boolean> {
  // A first look without locks: a month with committed rows (the usual case after a commit) stays at once.
  if ((await attachedRows(client, partition)) !== "empty") return false;
  for (let attempt = 1; ; attempt++) {
    await client.query("BEGIN");
    try {
      await client.query(`SET LOCAL lock_timeout = '${DROP_LOCK_TIMEOUT_MS}ms'`);
      // Nobody creates, attaches or retires months meanwhile (they hold this lock while they do).
      await client.query("SELECT pg_advisory_xact_lock($1)", [POSITION_PARTITION_LOCK]);
      if ((await attachedRows(client, partition)) !== "empty") {
        await client.query("ROLLBACK");
        return false;
      }
      // Waits for every transaction that wrote into positions: after it, rows of a committed
      // import are visible, and those of one still open cannot be (it holds positions meanwhile).
      await client.query(`ALTER TABLE positions DETACH PARTITION "${partition}"`);
      const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "${partition}") AS any`);
      if (rows[0]?.any) {
        await client.query("ROLLBACK");
        return false;
      }
      await client.query(`DROP TABLE "${partition}"`);
      await client.query("COMMIT");
      return true;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      const code = (error as { code?: string }).code;
      // Still in use (a lock wait, or a deadlock with an import asking for a month): it stays.
      if (code !== "55P03" && code !== "40P01") throw error;
      if (attempt === DROP_ATTEMPTS) return false;
      await new Promise((resolve) => setTimeout(resolve, DROP_LOCK_TIMEOUT_MS));
    }
  }
}

/** "absent" when the month has no attached partition, else whether it holds a row. */
async function attachedRows(client: pg.ClientBase, partition: string): Promise<"absent" | "empty" | "rows"> {
  const { rows } = await client.query<{ attached: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass($1) AND inhparent = 'public.positions'::regclass AND NOT inhdetachpending) AS attached`,
    [`public."${partition}"`],
  );
  if (!rows[0]?.attached) return "absent";
  const { rows: any } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "${partition}") AS any`);
  return any[0]?.any ? "rows" : "empty";
}
