import "server-only";
import type pg from "pg";
import type { Prisma } from "../db/prisma";

const BUMP = `UPDATE publication_version SET version = version + 1, changed_at = now() WHERE id = 1`;

/**
 * Raise the publication version inside the caller's transaction: the public pages' cache
 * (cached-for-publication.ts) sees the change exactly when the change itself becomes visible.
 */
export async function bumpPublicationVersion(db: pg.PoolClient | Prisma.TransactionClient): Promise<void> {
  if ("$executeRawUnsafe" in db) await db.$executeRawUnsafe(BUMP);
  else await db.query(BUMP);
}
