import "server-only";
import type pg from "pg";

/** The advisory lock only the running worker holds (one worker per database). */
export const WORKER_LOCK_SQL_KEY = "hashtext('darkflight-worker')";
/** The lock connection's name: its last query is the worker's heartbeat. */
export const WORKER_APPLICATION_NAME = "darkflight-worker";
export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A worker whose heartbeat is older than this is reported down (blocked, or gone). */
export const HEARTBEAT_STALE_SECONDS = 30;

/** True when this session now holds the worker lock. */
export async function tryWorkerLock(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${WORKER_LOCK_SQL_KEY}) AS locked`);
  return rows[0]?.locked === true;
}

/**
 * Is a worker alive: a session named darkflight-worker holds an advisory lock (the worker lock,
 * released when the worker's connection dies) and has beaten within HEARTBEAT_STALE_SECONDS
 * (its last query's start: a heartbeat every 5 s).
 */
export async function isWorkerAlive(db: pg.Pool | pg.ClientBase): Promise<boolean> {
  const { rows } = await db.query<{ alive: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()
          AND a.application_name = $1 AND a.query_start > now() - make_interval(secs => $2)
     ) AS alive`,
    [WORKER_APPLICATION_NAME, HEARTBEAT_STALE_SECONDS],
  );
  return rows[0]?.alive === true;
}
