import "server-only";
import { checkDatabase, type DatabaseCheck } from "./check-database";
import { countImportJobs, type ImportJobCounts } from "./count-import-jobs";

export interface Health {
  /** "ok" when the database answers; "unavailable" otherwise (pages would fail). */
  status: "ok" | "unavailable";
  database: DatabaseCheck;
  /** The job worker (`npm run cli -- worker`, run by `npm start`): "alive" while its heartbeat is fresh. */
  worker: "alive" | "down";
  /** null when the database does not answer. */
  jobs: ImportJobCounts | null;
}

/** What /api/health reports: counts and timings only, never a URL, a secret or an error text. */
export async function getHealth(): Promise<Health> {
  const database = await checkDatabase();
  if (!database.reachable) return { status: "unavailable", database, worker: "down", jobs: null };
  const state = await countImportJobs().catch(() => null);
  return { status: "ok", database, worker: state?.worker ?? "down", jobs: state?.jobs ?? null };
}
