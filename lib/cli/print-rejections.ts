import { formatCount } from "../core/format/format-count";
import type { RejectionReport } from "../ingest/rejection-tally";

/** The rejected rows of an import on the terminal: counts per reason, then the first rows. */
export function printRejections(rejections: RejectionReport | undefined): void {
  if (!rejections || rejections.rejected === 0) return;
  for (const { reason, count } of rejections.reasons.slice(0, 10)) console.log(`  ${formatCount(count).padStart(9)} × ${reason}`);
  for (const row of rejections.rows.slice(0, 5)) {
    const value = row.value !== undefined ? ` (${JSON.stringify(row.value)})` : "";
    console.log(`  line ${row.line}${row.column ? `, column ${row.column}` : ""}: ${row.reason}${value}`);
  }
  if (rejections.rejected > 5) console.log("  … the full report: --json");
}
