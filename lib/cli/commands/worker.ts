import { startWorker } from "../../server/jobs/start-worker";
import { runConfiguredFeeds } from "../../server/live/run-configured-feeds";
import { logger } from "../../server/log/logger";
import { withDatabase } from "../with-database";

/**
 * `worker`: runs the job queues (uploads' imports, reimports, detection) until SIGTERM or
 * SIGINT, and the live feeds configured with `feeds add` (lib/server/live). Then it stops fetching, lets the current job finish for up to 10 s, and otherwise
 * hands it back to the queue (it is retried; an import is atomic). `npm start` runs one.
 */
export async function workerCommand(): Promise<number> {
  const log = logger().child({ component: "worker" });
  return withDatabase(true, async () => {
    let stopRequested: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
    const abort = new AbortController();
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => {
        log.info({ signal }, "worker stopping");
        abort.abort();
        stopRequested();
      });
    }
    const worker = await startWorker({
      log,
      signal: abort.signal,
      onLost: (error) => {
        // Without its lock another worker may start: stop at once; the supervisor restarts us.
        log.fatal({ err: error }, "the worker lost its database connection; exiting");
        process.exit(1);
      },
    }).catch((error: unknown) => {
      // Stopped while waiting for another worker's lock: nothing was started.
      if (abort.signal.aborted) return null;
      throw error;
    });
    // The live feeds run beside the jobs, only in the worker that holds the lock.
    const feeds = worker ? runConfiguredFeeds(log) : null;
    await stopped;
    if (!worker) return 0;
    // In parallel: the live feeds' last detection round must not hold up the job's 10 s handover.
    const [abandoned] = await Promise.all([worker.stop(), feeds?.stop()]);
    log.info(abandoned ? { jobId: abandoned } : {}, abandoned ? "worker stopped; its unfinished job is retried by the next worker" : "worker stopped");
    // An unfinished import still holds its connections: exiting ends them (the transaction rolls back).
    if (abandoned) process.exit(0);
    return 0;
  });
}
