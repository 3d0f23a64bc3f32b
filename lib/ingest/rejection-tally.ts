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

/** A value kept in a report: its start is enough to find it, a whole 1 MB cell is not. */
export const MAX_REPORTED_VALUE_CHARS = 200;

/**
 * A row error as the report keeps it: the value cut to MAX_REPORTED_VALUE_CHARS (noting the full
 * length), control characters shown as `\u0000` escapes and lone surrogates as U+FFFD (the
 * report is jsonb, which takes neither, and a reader could not see them anyway).
 */
export function reportable<T extends RowError>(error: T): T {
  const out: T = { ...error, reason: visible(error.reason) };
  if (error.column !== null) out.column = visible(error.column);
  if (error.value !== undefined) {
    const value = error.value.length <= MAX_REPORTED_VALUE_CHARS ? error.value : `${error.value.slice(0, MAX_REPORTED_VALUE_CHARS)}… (${error.value.length} characters)`;
    out.value = visible(value);
  }
  return out;
}

const ODD = /[\u0000-\u001f\u007f\ud800-\udfff]/;
const CONTROL = /[\u0000-\u001f\u007f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function visible(text: string): string {
  if (!ODD.test(text)) return text;
  return text
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(LONE_SURROGATE, "\ufffd");
}

/** Collects row errors for the import report without growing with the file. */
export class RejectionTally {
  private total = 0;
  private readonly byReason = new Map<string, number>();
  private readonly detailed: RowError[] = [];

  add(error: RowError): void {
    this.total += 1;
    const reason = visible(error.reason);
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
    if (this.detailed.length < DETAILED_REJECTIONS) this.detailed.push(reportable(error));
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
