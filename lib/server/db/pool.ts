import "server-only";
import pg from "pg";
import { requireDatabaseUrl } from "../env";
import { logger } from "../log/logger";

// One pool per process, kept across Next.js hot reloads (create-t3-app's singleton pattern).
const globalForPool = globalThis as unknown as { darkflightPool?: pg.Pool };

/** The shared pg pool: raw SQL (COPY, aggregates) and the Prisma adapter both use it. */
export function dbPool(): pg.Pool {
  if (!globalForPool.darkflightPool) {
    // A bounded wait for a connection: a starved pool fails a request instead of hanging it.
    // Sessions in UTC: day filters ("2024-08-06"::date) and to_char() read days as UTC whatever
    // zone the server was set up in (the embedded one takes the host's).
    // keepAlive: a server that vanished without closing its sockets (a host restart) is noticed.
    // On a Citus coordinator, writes that touch many shards go over one connection per worker:
    // a transaction may then also write a reference table (an import's batch row and original,
    // after its COPY), which Citus refuses after a parallel multi-shard write. A plain PostgreSQL
    // takes the setting as an unused placeholder.
    const pool = new pg.Pool({
      connectionString: requireDatabaseUrl(),
      max: 10,
      connectionTimeoutMillis: 30_000,
      keepAlive: true,
      options: "-c TimeZone=UTC -c citus.multi_shard_modify_mode=sequential",
    });
    // An idle connection dropped by the server (a restart, a crash, a kill -9) must not crash the
    // process: pg discards it, and the next query opens a fresh one once the server is back.
    const log = logger().child({ component: "db-pool" });
    pool.on("error", (error) => log.warn({ code: (error as { code?: string }).code, reason: error.message }, "database connection lost; it will be reopened"));
    globalForPool.darkflightPool = pool;
  }
  return globalForPool.darkflightPool;
}

export async function closeDbPool(): Promise<void> {
  const pool = globalForPool.darkflightPool;
  globalForPool.darkflightPool = undefined;
  await pool?.end();
}
