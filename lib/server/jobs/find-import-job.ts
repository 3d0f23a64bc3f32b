import "server-only";
import type { ImportOutcome, ImportProgress } from "../ingest/import-positions-file";
import { REVIEW_ROLES } from "../auth/require-role";
import type { Role } from "../auth/current-user";
import { prisma, type ImportJob } from "../db/prisma";
import { MAX_ATTEMPTS, type ImportJobView, type JobKind, type JobPhase } from "./job-types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A job, only for the user who started it (null for anyone else, or no such id). A file another
 * account imported before is reported without its batch to whoever may not open that batch.
 */
export async function findImportJob(id: string, viewer: { id: number; role: Role }): Promise<ImportJobView | null> {
  if (!UUID.test(id)) return null;
  const row = await prisma().importJob.findFirst({ where: { id, userId: viewer.id } });
  if (!row) return null;
  const outcome = (row.outcome ?? null) as unknown as ImportOutcome | null;
  if (outcome?.status === "already-imported" && !REVIEW_ROLES.includes(viewer.role)) {
    const batch = await prisma().importBatch.findUnique({ where: { id: BigInt(outcome.batchId) }, select: { uploadedById: true } });
    if (batch?.uploadedById !== viewer.id) return { ...view(row, null), outcome: { status: "already-imported", fileName: outcome.fileName, byAnotherAccount: true } };
  }
  return view(row, outcome);
}

function view(row: ImportJob, outcome: ImportOutcome | null): ImportJobView {
  return {
    id: row.id,
    kind: row.kind as JobKind,
    fileName: row.fileName,
    phase: row.phase as JobPhase,
    progress: row.progress as unknown as ImportProgress,
    outcome,
    error: row.error,
    attempts: row.attempts,
    maxAttempts: MAX_ATTEMPTS,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
