import { caseFileZip } from "@/lib/core/export/case-file-zip";
import { exportFileName } from "@/lib/core/export/export-file-name";
import { AppError, errorResponse } from "@/lib/server/app-error";
import { REVIEW_ROLES, requireRole } from "@/lib/server/auth/require-role";
import { getFlightView } from "@/lib/server/flights/get-flight-view";
import { withRequestLog } from "@/lib/server/log/request-logger";

type Params = Promise<{ id: string }>;

/** The case file (zip): analysts only, since it carries the notes and the review history. */
export const GET = withRequestLog(async (_request: Request, { params }: { params: Params }): Promise<Response> => {
  try {
    const analyst = await requireRole(REVIEW_ROLES);
    const { id } = await params;
    const view = await getFlightView(id, analyst);
    if (!view) throw new AppError("NOT_FOUND", "no such flight");
    const zip = caseFileZip({
      flight: view.flight,
      positions: view.positions,
      review: view.review,
      notes: view.notes,
      audit: view.audit,
      generatedAtMs: Date.now(),
    });
    return new Response(Buffer.from(zip), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${exportFileName(view.flight, "case-file.zip")}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
});
