import fs from "node:fs";
import path from "node:path";

/** The nearest directory at or above `dir` holding a package.json. */
function findRoot(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, "package.json"))) return at;
    if (path.dirname(at) === at) throw new Error(`no package.json at or above ${dir}`);
  }
}

/**
 * The checkout's root, for the CLI and tests (never used inside the Next.js bundle). Found by
 * walking up, not by a fixed depth: this module also runs from the CLI bundle (lib/cli/launch.mjs).
 */
export const PROJECT_ROOT = findRoot(import.meta.dirname);
