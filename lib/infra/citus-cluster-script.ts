import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "./project-root";

/**
 * A throw-away Citus cluster (a coordinator and N workers on loopback) from the cluster.sh that
 * ../shared/tools/citus provides (or CITUS_TOOLS_DIR), for `npm run test:citus` and
 * `npm run bench:citus`. The servers run as the `postgres` user, so this needs root, as does
 * installing Citus (install.sh beside cluster.sh).
 */
export const CITUS_TOOLS_DIR = process.env.CITUS_TOOLS_DIR ?? path.resolve(PROJECT_ROOT, "../shared/tools/citus");

export interface CitusCluster {
  /** The coordinator's URL (database "postgres"). */
  url: string;
  dir: string;
  stop(): void;
}

function script(...args: string[]): string {
  const file = path.join(CITUS_TOOLS_DIR, "cluster.sh");
  if (!fs.existsSync(file)) throw new Error(`no ${file}: set CITUS_TOOLS_DIR to the folder of cluster.sh`);
  const run = spawnSync("bash", [file, ...args], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`cluster.sh ${args.join(" ")} failed: ${(run.stderr || run.stdout).trim()}`);
  return run.stdout.trim();
}

/** Start a fresh cluster on `port` (the workers on the ports after it) in a new folder under /tmp. */
export function startCitusCluster(port: number, workers = 2): CitusCluster {
  if (!fs.existsSync("/usr/lib/postgresql/15/lib/citus.so")) {
    throw new Error(`Citus is not installed: run ${path.join(CITUS_TOOLS_DIR, "install.sh")} as root`);
  }
  // Under /tmp and world-readable: the servers run as `postgres`, which must reach the folder.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-citus-"));
  fs.chmodSync(dir, 0o755);
  try {
    const url = script("start", dir, String(port), String(workers)).split("\n").pop() ?? "";
    return {
      url,
      dir,
      stop: () => {
        try {
          script("stop", dir);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    script("stop", dir);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
