import "server-only";
import fs from "node:fs";
import type pg from "pg";
import { AppError } from "../app-error";
import { guardClient } from "../db/guard-client";
import { planPositionRetention, type RetentionCandidate } from "./plan-position-retention";
import { monthStartMs, POSITION_PARTITION_LOCK } from "./position-partitions";
import { retirePositionMonth, type RetiredMonth } from "./retire-position-month";

export interface RetentionRequest {
  /** First month kept (UTC month start, epoch ms): every month before it goes. */
  beforeMonthMs: number;
  exportDir: string;
  dryRun: boolean;
  nowMs: number;
  onRetired?: (month: RetiredMonth) => void;
}

export interface RetentionOutcome {
  candidates: RetentionCandidate[];
  retired: RetiredMonth[];
}

/**
 * `retention`: export and drop every monthly position partition before a month, oldest first,
 * stopping at the first failure (that month stays as it was; the ones before it are done).
 * Holds POSITION_PARTITION_LOCK throughout, so an import of those months waits and then finds
 * a fresh, empty partition.
 */
export async function applyPositionRetention(pool: pg.Pool, request: RetentionRequest): Promise<RetentionOutcome> {
  if (request.beforeMonthMs !== monthStartMs(request.beforeMonthMs)) throw new AppError("BAD_REQUEST", "the cutoff must be the start of a UTC month");
  if (request.beforeMonthMs > monthStartMs(request.nowMs)) {
    throw new AppError("BAD_REQUEST", "the cutoff is after the current month: retention only takes months that are over");
  }
  if (!request.dryRun) {
    try {
      fs.mkdirSync(request.exportDir, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "EEXIST" || code === "ENOTDIR" ? "a file is in the way" : code === "EACCES" || code === "EPERM" ? "permission denied" : String(code ?? error);
      throw new AppError("BAD_REQUEST", `--export-dir ${request.exportDir} cannot be made a folder: ${why}`);
    }
  }
  const client = await pool.connect();
  // Held while the export streams on another connection: a drop of this one must not end the process.
  const guard = guardClient(client);
  try {
    if (request.dryRun) return { candidates: await planPositionRetention(client, request.beforeMonthMs, true), retired: [] };
    await client.query("SELECT pg_advisory_lock($1)", [POSITION_PARTITION_LOCK]);
    try {
      const candidates = await planPositionRetention(client, request.beforeMonthMs, false);
      const retired: RetiredMonth[] = [];
      for (const candidate of candidates) {
        const month = await retirePositionMonth(client, candidate.monthMs, request.exportDir);
        retired.push(month);
        request.onRetired?.(month);
      }
      return { candidates, retired };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [POSITION_PARTITION_LOCK]).catch(() => guard.markBroken());
    }
  } finally {
    guard.release();
  }
}
