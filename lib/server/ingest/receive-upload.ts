import "server-only";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../app-error";
import { serverEnv } from "../env";

const ACCEPTED_EXTENSIONS = [".csv", ".txt", ".json", ".gz", ".sbs", ".tsv"];

/**
 * Where uploads wait for the worker: <data dir>/uploads/<jobId>/<name>. The data directory comes
 * from DARKFLIGHT_DATA_DIR, which `npm start` gives both the web server and the worker (they
 * must agree on it; relative paths are read from the project root, their working directory).
 */
export function uploadsDir(): string {
  return path.resolve(serverEnv().DARKFLIGHT_DATA_DIR ?? ".data", "uploads");
}

/**
 * Stream an upload's body to the job's own directory (uploadsDir()/<jobId>/), refusing what is
 * too large (without reading it all first) or of a type darkflight does not read. The file name is the user's, sanitised.
 */
export async function receiveUpload(request: Request, jobId: string): Promise<{ path: string; fileName: string; sizeBytes: number }> {
  let rawName: string;
  try {
    rawName = decodeURIComponent(request.headers.get("x-file-name") ?? "");
  } catch {
    throw new AppError("BAD_REQUEST", "the x-file-name header is not a valid URI-encoded name");
  }
  const fileName = path.basename(rawName).replace(/[^\w.\- ]/g, "_").slice(0, 200);
  if (!fileName) throw new AppError("BAD_REQUEST", "the upload has no file name");
  if (!ACCEPTED_EXTENSIONS.some((ext) => fileName.toLowerCase().endsWith(ext))) {
    throw new AppError("BAD_REQUEST", `${fileName}: darkflight reads ${ACCEPTED_EXTENSIONS.join(", ")} files`);
  }
  const limit = serverEnv().UPLOAD_MAX_BYTES;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("PAYLOAD_TOO_LARGE", `${fileName} is larger than the upload limit of ${Math.round(limit / 1e6)} MB`);
  if (!request.body) throw new AppError("BAD_REQUEST", `${fileName} is empty`);

  const dir = path.join(uploadsDir(), jobId);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, fileName);
  let sizeBytes = 0;
  try {
    await pipeline(
      Readable.fromWeb(request.body as import("node:stream/web").ReadableStream),
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          sizeBytes += chunk.length;
          if (sizeBytes > limit) callback(new AppError("PAYLOAD_TOO_LARGE", `${fileName} is larger than the upload limit of ${Math.round(limit / 1e6)} MB`));
          else callback(null, chunk);
        },
      }),
      fs.createWriteStream(target),
    );
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { path: target, fileName, sizeBytes };
}
