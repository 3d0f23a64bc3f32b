import "server-only";
import type pg from "pg";
import { requireDatabaseUrl } from "../env";

const known = new Map<string, Promise<boolean>>();

/**
 * Whether the database is a Citus coordinator (asked once per process for DATABASE_URL's
 * database: pass this process's pool or one of its clients). For the rare statement whose form
 * must differ: a stream a plain server returns in its plan's order but a cluster must be told to
 * sort, a count whose plain form Citus refuses.
 */
export function isCitus(client: pg.Pool | pg.ClientBase): Promise<boolean> {
  const url = requireDatabaseUrl();
  let answer = known.get(url);
  if (!answer) {
    answer = client
      .query<{ citus: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS citus`)
      .then((r) => r.rows[0]?.citus === true);
    answer.catch(() => known.delete(url));
    known.set(url, answer);
  }
  return answer;
}
