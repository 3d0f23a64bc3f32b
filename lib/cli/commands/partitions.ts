import type { Command } from "commander";
import { dbPool } from "../../server/db/pool";
import { addMonthsMs, ensurePositionPartitions, loadPositionPartitionMonths, positionPartitionName } from "../../server/positions/position-partitions";
import { parseMonth } from "../parse-month";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";

/** Months `partitions --from --to` creates at most in one go (ten years). */
const MAX_MONTHS_AT_ONCE = 120;

/**
 * `partitions [--from YYYY-MM --to YYYY-MM]`: lists the monthly partitions of `positions`; with a
 * range, creates the missing months first. For moving data in with COPY or pg_restore
 * (docs/scaling.md): imports create their months themselves, a restore does not.
 */
export function registerPartitionsCommand(program: Command): void {
  program
    .command("partitions")
    .description("list the monthly partitions of positions; with --from/--to, create the missing ones")
    .option("--from <month>", "first UTC month to create, YYYY-MM")
    .option("--to <month>", "last UTC month to create, YYYY-MM")
    .action(async (options: { from?: string; to?: string }) => {
      if ((options.from === undefined) !== (options.to === undefined)) throw new UsageError("give both --from and --to, or neither");
      await withDatabase(true, async () => {
        if (options.from !== undefined && options.to !== undefined) {
          const from = parseMonth(options.from, "--from");
          const to = parseMonth(options.to, "--to");
          if (to < from) throw new UsageError("--to is before --from");
          // Each month is a table (on Citus, one per shard too): a mistyped year must not make centuries of them.
          if (addMonthsMs(from, MAX_MONTHS_AT_ONCE) <= to) throw new UsageError(`--from to --to spans more than ${MAX_MONTHS_AT_ONCE} months: create them in smaller steps`);
          const months: number[] = [];
          for (let m = from; m <= to; m = addMonthsMs(m, 1)) months.push(m);
          await ensurePositionPartitions(dbPool(), months);
        }
        const client = await dbPool().connect();
        try {
          const months = [...(await loadPositionPartitionMonths(client))].sort((a, b) => a - b);
          for (const month of months) console.log(positionPartitionName(month));
        } finally {
          client.release();
        }
      });
    });
}
