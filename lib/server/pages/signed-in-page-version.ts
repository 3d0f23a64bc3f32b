import "server-only";
import { sessionHolds, unsealSession } from "../auth/session";
import { isCitus } from "../db/is-citus";
import { dbPool } from "../db/pool";

export interface SignedInPageKey {
  /** Whose page: the account and its role (a page never goes to another account). */
  viewer: string;
  /** The database's state: the page is kept only while it holds. */
  version: string;
  /**
   * The newest audit event: every analyst's action (review, note, publication) and every finding
   * a re-detection reopened writes one in its own transaction. A kept page rendered under the
   * same one may be answered for a few seconds after other writes (a live feed's, an import's)
   * while it is rendered again; after anyone's action, never. (Two actions committing out of
   * their ids' order can hide the earlier id's for those seconds: the page after it shows both.)
   */
  actions: string;
}

/**
 * A signed-in user's pages (the review queue, a flight with its review, the overview with an
 * analyst's links) depend on nearly everything an analyst, an import, a detection or a live feed
 * writes. Rather than a counter every writer must remember to raise, the version is the
 * server's transaction snapshot (`pg_current_snapshot()`): every transaction that wrote
 * anything changes it when it commits (the newest completed transaction id moves, or the ended
 * one leaves the list of those in progress), so a kept page lives exactly as long as no write has
 * become visible, whoever wrote it.
 *
 * `seal`: the session cookie's value. Null when the page must render as usual: a session that
 * no longer holds (the page sends to the sign-in form), or a Citus cluster, whose workers
 * commit writes the coordinator's snapshot never sees.
 */
export async function signedInPageKey(seal: string): Promise<SignedInPageKey | null> {
  const session = await unsealSession(seal);
  if (!session.userId) return null;
  const pool = dbPool();
  if (await isCitus(pool)) return null;
  const { rows } = await pool.query<{ snapshot: string; actions: string; role: string; disabled: boolean; sessions_valid_after: Date | null }>(
    `SELECT pg_current_snapshot()::text AS snapshot, (SELECT coalesce(max(id), 0)::text FROM audit_events) AS actions,
            role::text AS role, disabled, sessions_valid_after
       FROM users WHERE id = $1`,
    [session.userId],
  );
  const user = rows[0];
  if (!user || !sessionHolds(session, { disabled: user.disabled, sessionsValidAfter: user.sessions_valid_after })) return null;
  return { viewer: `${session.userId}:${user.role}`, version: user.snapshot, actions: user.actions };
}
