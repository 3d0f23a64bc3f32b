import "server-only";
import fs from "node:fs";
import type { ImportOutcome } from "../ingest/import-positions-file";
import { dbPool } from "../db/pool";
import type { Logger } from "../log/logger";
import { describeJobError, handleDetect, handleImport, handleReimport, isFinalError } from "./job-handlers";
import type { JobKind, JobRequest } from "./job-types";
import { removeUpload } from "./remove-upload";
import { throttledProgressWriter, updateJobRow } from "./update-job-row";

interface JobRow {
  kind: JobKind;
  user_id: number;
  file_name: string;
  request: JobRequest;
  upload_path: string | null;
}

/** pg-boss's view of this attempt: retryCount attempts failed before it, retryLimit allowed. */
export interface Attempt {
  retryCount: number;
  retryLimit: number;
}

/**
 * One attempt of a queued job, in the worker. The row says where it stands: importing →
 * detecting → done; on an error, "retrying" while pg-boss has retries left (the error is thrown
 * back to it, which schedules the next attempt with backoff), "failed" after the last. The upload
 * is deleted once the job is done or finally failed.
 */
export async function runQueuedJob(jobId: string, attempt: Attempt, log: Logger): Promise<void> {
  const { rows } = await dbPool().query<JobRow>("SELECT kind, user_id, file_name, request, upload_path FROM import_jobs WHERE id = $1", [jobId]);
  const row = rows[0];
  if (!row) {
    log.warn("a queued job without its row; skipped");
    return;
  }
  const attempts = attempt.retryCount + 1;
  const lastAttempt = attempt.retryCount >= attempt.retryLimit;
  let outcome: ImportOutcome | null = null;
  try {
    await updateJobRow(jobId, { phase: row.kind === "detect" ? "detecting" : "importing", attempts });
    log.info({ kind: row.kind, attempts, fileName: row.file_name }, "job started");
    if (row.kind !== "detect") {
      outcome = await importStep(jobId, row);
      if (outcome.status === "refused") {
        await finish(jobId, row, { phase: "done", outcome });
        return;
      }
      await updateJobRow(jobId, { phase: "detecting", outcome });
    }
    const detection = await handleDetect({ all: row.kind === "detect" && (row.request as { all?: boolean }).all === true });
    log.info({ outcome: outcome?.status, detection }, "job done");
    await finish(jobId, row, { phase: "done", outcome, error: null });
  } catch (error) {
    // A refusal or a vanished upload would fail the same way again: no retry.
    const hopeless = isFinalError(error) || error instanceof UploadMissingError;
    const final = lastAttempt || hopeless;
    log.error({ err: error, attempts, final }, final ? "job failed" : "job attempt failed; it will be retried");
    let words = error instanceof UploadMissingError ? error.message : describeJobError(error, row.kind);
    const imported = outcome !== null && outcome.status !== "refused";
    if (imported) {
      // The batch is committed; only the detection after it failed.
      words = "imported; the detection that follows failed" + (final ? ": run `npm run cli -- detect` to retry" : "; it is retried");
    }
    if (final) await finish(jobId, row, { phase: imported ? "done" : "failed", outcome, error: words });
    else await updateJobRow(jobId, { phase: "retrying", error: words });
    // Thrown back to pg-boss, which retries with backoff or records the failure.
    if (!hopeless) throw error;
  }
}

async function importStep(jobId: string, row: JobRow): Promise<ImportOutcome> {
  const progress = throttledProgressWriter(jobId);
  try {
    if (row.kind === "reimport") {
      return await handleReimport(BigInt(row.request.batchId ?? "0"), { nowMs: Date.now(), onProgress: progress.onProgress });
    }
    if (!row.upload_path || !fs.existsSync(row.upload_path)) {
      throw new UploadMissingError(`${row.file_name}: the uploaded file is no longer on the server; upload it again`);
    }
    return await handleImport({
      path: row.upload_path,
      fileName: row.file_name,
      nowMs: Date.now(),
      format: row.request.format,
      dataset: row.request.dataset ?? null,
      strict: row.request.strict ?? false,
      icao24: row.request.icao24,
      registration: row.request.registration,
      uploadedById: row.user_id,
      onProgress: progress.onProgress,
    });
  } finally {
    await progress.flush();
  }
}

class UploadMissingError extends Error {}

async function finish(
  jobId: string,
  row: JobRow,
  change: { phase: "done" | "failed"; outcome?: ImportOutcome | null; error?: string | null },
): Promise<void> {
  await updateJobRow(jobId, { ...change, finished: true });
  removeUpload(row.upload_path);
}
