import { getMigrationState } from "../../infra/migrate";
import { closeDbPool } from "../../server/db/pool";
import { openDatabase, redactUrl } from "../../infra/open-database";
import { countTableRows, type TableCounts } from "../../server/stats/count-table-rows";
import { countImportJobs, type WorkerState } from "../../server/stats/count-import-jobs";

export async function statusCommand(options: { json?: boolean }): Promise<void> {
  const db = await openDatabase(options.json ? () => undefined : (message) => console.log(message));
  try {
    process.env.DATABASE_URL = db.url;
    const migrations = await getMigrationState(db.url);
    const migrated = migrations.applied.length > 0 && migrations.pending.length === 0;
    const counts: TableCounts | null = migrations.applied.length > 0 ? await countTableRows() : null;
    const jobs: WorkerState | null = migrated ? await countImportJobs() : null;
    const report = { database: { kind: db.kind, url: redactUrl(db.url) }, migrations, counts, jobs };
    if (options.json) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    console.log(`database    ${db.kind} ${report.database.url}`);
    console.log(`migrations  ${migrations.applied.length} applied, ${migrations.pending.length} pending`);
    for (const name of migrations.pending) console.log(`  pending   ${name}`);
    for (const name of migrations.modified) console.log(`  MODIFIED  ${name} (changed after it was applied)`);
    if (jobs) {
      const { queued, active, failed } = jobs.jobs;
      console.log(`worker      ${jobs.worker}; jobs: ${queued} queued, ${active} active, ${failed} failed in the last 24 h`);
    }
    if (counts) {
      console.log("rows");
      for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(20)}${n.toLocaleString("en-US")}`);
    } else {
      console.log("rows        (not migrated yet: run `npm run db:migrate`)");
    }
  } finally {
    await closeDbPool();
    await db.stop();
  }
}
