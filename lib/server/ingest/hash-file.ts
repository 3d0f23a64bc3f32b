import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";

/** SHA-256 (hex) and size of a file, streamed: the identity of an import. */
export async function hashFile(file: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = crypto.createHash("sha256");
  let sizeBytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    sizeBytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), sizeBytes };
}
