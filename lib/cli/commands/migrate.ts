import { migrateDatabase } from "../../infra/migrate";
import { openDatabase, redactUrl } from "../../server/db/open-database";

export async function migrateCommand(): Promise<void> {
  const db = await openDatabase((message) => console.log(message));
  try {
    const applied = await migrateDatabase(db.url);
    console.log(
      applied.length === 0
        ? `${redactUrl(db.url)}: up to date`
        : `${redactUrl(db.url)}: applied ${applied.join(", ")}`,
    );
  } finally {
    await db.stop();
  }
}
