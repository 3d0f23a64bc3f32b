import "server-only";
import type pg from "pg";

export interface GuardedClient {
  /** The connection failed (an 'error' event, or the caller said so): it must not go back to the pool. */
  readonly broken: boolean;
  markBroken(): void;
  /** Back to the pool, or destroyed when broken (keeping the listener: a late 'error' must stay heard). */
  release(): void;
}

/**
 * A checked-out client has no listener of the pool's: a dropped connection would emit an unheard
 * 'error' and end the process. The failing query reports the error to its caller anyway, so
 * the listener only remembers that the connection is gone.
 * @example const guard = guardClient(await pool.connect()); try { … } finally { guard.release(); }
 */
export function guardClient(client: pg.PoolClient): GuardedClient {
  let broken = false;
  const onError = () => (broken = true);
  client.on("error", onError);
  return {
    get broken() {
      return broken;
    },
    markBroken: () => void (broken = true),
    release() {
      if (!broken) client.off("error", onError);
      client.release(broken ? true : undefined);
    },
  };
}

/**
 * End a guarded client's transaction (COMMIT or ROLLBACK) and release it, once: later calls do
 * nothing. A failed COMMIT or ROLLBACK marks the connection broken and rethrows.
 */
export function transactionEnd(client: pg.PoolClient, guard: GuardedClient): (sql: "COMMIT" | "ROLLBACK") => Promise<void> {
  let released = false;
  return async (sql) => {
    if (released) return;
    released = true;
    try {
      await client.query(sql);
    } catch (error) {
      guard.markBroken();
      throw error;
    } finally {
      guard.release();
    }
  };
}
