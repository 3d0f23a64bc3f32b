import type { RowError } from "./types";

/** How many rejected rows the report keeps in detail; the rest are counted per reason. */
export const DETAILED_REJECTIONS = 1000;

export interface RejectionReport {
  rejected: number;
  /** Count of rejected rows per reason, most frequent first. */
  reasons: { reason: string; count: number }[];
  /** The first DETAILED_REJECTIONS rejected rows with line, column and reason. */
  rows: RowError[];
}

/** Collects row errors for the import report without growing with the file. */
export class RejectionTally {
  private total = 0;
  private readonly byReason = new Map<string, number>();
  private readonly detailed: RowError[] = [];

  add(error: RowError): void {
    this.total += 1;
    this.byReason.set(error.reason, (this.byReason.get(error.reason) ?? 0) + 1);
    if (this.detailed.length < DETAILED_REJECTIONS) this.detailed.push(error);
  }

  get count(): number {
    return this.total;
  }

  report(): RejectionReport {
    return {
      rejected: this.total,
      reasons: [...this.byReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      rows: [...this.detailed],
    };
  }
}
