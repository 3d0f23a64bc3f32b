import { migrateDatabase } from "../infra/migrate";
import { closeDbPool } from "../server/db/pool";
import { openDatabase } from "../server/db/open-database";
import { ensureReferenceData } from "../server/reference/ensure-reference-data";

/**
 * Run a command against the database (DATABASE_URL, or the embedded one started for the
 * occasion), migrated first, and close everything afterwards.
 */
export async function withDatabase<T>(quiet: boolean, run: () => Promise<T>): Promise<T> {
  const db = await openDatabase(quiet ? () => undefined : (message) => console.error(message));
  try {
    process.env.DATABASE_URL = db.url;
    await migrateDatabase(db.url);
    await ensureReferenceData();
    return await run();
  } finally {
    await closeDbPool();
    await db.stop();
  }
}
