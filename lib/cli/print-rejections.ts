import { formatCount } from "../core/format/format-count";
import type { FieldWarningReport } from "../ingest/field-warning-tally";
import type { RejectionReport } from "../ingest/rejection-tally";

/** The rejected rows of an import on the terminal: counts per reason, then the first rows. */
export function printRejections(rejections: RejectionReport | undefined): void {
  if (!rejections || rejections.rejected === 0) return;
  printIssues(rejections.reasons, rejections.rows, rejections.rejected);
}

/** The values dropped or adjusted in kept rows, as the rejections are printed. */
export function printFieldWarnings(warnings: FieldWarningReport | undefined): void {
  if (!warnings || warnings.dropped + warnings.adjusted === 0) return;
  console.log(`  values dropped or adjusted (the rows were kept):`);
  printIssues(warnings.reasons, warnings.rows, warnings.dropped + warnings.adjusted);
}

function printIssues(reasons: { reason: string; count: number }[], rows: RejectionReport["rows"], total: number): void {
  for (const { reason, count } of reasons.slice(0, 10)) console.log(`  ${formatCount(count).padStart(9)} × ${reason}`);
  for (const row of rows.slice(0, 5)) {
    const value = row.value !== undefined ? ` (${JSON.stringify(row.value)})` : "";
    console.log(`  line ${row.line}${row.column ? `, column ${row.column}` : ""}: ${row.reason}${value}`);
  }
  if (total > 5) console.log("  … the full report: --json");
}
