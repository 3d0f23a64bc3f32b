import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbPool } from "@/lib/server/db/pool";
import { enqueueJob } from "@/lib/server/jobs/enqueue-job";
import { findImportJob } from "@/lib/server/jobs/find-import-job";
import { ensureJobQueues } from "@/lib/server/jobs/job-boss";
import { startWorker } from "@/lib/server/jobs/start-worker";
import { isWorkerAlive } from "@/lib/server/jobs/worker-lock";
import { createLogger } from "@/lib/server/log/logger";
import { countImportJobs } from "@/lib/server/stats/count-import-jobs";
import { createUploader, jobRow, queueState, spawnWorkerProcess, until, writeOpenskyFile, type WorkerProcess } from "./support/worker-jobs";

/**
 * Uploads run as pg-boss jobs in a separate worker process. A worker killed with SIGKILL in the
 * middle of an import leaves the job "active"; the next worker fails it at once (to be retried)
 * and the retry imports the file exactly once. A database error is retried with backoff and
 * ends in a failure whose words the job's owner reads.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-worker-"));
const workers: WorkerProcess[] = [];
const jobIds: string[] = [];
let userId: number;

beforeAll(async () => {
  await ensureJobQueues();
  userId = await createUploader("worker-test@example.org");
});

afterAll(async () => {
  for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
  await tamperWithPositions("", "none");
  await dbPool().query("DROP FUNCTION IF EXISTS test_worker_positions()");
  // The jobs go (health counts in later files start from zero); their batches stay, consistent.
  await dbPool().query("DELETE FROM import_jobs WHERE id = ANY($1::uuid[])", [jobIds]);
  await dbPool().query("DELETE FROM pgboss.job WHERE id = ANY($1::uuid[])", [jobIds]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Break (raise an error on) the writes of one aircraft's positions, or stop breaking them. */
async function tamperWithPositions(icao24: string, action: "raise" | "none"): Promise<void> {
  const client = await dbPool().connect();
  try {
    // A Citus cluster allows a trigger on a distributed table only when asked to (a placeholder elsewhere).
    await client.query("SET citus.enable_unsafe_triggers TO on");
    await client.query("DROP TRIGGER IF EXISTS test_worker_positions ON positions");
    if (action === "none") return;
    const body = "RAISE EXCEPTION 'test: disk full' USING ERRCODE = '53100';";
    await client.query(
      `CREATE OR REPLACE FUNCTION test_worker_positions() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.icao24 = '${icao24}' THEN ${body} END IF; RETURN NEW; END $$`,
    );
    await client.query("CREATE TRIGGER test_worker_positions BEFORE INSERT ON positions FOR EACH ROW EXECUTE FUNCTION test_worker_positions()");
  } finally {
    await client.query("RESET citus.enable_unsafe_triggers");
    client.release();
  }
}

/** Held by a test: an import copies its positions, then waits at the day counts it updates after them (inside its transaction). */
async function blockDayCounts(): Promise<() => Promise<void>> {
  const blocker = await dbPool().connect();
  await blocker.query("BEGIN");
  await blocker.query("LOCK TABLE position_day_counts IN EXCLUSIVE MODE");
  return async () => {
    await blocker.query("ROLLBACK");
    blocker.release();
  };
}

async function importWaitsAtDayCounts(id: string): Promise<true | undefined> {
  const row = await jobRow(id);
  // On a Citus cluster the wait is on a worker's copy of the reference table: its view of lock waits sees it.
  const citus = (await dbPool().query("SELECT 1 FROM pg_extension WHERE extname = 'citus'")).rowCount === 1;
  const { rows } = await dbPool().query<{ waiting: boolean }>(
    citus
      ? "SELECT EXISTS (SELECT 1 FROM citus_lock_waits) AS waiting"
      : "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE relation = 'position_day_counts'::regclass AND NOT granted) AS waiting",
  );
  return row.phase === "importing" && rows[0]!.waiting ? true : undefined;
}

async function uploadJob(icao24: string, points: number, retry?: { retryLimit?: number; retryDelay?: number }) {
  const id = crypto.randomUUID();
  jobIds.push(id);
  const file = path.join(dataDir, "uploads", id, `${icao24}.csv`);
  const times = writeOpenskyFile(file, icao24, points);
  await enqueueJob({ id, kind: "import", userId, fileName: `${icao24}.csv`, uploadPath: file, request: { dataset: "worker-test" }, retry });
  return { id, file, times };
}

