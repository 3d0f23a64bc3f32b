import "server-only";
import type { ImportOutcome, ImportProgress } from "../ingest/import-positions-file";
import { prisma } from "../db/prisma";
import { MAX_ATTEMPTS, type ImportJobView, type JobKind, type JobPhase } from "./job-types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A job, only for the user who started it (null for anyone else, or no such id). */
export async function findImportJob(id: string, userId: number): Promise<ImportJobView | null> {
  if (!UUID.test(id)) return null;
  const row = await prisma().importJob.findFirst({ where: { id, userId } });
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind as JobKind,
    fileName: row.fileName,
    phase: row.phase as JobPhase,
    progress: row.progress as unknown as ImportProgress,
    outcome: (row.outcome ?? null) as unknown as ImportOutcome | null,
    error: row.error,
    attempts: row.attempts,
    maxAttempts: MAX_ATTEMPTS,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
