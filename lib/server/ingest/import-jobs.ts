import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { FileRefusedError } from "../../ingest/types";
import { runDetection } from "../detection/run-detection";
import { ImportFailedError } from "./import-failed-error";
import { importPositionsFile, type ImportOutcome, type ImportProgress, type ImportRequest } from "./import-positions-file";
import { jobLogger } from "../log/request-logger";

/**
 * Uploads are imported in the background of the web server; the page polls the job for its
 * progress and report. Jobs live in this process's memory (one web server per database):
 * a restart forgets the progress of running jobs, never their data (an import is atomic).
 */
export interface ImportJob {
  id: string;
  userId: number;
  fileName: string;
  phase: "queued" | "importing" | "detecting" | "done" | "failed";
  progress: ImportProgress;
  outcome: ImportOutcome | null;
  error: string | null;
  startedAtMs: number;
  finishedAtMs: number | null;
}

const globalForJobs = globalThis as unknown as { darkflightImportJobs?: Map<string, ImportJob> };
const jobs = (globalForJobs.darkflightImportJobs ??= new Map());
const KEEP_FINISHED_MS = 3600_000;

/** Start importing an uploaded file (already saved at `request.path`, deleted afterwards). */
export function startImportJob(userId: number, request: Omit<ImportRequest, "onProgress" | "nowMs">): ImportJob {
  forgetOldJobs();
  const job: ImportJob = {
    id: crypto.randomUUID(),
    userId,
    fileName: request.fileName,
    phase: "queued",
    progress: { bytesRead: 0, totalBytes: 0, rows: 0, rejected: 0 },
    outcome: null,
    error: null,
    startedAtMs: Date.now(),
    finishedAtMs: null,
  };
  jobs.set(job.id, job);
  // One import at a time: each holds two connections (the batch and its original), so parallel
  // uploads could otherwise take the whole pool and starve every page.
  queue = queue.then(() => runJob(job, request));
  return job;
}

let queue: Promise<void> = Promise.resolve();

async function runJob(job: ImportJob, request: Omit<ImportRequest, "onProgress" | "nowMs">): Promise<void> {
  job.phase = "importing";
  try {
    job.outcome = await importPositionsFile({ ...request, nowMs: Date.now(), onProgress: (p) => (job.progress = p) });
    if (job.outcome.status === "imported") {
      // The aircraft this file touched are re-detected before the report links to their flights.
      job.phase = "detecting";
      await runDetection().catch((error: unknown) => {
        jobLogger(job.id).error({ err: error }, "detection after an upload failed");
        job.error = "imported; the detection that follows failed: run `npm run cli -- detect` to retry";
      });
    }
    job.phase = "done";
  } catch (error) {
    job.phase = "failed";
    // Refusals and database failures carry a message for the user; anything else stays in the log.
    const told = error instanceof FileRefusedError || error instanceof ImportFailedError;
    job.error = told ? error.message : "the import failed on the server; nothing of this file was stored";
    if (!(error instanceof FileRefusedError)) jobLogger(job.id).error({ err: error }, "upload import failed");
  } finally {
    job.finishedAtMs = Date.now();
    fs.rm(path.dirname(request.path), { recursive: true, force: true }, () => undefined);
  }
}

/** A job, only for the user who started it. */
export function findImportJob(id: string, userId: number): ImportJob | null {
  const job = jobs.get(id);
  return job && job.userId === userId ? job : null;
}

function forgetOldJobs(): void {
  const now = Date.now();
  for (const [id, job] of jobs) {
    if ((job.phase === "done" || job.phase === "failed") && now - (job.finishedAtMs ?? now) > KEEP_FINISHED_MS) jobs.delete(id);
  }
}
