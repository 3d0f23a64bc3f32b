import type { ImportOutcome, ImportProgress } from "../ingest/import-positions-file";
import type { FormatName } from "../../ingest/types";

/** The pg-boss queues; a job's data is only its import_jobs id, the row holds the rest. */
export const JOB_KINDS = ["import", "reimport", "detect"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_PHASES = ["queued", "importing", "detecting", "done", "failed", "retrying"] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

/** The options an import was asked with (stored in import_jobs.request). */
export interface JobRequest {
  format?: FormatName;
  dataset?: string | null;
  strict?: boolean;
  icao24?: string;
  registration?: string;
  /** reimport: the batch to re-parse. */
  batchId?: string;
}

/**
 * The same file was imported before from another account: that the file is known is the whole
 * answer (its batch and flights are not this uploader's to open).
 */
export interface ImportedByAnotherAccount {
  status: "already-imported";
  fileName: string;
  byAnotherAccount: true;
}

/** What the job's owner sees (GET /api/imports/jobs/<id>). */
export interface ImportJobView {
  id: string;
  kind: JobKind;
  fileName: string;
  phase: JobPhase;
  progress: ImportProgress;
  outcome: ImportOutcome | ImportedByAnotherAccount | null;
  error: string | null;
  attempts: number;
  /** How many attempts the queue allows in all. */
  maxAttempts: number;
  createdAt: string;
  finishedAt: string | null;
}

export interface JobData {
  jobId: string;
}

/** retryLimit 3 (4 attempts), 5 s then doubling with jitter (pg-boss's retryBackoff). */
export const JOB_RETRY = { retryLimit: 3, retryDelay: 5, retryBackoff: true } as const;
export const MAX_ATTEMPTS = JOB_RETRY.retryLimit + 1;

/** A year of positions imports for hours; past this pg-boss fails the job (no heartbeat in v10). */
export const JOB_EXPIRE_SECONDS = 6 * 3600;

export const EMPTY_PROGRESS: ImportProgress = { bytesRead: 0, totalBytes: 0, rows: 0, rejected: 0 };
