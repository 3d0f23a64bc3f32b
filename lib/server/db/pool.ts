import "server-only";
import pg from "pg";
import { requireDatabaseUrl } from "../env";

// One pool per process, kept across Next.js hot reloads (create-t3-app's singleton pattern).
const globalForPool = globalThis as unknown as { darkflightPool?: pg.Pool };

/** The shared pg pool: raw SQL (COPY, aggregates) and the Prisma adapter both use it. */
export function dbPool(): pg.Pool {
  if (!globalForPool.darkflightPool) {
    // A bounded wait for a connection: a starved pool fails a request instead of hanging it.
    // Sessions in UTC: day filters ("2024-08-06"::date) and to_char() read days as UTC whatever
    // zone the server was set up in (the embedded one takes the host's).
    const pool = new pg.Pool({ connectionString: requireDatabaseUrl(), max: 10, connectionTimeoutMillis: 30_000, options: "-c TimeZone=UTC" });
    // An idle connection dropped by the server (restart, shutdown) must not crash the process;
    // the next query gets a fresh connection.
    pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
    globalForPool.darkflightPool = pool;
  }
  return globalForPool.darkflightPool;
}

export async function closeDbPool(): Promise<void> {
  const pool = globalForPool.darkflightPool;
  globalForPool.darkflightPool = undefined;
  await pool?.end();
}
