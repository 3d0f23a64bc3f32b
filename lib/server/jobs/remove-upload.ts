import "server-only";
import fs from "node:fs";
import path from "node:path";

/** Delete an upload with its own directory (uploads/<jobId>/), never anything above it. */
export function removeUpload(uploadPath: string | null): void {
  if (uploadPath) fs.rmSync(path.dirname(uploadPath), { recursive: true, force: true });
}
