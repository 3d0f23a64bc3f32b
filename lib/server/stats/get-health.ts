import "server-only";
import { checkDatabase, type DatabaseCheck } from "./check-database";
import { countImportJobs, type ImportJobCounts } from "./count-import-jobs";

export interface Health {
  /** "ok" when the database answers; "unavailable" otherwise (pages would fail). */
  status: "ok" | "unavailable";
  database: DatabaseCheck;
  /** Upload jobs run inside the web server; there is no separate worker process yet. */
  worker: "in-process";
  jobs: ImportJobCounts;
}

/** What /api/health reports: counts and timings only, never a URL, a secret or an error text. */
export async function getHealth(): Promise<Health> {
  const database = await checkDatabase();
  return { status: database.reachable ? "ok" : "unavailable", database, worker: "in-process", jobs: countImportJobs() };
}
