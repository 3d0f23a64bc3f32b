import "server-only";
import type pg from "pg";
import { attachPositionPartition, partitionMonthMs, POSITION_PARTITION_LOCK, positionPartitionName } from "./position-partitions";

/**
 * Earlier versions of `retention` detached a month before exporting it, and an interrupted run
 * left it so: a `positions_pYYYYMM` table outside `positions` (or half-detached,
 * `inhdetachpending`), whose rows no reader sees. They are still the user's data.
 */

/** The months whose table is not (fully) attached to `positions`, oldest first. */
export async function findDetachedPositionMonths(client: pg.ClientBase): Promise<number[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname ~ '^positions_p[0-9]{6}$'
        AND NOT EXISTS (SELECT 1 FROM pg_inherits i
                         WHERE i.inhrelid = c.oid AND i.inhparent = 'public.positions'::regclass AND NOT i.inhdetachpending)`,
  );
  return rows.flatMap((row) => partitionMonthMs(row.name) ?? []).sort((a, b) => a - b);
}

/** Put one such month back under `positions`, with its rows; nothing to do for an attached one. */
export async function attachDetachedPositionMonth(client: pg.ClientBase, monthMs: number): Promise<void> {
  const partition = positionPartitionName(monthMs);
  const { rows } = await client.query<{ exists: boolean; attached: boolean; pending: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS exists, i.inhrelid IS NOT NULL AS attached, coalesce(i.inhdetachpending, false) AS pending
       FROM (SELECT 1) AS one
       LEFT JOIN pg_inherits i ON i.inhrelid = to_regclass($1) AND i.inhparent = 'public.positions'::regclass`,
    [`public."${partition}"`],
  );
  const state = rows[0]!;
  if (!state.exists || (state.attached && !state.pending)) return;
  if (state.pending) await client.query(`ALTER TABLE positions DETACH PARTITION "${partition}" FINALIZE`);
  await attachPositionPartition(client, monthMs);
}

/** How long attaching them all waits for another process changing partitions. */
const ATTACH_LOCK_TIMEOUT_S = 10;

/**
 * Attach every detached month again, under POSITION_PARTITION_LOCK, before a whole-database
 * read (`copy-to`) that must hold every row. Throws, naming the month, when one cannot be
 * attached (a row outside its month, a busy lock); months attached before it stay attached.
 * Resolves with the months attached.
 */
export async function attachDetachedPositionMonths(client: pg.ClientBase): Promise<number[]> {
  const months = await findDetachedPositionMonths(client);
  if (months.length === 0) return months;
  await client.query(`SET lock_timeout = '${ATTACH_LOCK_TIMEOUT_S}s'`);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [POSITION_PARTITION_LOCK]);
    try {
      for (const monthMs of months) {
        try {
          await attachDetachedPositionMonth(client, monthMs);
        } catch (error) {
          throw new DetachedMonthError(monthMs, error);
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [POSITION_PARTITION_LOCK]);
    }
  } catch (error) {
    if ((error as { code?: string }).code === "55P03" && !(error instanceof DetachedMonthError)) throw new DetachedMonthError(months[0]!, error);
    throw error;
  } finally {
    await client.query("RESET lock_timeout");
  }
  return months;
}

/** A detached month that could not be attached again, and why, in words. */
export class DetachedMonthError extends Error {
  constructor(
    readonly monthMs: number,
    cause: unknown,
  ) {
    const month = new Date(monthMs).toISOString().slice(0, 7);
    super(`positions of ${month} (table ${positionPartitionName(monthMs)}) are detached from positions, as an interrupted \`retention\` of an earlier version left them, and could not be attached again: ${reason(cause)}`, { cause });
    this.name = "DetachedMonthError";
  }
}

function reason(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case "23514":
      return "a row of that table lies outside its month";
    case "55P03":
      return `another process held the partitions for ${ATTACH_LOCK_TIMEOUT_S} s (stop darkflight first)`;
    default: {
      const code = (error as { code?: string }).code;
      return code ? `the database refused (SQLSTATE ${code})` : error instanceof Error ? error.message : String(error);
    }
  }
}
