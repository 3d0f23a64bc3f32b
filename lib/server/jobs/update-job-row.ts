import "server-only";
import type { ImportOutcome, ImportProgress } from "../ingest/import-positions-file";
import { dbPool } from "../db/pool";
import type { JobPhase } from "./job-types";

/**
 * The job row's small statements, each on its own (never inside an import's transaction, so
 * its progress is visible while the import runs and survives its rollback).
 */
export async function updateJobRow(
  id: string,
  change: { phase?: JobPhase; progress?: ImportProgress; outcome?: ImportOutcome | null; error?: string | null; attempts?: number; finished?: boolean },
): Promise<void> {
  const sets: string[] = ["updated_at = now()"];
  const values: unknown[] = [id];
  const set = (column: string, value: unknown) => {
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  };
  if (change.phase !== undefined) set("phase", change.phase);
  if (change.progress !== undefined) set("progress", JSON.stringify(change.progress));
  if (change.outcome !== undefined) set("outcome", change.outcome === null ? null : JSON.stringify(change.outcome));
  if (change.error !== undefined) set("error", change.error);
  if (change.attempts !== undefined) set("attempts", change.attempts);
  if (change.finished !== undefined) sets.push(change.finished ? "finished_at = now()" : "finished_at = NULL");
  await dbPool().query(`UPDATE import_jobs SET ${sets.join(", ")} WHERE id = $1`, values);
}

/**
 * An onProgress that writes at most about once a second, one write at a time; `flush` writes
 * the last value. A failed write is dropped (progress is advisory; the import goes on).
 */
export function throttledProgressWriter(id: string, intervalMs = 1000) {
  let lastWriteMs = 0;
  let latest: ImportProgress | null = null;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    const progress = latest;
    latest = null;
    if (!progress) return writing;
    lastWriteMs = Date.now();
    writing = writing.then(() => updateJobRow(id, { progress }).catch(() => undefined));
    return writing;
  };
  return {
    onProgress(progress: ImportProgress) {
      latest = progress;
      if (Date.now() - lastWriteMs >= intervalMs) void write();
    },
    flush: () => write(),
  };
}
