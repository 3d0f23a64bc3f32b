import { migrateDatabase } from "../infra/migrate";
import { closeDbPool } from "../server/db/pool";
import { openDatabase } from "../infra/open-database";
import { ensureReferenceData } from "../server/reference/ensure-reference-data";
import { ensureReceptionMap } from "../server/reception/ensure-reception-map";

/**
 * Run a command against the database (DATABASE_URL, or the embedded one started for the
 * occasion), migrated first, and close everything afterwards.
 */
export async function withDatabase<T>(quiet: boolean, run: () => Promise<T>): Promise<T> {
  const db = await openDatabase(quiet ? () => undefined : (message) => process.stderr.write(`${message}\n`));
  try {
    process.env.DATABASE_URL = db.url;
    await migrateDatabase(db.url);
    await ensureReferenceData();
    await ensureReceptionMap();
    return await run();
  } finally {
    await closeDbPool();
    await db.stop();
  }
}
