import { DETAILED_REJECTIONS, reportable } from "./rejection-tally";
import type { FieldWarning } from "./types";

export interface FieldWarningReport {
  /** Values dropped to null (the rows were kept). */
  dropped: number;
  /** Values changed to fit their column (rounded, cleaned, cut). */
  adjusted: number;
  /** Count of warnings per reason, most frequent first. */
  reasons: { reason: string; count: number }[];
  /** The first DETAILED_REJECTIONS warnings with line, column, reason and value. */
  rows: FieldWarning[];
}

/** An empty report, for batches imported before field-level validation. */
export const NO_FIELD_WARNINGS: FieldWarningReport = { dropped: 0, adjusted: 0, reasons: [], rows: [] };

/** Collects the field warnings of kept rows for the import report without growing with the file. */
export class FieldWarningTally {
  private dropped = 0;
  private adjusted = 0;
  private readonly byReason = new Map<string, number>();
  private readonly detailed: FieldWarning[] = [];

  add(warning: FieldWarning): void {
    if (warning.action === "dropped") this.dropped += 1;
    else this.adjusted += 1;
    const shown = reportable(warning);
    this.byReason.set(shown.reason, (this.byReason.get(shown.reason) ?? 0) + 1);
    if (this.detailed.length < DETAILED_REJECTIONS) this.detailed.push(shown);
  }

  get count(): number {
    return this.dropped + this.adjusted;
  }

  report(): FieldWarningReport {
    return {
      dropped: this.dropped,
      adjusted: this.adjusted,
      reasons: [...this.byReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      rows: [...this.detailed],
    };
  }
}
