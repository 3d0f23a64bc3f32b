import path from "node:path";
import fs from "node:fs";

/** `../shared/data` beside the checkout (CI lays it there). Tests read real files from it, never commit them. */
export const SHARED_DATA_DIR = path.resolve(import.meta.dirname, "../../../shared/data");

export function sharedDataPath(...parts: string[]): string {
  const file = path.join(SHARED_DATA_DIR, ...parts);
  if (!fs.existsSync(file)) {
    throw new Error(`missing ${file}: the tests read ../shared/data beside the checkout`);
  }
  return file;
}
