import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./project-root";
import { runNodeChild } from "./run-node-child";

/**
 * `npm start` and the browser tests serve the production build. It is rebuilt only when
 * its inputs changed: a content hash of the sources (not mtimes, which a fresh clone resets)
 * is stored beside the build.
 */
const INPUTS = ["app", "lib", "proxy.ts", "next.config.js", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];
const IGNORED_DIRS = new Set(["node_modules", ".next", "cli", "generated"]);
const STAMP_FILE = path.join(PROJECT_ROOT, ".next", "darkflight-build-stamp");
export const NEXT_BIN = path.join(PROJECT_ROOT, "node_modules", "next", "dist", "bin", "next");

function* inputFiles(entry: string): Generator<string> {
  const full = path.join(PROJECT_ROOT, entry);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isFile()) {
    yield entry;
    return;
  }
  for (const child of fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (child.isDirectory() && IGNORED_DIRS.has(child.name)) continue;
    yield* inputFiles(path.join(entry, child.name));
  }
}

export function buildStamp(): string {
  const hash = crypto.createHash("sha256");
  for (const file of INPUTS.flatMap((entry) => [...inputFiles(entry)])) {
    hash.update(file).update("\0").update(fs.readFileSync(path.join(PROJECT_ROOT, file))).update("\0");
  }
  return hash.digest("hex");
}

export function isBuildCurrent(stamp = buildStamp()): boolean {
  return (
    fs.existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID")) &&
    fs.existsSync(STAMP_FILE) &&
    fs.readFileSync(STAMP_FILE, "utf8") === stamp
  );
}

/**
 * Build when needed; resolves true when a build ran. Rejects when `next build` fails. Awaited
 * (runNodeChild): the caller may own the embedded PostgreSQL, whose log pipe and liveness checks
 * need this process's event loop meanwhile.
 */
export async function ensureProductionBuild(log: (message: string) => void): Promise<boolean> {
  const stamp = buildStamp();
  if (isBuildCurrent(stamp)) return false;
  log("building the production app (next build); later starts reuse it until the sources change");
  const result = await runNodeChild([NEXT_BIN, "build"], { cwd: PROJECT_ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdout: "inherit" });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  fs.writeFileSync(STAMP_FILE, stamp);
  return true;
}
