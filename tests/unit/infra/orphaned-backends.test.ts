import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { waitForOrphanedBackends } from "@/lib/infra/orphaned-backends";

/** The interlock read from postmaster.pid; a live segment is covered by tests/integration/database-restart-recovery.test.ts. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-pidfile-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function pidFile(text: string): string {
  const file = path.join(dir, `postmaster-${Math.random().toString(36).slice(2)}.pid`);
  fs.writeFileSync(file, text);
  return file;
}

describe("waitForOrphanedBackends", () => {
  it("does not wait when postmaster.pid names no shared-memory segment (short or missing file)", async () => {
    expect(await waitForOrphanedBackends(pidFile("999999\n/nowhere\n0\n5999\n"), 1000)).toBe(true);
    expect(await waitForOrphanedBackends(path.join(dir, "absent.pid"), 1000)).toBe(true);
  });

  it("does not wait for a segment that no longer exists", async () => {
    expect(await waitForOrphanedBackends(pidFile("999999\n/nowhere\n0\n5999\n\n127.0.0.1\n  9999999  2147480000\nready\n"), 1000)).toBe(true);
  });
});
