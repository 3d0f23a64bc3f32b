import "server-only";
import type pg from "pg";
import { dbPool } from "../db/pool";
import { addMonthsMs, ensurePositionPartitions } from "./position-partitions";

/**
 * The partitions of this month and the next `monthsAhead` months, created ahead of the data so
 * live imports rarely create one themselves. Call at start-up and daily from long-lived processes.
 */
export async function ensureUpcomingPositionPartitions(pool: pg.Pool, nowMs: number, monthsAhead = 2): Promise<void> {
  const months = Array.from({ length: monthsAhead + 1 }, (_, i) => addMonthsMs(nowMs, i));
  await ensurePositionPartitions(pool, months);
}

/** The same for this process's pool and clock: the supervisor at start-up, the worker daily. */
export async function ensurePositionPartitionsAhead(): Promise<void> {
  await ensureUpcomingPositionPartitions(dbPool(), Date.now());
}
