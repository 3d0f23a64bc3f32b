import { migrateDatabase } from "../../infra/migrate";
import { openDatabase, redactUrl } from "../../infra/open-database";
import { closeDbPool } from "../../server/db/pool";
import { ensureReceptionMap } from "../../server/reception/ensure-reception-map";

export async function migrateCommand(): Promise<void> {
  const db = await openDatabase((message) => console.log(message));
  try {
    const applied = await migrateDatabase(db.url);
    console.log(
      applied.length === 0
        ? `${redactUrl(db.url)}: up to date`
        : `${redactUrl(db.url)}: applied ${applied.join(", ")}`,
    );
    // Data the new schema derives from what is stored (the reception map of a database from before it).
    process.env.DATABASE_URL = db.url;
    const mapped = await ensureReceptionMap();
    if (mapped > 0) console.log(`reception map built from ${mapped} aircraft's positions`);
  } finally {
    await closeDbPool();
    await db.stop();
  }
}