describe("the job worker", () => {
  it("retries an import whose worker was killed mid-import: stored once, no half batch, attempts = 2", { timeout: 240_000 }, async () => {
    const icao24 = "e0e0e0";
    // The kill lands with the whole batch written, not committed.
    const unblock = await blockDayCounts();
    const job = await uploadJob(icao24, 3000);
    const first = spawnWorkerProcess(dataDir);
    workers.push(first);
    try {
      await until("the first attempt copies its positions and waits", 60_000, () => importWaitsAtDayCounts(job.id), () => first.output.join(""));
      expect(await isWorkerAlive(dbPool())).toBe(true);
      first.child.kill("SIGKILL");
      await first.exited;
    } finally {
      await unblock();
    }

    // The kill left the job active in pg-boss and nothing of the batch in the database.
    expect((await queueState(job.id))?.state).toBe("active");
    const stored = async () => Number((await dbPool().query<{ n: string }>("SELECT count(*) AS n FROM positions WHERE icao24 = $1", [icao24])).rows[0]!.n);
    expect(await stored()).toBe(0);

    const second = spawnWorkerProcess(dataDir);
    workers.push(second);
    const done = await until("the retried job finishes", 120_000, async () => {
      const row = await jobRow(job.id);
      return row.phase === "done" || row.phase === "failed" ? row : undefined;
    }, () => second.output.join(""));
    expect(second.output.join("")).toContain("a job left active by a stopped worker was failed");
    expect(done).toMatchObject({ phase: "done", attempts: 2, error: null, outcome: { status: "imported", accepted: job.times.length } });
    expect((await queueState(job.id))?.state).toBe("completed");

    // Exactly the file's rows, once: what a clean single import stores.
    const { rows } = await dbPool().query<{ t: number; batch_id: string }>(
      "SELECT extract(epoch FROM time)::int AS t, batch_id::text FROM positions WHERE icao24 = $1 ORDER BY time",
      [icao24],
    );
    expect(rows.map((r) => r.t)).toEqual(job.times);
    expect(new Set(rows.map((r) => r.batch_id))).toEqual(new Set([done.outcome!.batchId]));
    const batches = await dbPool().query("SELECT id FROM import_batches WHERE file_name = $1", [`${icao24}.csv`]);
    expect(batches.rowCount).toBe(1);
    // The upload is deleted once the job is done.
    expect(fs.existsSync(path.dirname(job.file))).toBe(false);

    // What /api/health reads: a live worker, nothing waiting.
    expect(await countImportJobs()).toMatchObject({ worker: "alive", jobs: { queued: 0, active: 0 } });
    // One worker per database: another one waits for the lock, and stops cleanly while waiting.
    const third = spawnWorkerProcess(dataDir);
    workers.push(third);
    await until("a second worker waits for the lock", 60_000, async () =>
      third.output.join("").includes("another worker holds the worker lock") ? true : undefined,
    () => third.output.join(""));
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);
    expect(third.output.join("")).not.toContain("worker running");

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(second.output.join("")).toContain("worker stopped");
    expect(await isWorkerAlive(dbPool())).toBe(false);
  });

  it("on SIGTERM stops fetching and hands an unfinished import back: retried by the next worker", { timeout: 180_000 }, async () => {
    const icao24 = "e0e0e2";
    const unblock = await blockDayCounts();
    const job = await uploadJob(icao24, 500);
    const first = spawnWorkerProcess(dataDir);
    workers.push(first);
    try {
      await until("the import waits inside its transaction", 60_000, () => importWaitsAtDayCounts(job.id), () => first.output.join(""));
      first.child.kill("SIGTERM"); // it waits 10 s for the job, then gives it back
      expect(await first.exited).toBe(0);
    } finally {
      await unblock();
    }
    expect(first.output.join("")).toContain("its unfinished job is retried by the next worker");
    expect(await jobRow(job.id)).toMatchObject({ phase: "retrying", attempts: 1 });
    expect((await queueState(job.id))?.state).toBe("retry");

    const second = spawnWorkerProcess(dataDir);
    workers.push(second);
    const done = await until("the next worker finishes it", 120_000, async () => {
      const row = await jobRow(job.id);
      return row.phase === "done" || row.phase === "failed" ? row : undefined;
    }, () => second.output.join(""));
    expect(done).toMatchObject({ phase: "done", attempts: 2, error: null, outcome: { status: "imported", accepted: 500 } });
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });

  it("retries an import that meets a database error with backoff, then reports the failure in words", { timeout: 120_000 }, async () => {
    const icao24 = "e0e0e1";
    await tamperWithPositions(icao24, "raise");
    const log = createLogger({ level: "silent" });
    const worker = await startWorker({ log, onLost: (error) => { throw error; } });
    try {
      const job = await uploadJob(icao24, 50, { retryLimit: 1, retryDelay: 2 });
      const retrying = await until("the first attempt fails", 60_000, async () => {
        const row = await jobRow(job.id);
        return row.phase === "retrying" ? row : undefined;
      });
      expect(retrying.attempts).toBe(1);
      expect(retrying.error).toMatch(/e0e0e1\.csv/);
      // pg-boss holds it back: retry state, to start after the backoff.
      const waiting = await until("pg-boss schedules the retry", 10_000, async () => {
        const state = await queueState(job.id);
        return state?.state === "retry" ? state : undefined;
      });
      const { rows } = await dbPool().query<{ ahead: boolean }>("SELECT $1::timestamptz > now() - interval '1 second' AS ahead", [waiting.start_after]);
      expect(rows[0]!.ahead).toBe(true);

      const failed = await until("the last attempt fails", 60_000, async () => {
        const row = await jobRow(job.id);
        return row.phase === "failed" ? row : undefined;
      });
      expect(failed.attempts).toBe(2);
      // What GET /api/imports/jobs/<id> answers its owner: the error in words, never PostgreSQL's text.
      const view = await findImportJob(job.id, { id: userId, role: "RESEARCHER" });
      expect(view).toMatchObject({ phase: "failed", attempts: 2, outcome: null });
      expect(view!.error).toMatch(/e0e0e1\.csv/);
      expect(view!.error).not.toContain("test: disk full");
      expect(await findImportJob(job.id, { id: userId + 1, role: "RESEARCHER" })).toBeNull();
      expect((await queueState(job.id))?.state).toBe("failed");
      expect(fs.existsSync(path.dirname(job.file))).toBe(false);
      expect(Number((await dbPool().query<{ n: string }>("SELECT count(*) AS n FROM positions WHERE icao24 = $1", [icao24])).rows[0]!.n)).toBe(0);

      // Once the database is fine again the same file imports; a job for a file already
      // committed (a retry after a kill past COMMIT looks the same) is a success with its batch.
      await tamperWithPositions(icao24, "none");
      const finished = async (id: string) =>
        until("the job finishes", 60_000, async () => {
          const row = await jobRow(id);
          return row.phase === "done" || row.phase === "failed" ? row : undefined;
        });
      const again = await finished((await uploadJob(icao24, 50)).id);
      expect(again).toMatchObject({ phase: "done", attempts: 1, outcome: { status: "imported", accepted: 50 } });
      const twiceId = (await uploadJob(icao24, 50)).id;
      const twice = await finished(twiceId);
      expect(twice).toMatchObject({ phase: "done", attempts: 1, error: null, outcome: { status: "already-imported", batchId: again.outcome!.batchId } });
      expect((await findImportJob(twiceId, { id: userId, role: "RESEARCHER" }))?.outcome).toMatchObject({ batchId: again.outcome!.batchId });
      // The same file from another researcher: they learn it is known, not which batch (not theirs to open).
      const other = await createUploader("worker-test-other@example.org");
      await dbPool().query("UPDATE import_jobs SET user_id = $2 WHERE id = $1", [twiceId, other]);
      expect((await findImportJob(twiceId, { id: other, role: "RESEARCHER" }))?.outcome).toEqual({ status: "already-imported", fileName: `${icao24}.csv`, byAnotherAccount: true });
      expect((await findImportJob(twiceId, { id: other, role: "ANALYST" }))?.outcome).toMatchObject({ batchId: again.outcome!.batchId });
    } finally {
      await worker.stop();
      await tamperWithPositions(icao24, "none");
    }
  });
});
