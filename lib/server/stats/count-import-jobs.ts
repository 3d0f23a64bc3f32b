import "server-only";
import { dbPool } from "../db/pool";
import { isWorkerAlive } from "../jobs/worker-lock";

export interface ImportJobCounts {
  /** Waiting for the worker, including those waiting to be retried. */
  queued: number;
  /** Importing or running the detection that follows. */
  active: number;
  /** Failed for good in the last 24 hours. */
  failed: number;
}

export interface WorkerState {
  worker: "alive" | "down";
  jobs: ImportJobCounts;
}

/** The background jobs (import_jobs, one query) and whether a worker is beating. */
export async function countImportJobs(): Promise<WorkerState> {
  const pool = dbPool();
  const [{ rows }, alive] = await Promise.all([
    pool.query<{ queued: number; active: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE phase IN ('queued', 'retrying'))::int AS queued,
              count(*) FILTER (WHERE phase IN ('importing', 'detecting'))::int AS active,
              count(*) FILTER (WHERE phase = 'failed' AND finished_at > now() - interval '24 hours')::int AS failed
         FROM import_jobs WHERE phase NOT IN ('done') OR finished_at > now() - interval '24 hours'`,
    ),
    isWorkerAlive(pool),
  ]);
  return { worker: alive ? "alive" : "down", jobs: rows[0] ?? { queued: 0, active: 0, failed: 0 } };
}
