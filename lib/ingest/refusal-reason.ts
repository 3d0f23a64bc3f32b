/**
 * Why a whole file is refused after parsing, or null to commit its valid rows: the one rule
 * every import (positions, registries, schedules) follows.
 * @example refusalReason({ valid: 0, rejected: 3, strict: false, what: "position rows" }) // "no valid row: all 3 rows were rejected"
 */
export function refusalReason(counts: { valid: number; rejected: number; strict: boolean; what: string }): string | null {
  if (counts.strict && counts.rejected > 0) return `${counts.rejected} invalid row(s) and --strict refuses the whole file`;
  if (counts.valid > 0) return null;
  return counts.rejected > 0 ? `no valid row: all ${counts.rejected} rows were rejected` : `no ${counts.what} in the file`;
}
