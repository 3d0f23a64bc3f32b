import crypto from "node:crypto";
import { z } from "zod";
import { FORMAT_NAMES } from "@/lib/ingest/types";
import { errorResponse, invalidInput } from "@/lib/server/app-error";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { checkOrigin } from "@/lib/server/auth/check-origin";
import { requireUploader } from "@/lib/server/auth/require-role";
import { receiveUpload } from "@/lib/server/ingest/receive-upload";
import { enqueueJob } from "@/lib/server/jobs/enqueue-job";
import { removeUpload } from "@/lib/server/jobs/remove-upload";
import { withRequestLog } from "@/lib/server/log/request-logger";
import { isSingleLineText } from "@/lib/core/format/user-input";

export const dynamic = "force-dynamic";

const optionsSchema = z.object({
  format: z.enum(FORMAT_NAMES).optional(),
  dataset: z.string().trim().max(100).refine(isSingleLineText, "dataset has control characters").optional(),
  strict: z.enum(["true", "false"]).optional(),
  icao24: z.string().regex(/^[0-9a-fA-F]{6}$/, "icao24 is 6 hex digits").optional(),
  registration: z.string().trim().max(16).refine(isSingleLineText, "registration has control characters").optional(),
});

/**
 * Upload one file (raw body, name in `x-file-name`, options in the query): 202 with a job to
 * poll. The web server only saves the file and queues the job; the worker imports it.
 */
export const POST = withRequestLog(async (request: Request) => {
  try {
    const { user, via } = await requireUploader(request);
    // Cookies ride along on cross-site requests; tokens do not: only sessions need the Origin check.
    if (via === "session") checkOrigin(request);
    const query = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
    const options = optionsSchema.safeParse(query);
    if (!options.success) throw invalidInput(options.error.issues);
    const jobId = crypto.randomUUID();
    const upload = await receiveUpload(request, jobId);
    await enqueueJob({
      id: jobId,
      kind: "import",
      userId: user.id,
      fileName: upload.fileName,
      uploadPath: upload.path,
      request: {
        format: options.data.format,
        dataset: options.data.dataset ?? null,
        strict: options.data.strict === "true",
        icao24: options.data.icao24,
        registration: options.data.registration,
      },
    }).catch((error: unknown) => {
      removeUpload(upload.path);
      throw error;
    });
    await recordAuditEvent({
      action: "upload",
      actorId: user.id,
      actorEmail: user.email,
      subject: upload.fileName,
      details: { sizeBytes: upload.sizeBytes, jobId, options: options.data, via },
    });
    return Response.json({ jobId, fileName: upload.fileName, sizeBytes: upload.sizeBytes }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
});
