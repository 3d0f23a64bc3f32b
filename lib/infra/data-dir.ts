import path from "node:path";
import { serverEnv } from "../server/env";
import { PROJECT_ROOT } from "./project-root";

/** Where local state lives (embedded database, run files): `.data`, git-ignored, or DARKFLIGHT_DATA_DIR. */
export function dataDir(): string {
  return path.resolve(PROJECT_ROOT, serverEnv().DARKFLIGHT_DATA_DIR ?? ".data");
}
