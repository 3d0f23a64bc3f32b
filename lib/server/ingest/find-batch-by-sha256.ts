import "server-only";
import type pg from "pg";

/** The batch that imported the file with this SHA-256, if any (the identity of an import). */
export async function findBatchBySha256(db: pg.Pool | pg.PoolClient, sha256: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>("SELECT id::text FROM import_batches WHERE sha256 = $1", [sha256]);
  return rows[0]?.id ?? null;
}
