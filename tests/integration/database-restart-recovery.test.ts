import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { startEmbeddedDatabase } from "@/lib/infra/embedded-database";
import { openDatabase, type OpenDatabase } from "@/lib/infra/open-database";
import { waitForOrphanedBackends } from "@/lib/infra/orphaned-backends";
import { isProcessAlive } from "@/lib/infra/process-files";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";

/**
 * Faults the app must survive without a person: the embedded PostgreSQL killed under `npm start`
 * (its supervisor restarts it), and an external server that restarts. In both, the web server's
 * code (the shared pool, /api/health) must answer again by itself, with nothing lost.
 */
const runDatabaseUrl = process.env.DATABASE_URL;
const tmpDirs: string[] = [];
const tmpDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
};

afterEach(async () => {
  await closeDbPool();
  process.env.DATABASE_URL = runDatabaseUrl;
  delete process.env.DARKFLIGHT_DATA_DIR;
});
afterAll(() => tmpDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

async function healthNow(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await health(new Request("http://localhost/api/health"));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Poll /api/health's handler until it answers `status`; the time it took, in ms. */
async function waitForHealth(status: number, deadlineMs: number): Promise<number> {
  const startedMs = Date.now();
  for (;;) {
    if ((await healthNow()).status === status) return Date.now() - startedMs;
    if (Date.now() - startedMs > deadlineMs) throw new Error(`/api/health did not answer ${status} within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A row committed before the fault, and idle pooled connections that the fault will cut. */
async function writeRowAndWarmPool(value: string): Promise<void> {
  await dbPool().query("CREATE TABLE IF NOT EXISTS survival (value text NOT NULL)");
  await dbPool().query("INSERT INTO survival (value) VALUES ($1)", [value]);
  await Promise.all([1, 2, 3, 4].map(() => dbPool().query("SELECT pg_sleep(0.05)")));
  expect(dbPool().idleCount).toBeGreaterThanOrEqual(2);
}

async function survivingValues(): Promise<string[]> {
  const { rows } = await dbPool().query<{ value: string }>("SELECT value FROM survival ORDER BY value");
  return rows.map((row) => row.value);
}

describe("the app survives its database going away", () => {
  it("restarts an embedded PostgreSQL killed with SIGKILL, and pages answer again within 30 s with no data lost", async () => {
    // `npm start`'s own call, with no DATABASE_URL: the supervised embedded server in the data dir.
    delete process.env.DATABASE_URL;
    process.env.DARKFLIGHT_DATA_DIR = tmpDir("darkflight-supervised-");
    const restarts: { pid: number; downMs: number }[] = [];
    const db: OpenDatabase = await openDatabase(() => undefined, { supervise: { onRestarted: (info) => restarts.push(info) } });
    try {
      expect(db.kind).toBe("embedded");
      process.env.DATABASE_URL = db.url; // what the supervisor hands the web server
      await writeRowAndWarmPool("written before the kill");
      const before = await healthNow();
      expect(before.status).toBe(200);
      // Never migrated (one table of its own): no job table to count, no worker.
      expect(before.body).toMatchObject({ status: "ok", database: { reachable: true }, worker: "down", jobs: null });

      const pidFile = path.join(process.env.DARKFLIGHT_DATA_DIR, "postgres", "postmaster.pid");
      const postmaster = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
      // A live server's processes hold its shared memory: a restart beside them would be refused.
      expect(await waitForOrphanedBackends(pidFile, 200)).toBe(false);
      process.kill(postmaster, "SIGKILL");
      const killedAtMs = Date.now();
      await waitForHealth(503, 5_000); // the kill took effect: pages would fail now
      const down = await healthNow();
      expect(JSON.stringify(down.body)).not.toMatch(/postgres(ql)?:\/\/|ECONNREFUSED|password/i);

      await waitForHealth(200, 30_000 - (Date.now() - killedAtMs));
      const recoveredMs = Date.now() - killedAtMs;
      console.info(`embedded PostgreSQL killed with SIGKILL: /api/health answered 200 again after ${recoveredMs} ms`);
      expect(recoveredMs).toBeLessThan(30_000);
      // The server accepts connections a moment before the supervisor has finished its restart.
      for (const deadline = Date.now() + 5_000; restarts.length === 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
      expect(restarts).toHaveLength(1);
      expect(restarts[0]!.pid).not.toBe(postmaster);
      expect(isProcessAlive(postmaster)).toBe(false);
      // The same pool, never recreated: its dead connections were discarded, and nothing was lost.
      expect(await survivingValues()).toEqual(["written before the kill"]);
    } finally {
      await closeDbPool();
      await db.stop();
    }
  });

  it("recovers by itself when an external DATABASE_URL server restarts", async () => {
    // A server darkflight does not supervise (DATABASE_URL), restarted by its operator.
    const dataDir = tmpDir("darkflight-external-");
    let server = await startEmbeddedDatabase({ dataDir, databaseName: "external", fast: true });
    try {
      process.env.DATABASE_URL = server.url;
      await writeRowAndWarmPool("written before the restart");
      expect((await healthNow()).status).toBe(200);

      await server.stop();
      await waitForHealth(503, 5_000);
      server = await startEmbeddedDatabase({ dataDir, databaseName: "external", fast: true, port: server.port });

      await waitForHealth(200, 30_000);
      // A page's query after the restart succeeds on the first try.
      expect(await survivingValues()).toEqual(["written before the restart"]);
    } finally {
      await closeDbPool();
      await server.stop();
    }
  });
});
