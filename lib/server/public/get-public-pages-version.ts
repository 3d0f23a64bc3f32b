import "server-only";
import { dbPool } from "../db/pool";

/**
 * What the public pages depend on, as one string: the publication version (raised in the same
 * transaction as every publish, unpublish and reopen, whichever process commits it) and the
 * zones' last change (the maps draw them). One primary-key read and a tiny table per request.
 */
export async function getPublicPagesVersion(): Promise<string> {
  const { rows } = await dbPool().query<{ version: string }>(
    `SELECT v.version::text || '/' || (SELECT count(*) || '@' || coalesce(extract(epoch FROM max(z.updated_at))::text, '') FROM zones z) AS version
       FROM publication_version v WHERE v.id = 1`,
  );
  // No row (a database restored without it): never serve from the cache.
  return rows[0]?.version ?? `uncached-${Date.now()}-${Math.random()}`;
}
