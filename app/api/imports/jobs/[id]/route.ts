import { AppError, errorResponse } from "@/lib/server/app-error";
import { requireUploader } from "@/lib/server/auth/require-role";
import { findImportJob } from "@/lib/server/jobs/find-import-job";
import { withRequestLog } from "@/lib/server/log/request-logger";

export const dynamic = "force-dynamic";

/** Progress, attempts and, when done, the report (or the error) of an upload's import. */
export const GET = withRequestLog(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  try {
    const { user } = await requireUploader(request);
    const job = await findImportJob((await context.params).id, user);
    if (!job) throw new AppError("NOT_FOUND", "no such import job");
    return Response.json(job, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
});
