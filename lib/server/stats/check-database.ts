import "server-only";
import { dbPool } from "../db/pool";

export interface DatabaseCheck {
  reachable: boolean;
  /** Round trip of `SELECT 1`, including getting a connection; null when unreachable. */
  latencyMs: number | null;
}

/**
 * Does the database answer, and how fast? Bounded by `timeoutMs`: a server that vanished
 * without closing its sockets must not hang the health check for the pool's 30 s connect wait.
 */
export async function checkDatabase(timeoutMs = 5000): Promise<DatabaseCheck> {
  const startedMs = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
  });
  try {
    await Promise.race([dbPool().query("SELECT 1"), timeout]);
    return { reachable: true, latencyMs: Math.round((performance.now() - startedMs) * 10) / 10 };
  } catch {
    return { reachable: false, latencyMs: null };
  } finally {
    clearTimeout(timer);
  }
}
