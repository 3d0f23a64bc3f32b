import "server-only";
import type PgBoss from "pg-boss";
import { dbPool } from "../db/pool";
import type { Logger } from "../log/logger";
import { BOSS_SCHEMA } from "./job-boss";
import { JOB_KINDS } from "./job-types";
import { removeUpload } from "./remove-upload";
import { updateJobRow } from "./update-job-row";

const STOPPED_WORDS = "the worker stopped during this job";

/**
 * pg-boss v10 has no heartbeat: a job whose worker was killed stays "active" until it expires
 * (hours). Only the worker holding the worker lock calls this, at its start, so every active job
 * is an abandoned one: it is failed now, which retries it with backoff (or fails it for good
 * after its last attempt). Recovery takes seconds instead of the expiry time.
 */
export async function recoverAbandonedJobs(boss: PgBoss, log: Logger): Promise<number> {
  const pool = dbPool();
  const { rows } = await pool.query<{ id: string; name: string }>(
    `SELECT id, name FROM ${BOSS_SCHEMA}.job WHERE state = 'active' AND name = ANY($1::text[])`,
    [JOB_KINDS],
  );
  for (const job of rows) {
    await boss.fail(job.name, job.id, { message: STOPPED_WORDS });
    const state = (await boss.getJobById(job.name, job.id))?.state;
    if (state === "retry") {
      await updateJobRow(job.id, { phase: "retrying", error: `${STOPPED_WORDS}; it is retried` });
    } else {
      const upload = await pool.query<{ upload_path: string | null }>("SELECT upload_path FROM import_jobs WHERE id = $1", [job.id]);
      await updateJobRow(job.id, { phase: "failed", error: `${STOPPED_WORDS}, after its last attempt`, finished: true });
      removeUpload(upload.rows[0]?.upload_path ?? null);
    }
    log.warn({ jobId: job.id, queue: job.name, state }, "a job left active by a stopped worker was failed, to be retried");
  }
  return rows.length;
}
