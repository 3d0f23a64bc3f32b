import "server-only";
import PgBoss from "pg-boss";
import { requireDatabaseUrl } from "../env";
import { logger } from "../log/logger";
import { JOB_EXPIRE_SECONDS, JOB_KINDS, JOB_RETRY } from "./job-types";

/** pg-boss keeps its tables in their own schema, apart from the app's migrations. */
export const BOSS_SCHEMA = "pgboss";

const globalForBoss = globalThis as unknown as { darkflightBoss?: Promise<PgBoss> };

/**
 * A pg-boss that only sends (the web server): no maintenance, no schedules, no schema changes;
 * the supervisor and the worker create the schema and the queues (ensureJobQueues).
 */
export function sendingBoss(): Promise<PgBoss> {
  globalForBoss.darkflightBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: requireDatabaseUrl(), schema: BOSS_SCHEMA, max: 2, supervise: false, schedule: false, migrate: false });
    boss.on("error", (error) => logger().child({ component: "jobs" }).warn({ err: error }, "job queue error"));
    return boss.start();
  })().catch((error: unknown) => {
    globalForBoss.darkflightBoss = undefined;
    throw error;
  });
  return globalForBoss.darkflightBoss;
}

/** A pg-boss that installs or upgrades its schema when started (worker, supervisor). */
export function workingBoss(options: { max?: number; supervise?: boolean } = {}): PgBoss {
  return new PgBoss({
    connectionString: requireDatabaseUrl(),
    schema: BOSS_SCHEMA,
    max: options.max ?? 3,
    migrate: true,
    // Maintenance (expiring, archiving) only in the worker.
    supervise: options.supervise ?? true,
    schedule: false,
    // Jobs and their rows are kept a week after they finish, then archived away.
    archiveCompletedAfterSeconds: 7 * 86400,
  });
}

/** Create pg-boss's schema and the queues if missing (idempotent; run before the children start). */
export async function ensureJobQueues(boss?: PgBoss): Promise<void> {
  const own = boss ?? workingBoss({ max: 1, supervise: false });
  if (!boss) await own.start();
  try {
    await createQueues(own);
  } finally {
    if (!boss) await own.stop({ graceful: false });
  }
}

async function createQueues(boss: PgBoss): Promise<void> {
  for (const name of JOB_KINDS) {
    if (await boss.getQueue(name)) continue;
    await boss.createQueue(name, { name, ...JOB_RETRY, expireInSeconds: JOB_EXPIRE_SECONDS, retentionDays: 7 });
  }
}
