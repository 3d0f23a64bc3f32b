import path from "node:path";
import type { Command } from "commander";
import { formatCount } from "../../core/format/format-count";
import { AppError } from "../../server/app-error";
import { dbPool } from "../../server/db/pool";
import { applyPositionRetention } from "../../server/positions/apply-position-retention";
import { parseMonth } from "../parse-month";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";
import { userPath } from "../user-path";

interface RetentionOptions {
  before: string;
  exportDir: string;
  dryRun?: boolean;
}

/**
 * `retention --before YYYY-MM --export-dir DIR [--dry-run]`: every monthly positions partition
 * before that month is exported to DIR/positions_pYYYYMM.csv.gz (re-importable with `import`),
 * checked by row count and dropped. Flights and findings stay.
 */
export function registerRetentionCommand(program: Command): void {
  program
    .command("retention")
    .description("export and drop the stored positions of every month before --before (flights and findings stay)")
    .requiredOption("--before <month>", "first UTC month kept, YYYY-MM")
    .requiredOption("--export-dir <dir>", "where each month goes, as positions_pYYYYMM.csv.gz (re-import with `import`)")
    .option("--dry-run", "list the months and their rows; change nothing")
    .action(async (options: RetentionOptions) => {
      const beforeMonthMs = parseMonth(options.before, "--before");
      const exportDir = userPath(options.exportDir);
      const dryRun = options.dryRun ?? false;
      await withDatabase(true, async () => {
        const outcome = await applyPositionRetention(dbPool(), {
          beforeMonthMs, exportDir, dryRun, nowMs: Date.now(),
          onRetired: (m) => console.log(`${m.partition}: ${formatCount(m.rows)} positions → ${m.file} (${formatCount(m.bytes)} bytes), dropped`),
        }).catch((error: unknown) => {
          if (error instanceof AppError && error.code === "BAD_REQUEST") throw new UsageError(error.message);
          throw new Error(`retention stopped: ${error instanceof Error ? error.message : String(error)} (the month it was on is still stored, every row; months listed above are done)`);
        });
        if (outcome.candidates.length === 0) console.log(`no stored month before ${options.before}: nothing to do`);
        else if (dryRun) {
          for (const c of outcome.candidates) console.log(`${c.partition}: ${formatCount(c.rows ?? 0)} positions would go to ${path.join(exportDir, `${c.partition}.csv.gz`)}`);
          console.log("dry run: nothing changed");
        }
      });
    });
}
