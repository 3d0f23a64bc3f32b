import "server-only";
import { FileRefusedError } from "../../ingest/types";
import { runDetection, type DetectionRunSummary } from "../detection/run-detection";
import { ImportFailedError } from "../ingest/import-failed-error";
import { importPositionsFile, type ImportOutcome, type ImportRequest } from "../ingest/import-positions-file";
import { reimportBatch } from "../ingest/reimport-batch";
import type { ImportProgress } from "../ingest/import-positions-file";

/**
 * The job handlers, shared by the worker (through the queue, lib/server/jobs/run-queued-job.ts)
 * and the CLI (directly, in the foreground). An import is one transaction, so running one again
 * after a kill never half-writes; a file whose earlier attempt did commit is answered
 * "already-imported" with its batch, which counts as success.
 */
export function handleImport(request: ImportRequest): Promise<ImportOutcome> {
  return importPositionsFile(request);
}

export function handleReimport(batchId: bigint, options: { nowMs: number; onProgress?: (p: ImportProgress) => void }): Promise<ImportOutcome> {
  return reimportBatch(batchId, options);
}

/** Detection of what imports queued (or everything): one run at a time (its own lock). */
export function handleDetect(options: { all?: boolean } = {}): Promise<DetectionRunSummary> {
  return runDetection(options);
}

/** A job's failure in words for its user: the file's own problem, or a plain sentence. */
export function describeJobError(error: unknown, kind: "import" | "reimport" | "detect"): string {
  if (error instanceof FileRefusedError || error instanceof ImportFailedError) return error.message;
  if (kind === "detect") return "the detection failed on the server";
  return "the import failed on the server; nothing of this file was stored";
}

/** Refusals are final: the same bytes would be refused again. */
export function isFinalError(error: unknown): boolean {
  return error instanceof FileRefusedError;
}
