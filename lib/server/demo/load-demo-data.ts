import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../infra/project-root";
import { dbPool } from "../db/pool";
import { importPositionsFile } from "../ingest/import-positions-file";

export const DEMO_DIR = path.join(PROJECT_ROOT, "fixtures", "demo");

/**
 * Load the demo data through the real importer, only into an empty database (no import batch
 * yet), so a first `npm start` shows populated pages and later starts never touch user data.
 * Returns what it did, or null when the database already holds data.
 */
export async function loadDemoDataIfEmpty(log: (message: string) => void): Promise<string | null> {
  const { rows } = await dbPool().query<{ present: boolean }>("SELECT EXISTS (SELECT 1 FROM import_batches) AS present");
  if (rows[0]?.present) return null;
  const files = fs.readdirSync(DEMO_DIR).filter((name) => name.endsWith(".csv")).sort();
  let positions = 0;
  for (const name of files) {
    const outcome = await importPositionsFile({ path: path.join(DEMO_DIR, name), fileName: name, dataset: "demo", nowMs: Date.now() });
    if (outcome.status !== "imported") throw new Error(`demo file ${name} did not import: ${JSON.stringify(outcome)}`);
    positions += outcome.accepted;
    log(`demo: ${name} → batch ${outcome.batchId}, ${outcome.accepted} positions`);
  }
  return `demo data loaded: ${positions} positions from ${files.length} file(s)`;
}
