import "server-only";
import type { ImportJob } from "../ingest/import-jobs";

export interface ImportJobCounts {
  /** Importing or running the detection that follows. */
  running: number;
  /** Waiting for the one import at a time. */
  queued: number;
}

/**
 * The upload jobs of this web server. They run in its process (there is no separate worker
 * yet), in the map lib/server/ingest/import-jobs.ts keeps on globalThis; read here without
 * changing that module. TODO: an exported count from import-jobs.ts would replace this read.
 */
export function countImportJobs(): ImportJobCounts {
  const jobs = (globalThis as unknown as { darkflightImportJobs?: Map<string, ImportJob> }).darkflightImportJobs;
  const counts: ImportJobCounts = { running: 0, queued: 0 };
  for (const job of jobs?.values() ?? []) {
    if (job.phase === "importing" || job.phase === "detecting") counts.running += 1;
    else if (job.phase === "queued") counts.queued += 1;
  }
  return counts;
}
