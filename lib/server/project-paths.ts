import "server-only";
import path from "node:path";
import { PROJECT_ROOT } from "../infra/project-root";
import { serverEnv } from "./env";

/** Where local state lives (embedded database, run files): `.data`, git-ignored. */
export function dataDir(): string {
  return path.resolve(PROJECT_ROOT, serverEnv().DARKFLIGHT_DATA_DIR ?? ".data");
}
