import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { requireDatabaseUrl } from "../env";
import { jobLogger } from "../log/request-logger";
import type { Logger } from "../log/logger";
import { ensureJobQueues, workingBoss } from "./job-boss";
import { JOB_KINDS, type JobData } from "./job-types";
import { fillMissingMapTracks } from "../flights/fill-missing-map-tracks";
import { ensurePositionPartitionsAhead } from "../positions/ensure-upcoming-position-partitions";
import { recoverAbandonedJobs } from "./recover-abandoned-jobs";
import { runQueuedJob } from "./run-queued-job";
import { updateJobRow } from "./update-job-row";
import { HEARTBEAT_INTERVAL_MS, tryWorkerLock, WORKER_APPLICATION_NAME } from "./worker-lock";

export interface RunningWorker {
  /**
   * Stop fetching; wait up to `graceMs` for the current job, else hand it back to be retried.
   * Resolves to the id of a job still running (the caller should exit: its transaction then
   * rolls back with the connection), or null.
   */
  stop(graceMs?: number): Promise<string | null>;
}

/**
 * The job worker: takes the worker lock (waiting while another worker holds it), recovers the
 * jobs a killed worker left active, then runs the queues one job at a time (each import holds
 * two connections; detection locks itself anyway). Its lock connection beats every 5 s: the
 * heartbeat /api/health reads. `onLost`: the lock connection broke, so another worker may
 * start; the caller must stop. `signal` ends the wait for the lock (throws an AbortError).
 */
export async function startWorker(options: { log: Logger; onLost: (error: Error) => void; signal?: AbortSignal }): Promise<RunningWorker> {
  const { log } = options;
  const lock = new pg.Client({ connectionString: requireDatabaseUrl(), application_name: WORKER_APPLICATION_NAME, keepAlive: true });
  await lock.connect();
  let lockHeld = false;
  lock.on("error", (error) => {
    if (lockHeld) options.onLost(error);
  });
  for (let waitLogged = false; !(await tryWorkerLock(lock)); ) {
    if (!waitLogged) log.warn("another worker holds the worker lock; waiting for it to stop");
    waitLogged = true;
    await sleep(2_000, undefined, { signal: options.signal }).catch(async (error: unknown) => {
      await lock.end().catch(() => undefined);
      throw error;
    });
  }
  lockHeld = true;
  const heartbeat = setInterval(() => {
    lock.query("SELECT 1").catch((error: Error) => options.onLost(error));
  }, HEARTBEAT_INTERVAL_MS);
  // Months are created ahead of the data, so an import rarely has to create one itself.
  const partitionsAhead = () => ensurePositionPartitionsAhead().catch((error: unknown) => log.warn({ err: error }, "creating the coming months' partitions"));
  await partitionsAhead();
  const daily = setInterval(() => void partitionsAhead(), 24 * 3600_000);
  daily.unref();
  // Flights detected before map tracks were packed have none: packed from their positions in the
  // background, beside the jobs, so their pages stop reading positions.
  const packing = new AbortController();
  void fillMissingMapTracks({ signal: packing.signal }).then(
    (filled) => filled > 0 && log.info({ filled }, "map tracks packed for flights detected before they were stored packed"),
    (error: unknown) => log.warn({ err: error }, "packing the map tracks of earlier flights"),
  );

  const boss = workingBoss();
  boss.on("error", (error) => log.warn({ err: error }, "job queue error"));
  await boss.start();
  await ensureJobQueues(boss);
  const recovered = await recoverAbandonedJobs(boss, log);
  if (recovered > 0) log.info({ recovered }, "jobs left active by a stopped worker are retried");

  let current: string | null = null;
  let exclusive: Promise<unknown> = Promise.resolve();
  for (const kind of JOB_KINDS) {
    await boss.work<JobData>(kind, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job) return;
      const run = exclusive.then(async () => {
        current = job.data.jobId;
        try {
          await runQueuedJob(job.data.jobId, job, jobLogger(job.data.jobId, log));
        } finally {
          current = null;
        }
      });
      exclusive = run.catch(() => undefined);
      return run;
    });
  }
  log.info({ queues: JOB_KINDS }, "worker running");

  return {
    async stop(graceMs = 10_000) {
      clearInterval(heartbeat);
      clearInterval(daily);
      packing.abort();
      // Graceful: no new fetches; the job still running after graceMs is failed (so retried).
      await boss.stop({ graceful: true, timeout: graceMs, wait: true }).catch((error: unknown) => log.warn({ err: error }, "job queue stop"));
      const abandoned = current;
      if (abandoned) await updateJobRow(abandoned, { phase: "retrying", error: "the worker was stopped during this job; it is retried" }).catch(() => undefined);
      lockHeld = false;
      await lock.end().catch(() => undefined);
      return abandoned;
    },
  };
}
