import "server-only";
import crypto from "node:crypto";
import { guardClient } from "../db/guard-client";
import { dbPool } from "../db/pool";
import { sendingBoss } from "./job-boss";
import { EMPTY_PROGRESS, type JobKind, type JobRequest } from "./job-types";

export interface EnqueueJob {
  kind: JobKind;
  userId: number;
  fileName: string;
  request: JobRequest;
  /** The saved upload the worker imports (and deletes when the job ends). */
  uploadPath: string | null;
  /** A new id, or the one the upload directory was already named after. */
  id?: string;
  /** Tests: fewer retries or a shorter delay than the queue's. */
  retry?: { retryLimit?: number; retryDelay?: number };
}

/**
 * Record a job and queue it in one transaction: there is never a row without its queue entry,
 * nor a queued job the user cannot see. The pg-boss job has the row's id.
 */
export async function enqueueJob(job: EnqueueJob): Promise<string> {
  const id = job.id ?? crypto.randomUUID();
  const boss = await sendingBoss();
  const client = await dbPool().connect();
  // A connection dropped mid-transaction fails this enqueue, not the web server's process.
  const guard = guardClient(client);
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO import_jobs (id, user_id, file_name, kind, progress, request, upload_path)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, job.userId, job.fileName, job.kind, JSON.stringify(EMPTY_PROGRESS), JSON.stringify(job.request), job.uploadPath],
    );
    const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
    await boss.send(job.kind, { jobId: id }, { id, db, ...job.retry });
    await client.query("COMMIT");
    return id;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => guard.markBroken());
    throw error;
  } finally {
    guard.release();
  }
}
