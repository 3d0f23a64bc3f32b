import { AppError, errorResponse } from "@/lib/server/app-error";
import { requireUploader } from "@/lib/server/auth/require-role";
import { findImportJob } from "@/lib/server/ingest/import-jobs";
import { withRequestLog } from "@/lib/server/log/request-logger";

export const dynamic = "force-dynamic";

/** Progress and, when done, the report of an upload's import. */
export const GET = withRequestLog(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  try {
    const { user } = await requireUploader(request);
    const job = findImportJob((await context.params).id, user.id);
    if (!job) throw new AppError("NOT_FOUND", "no such import job (finished jobs are forgotten after an hour)");
    return Response.json({
      id: job.id,
      fileName: job.fileName,
      phase: job.phase,
      progress: job.progress,
      outcome: job.outcome,
      error: job.error,
    });
  } catch (error) {
    return errorResponse(error);
  }
});
