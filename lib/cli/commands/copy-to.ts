import type { Command } from "commander";
import { copyDatabase } from "../../infra/copy-database";
import { openDatabase, redactUrl } from "../../infra/open-database";
import { UsageError } from "../usage-error";

/**
 * `copy-to <url>`: every row of this installation's database (DATABASE_URL, or the embedded one)
 * into a new database at <url>: another PostgreSQL or a Citus coordinator (docs/scaling.md).
 */
export function registerCopyToCommand(program: Command): void {
  program
    .command("copy-to")
    .description("copy all data into a new database (another PostgreSQL or a Citus coordinator); stop darkflight first")
    .argument("<url>", "the target database, postgresql://…; migrated first, and it must hold no data yet")
    .action(async (url: string) => {
      if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`the target is a postgresql:// URL, not "${url}"`);
      const db = await openDatabase((message) => process.stderr.write(`${message}\n`));
      try {
        if (db.url === url) throw new UsageError("the target is the database darkflight uses now");
        const started = performance.now();
        const copied = await copyDatabase(db.url, url, (t) => console.log(`${t.table.padEnd(20)}${t.rows.toLocaleString("en-US")} rows`));
        const rows = copied.reduce((sum, t) => sum + t.rows, 0);
        console.log(`copied ${rows.toLocaleString("en-US")} rows into ${redactUrl(url)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        console.log("point DATABASE_URL at it and start darkflight");
      } finally {
        await db.stop();
      }
    });
}
