import { canonicalPositionSchema, type CanonicalPosition } from "./canonical-position";
import type { ParseEvent, RowError } from "./types";

export type PositionField = keyof CanonicalPosition;

/** How a parser names its own columns, so errors point at the file, not at the canonical record. */
export interface ColumnNaming {
  /** The file's column (or JSON path) a canonical field came from; `null` if derived from nothing. */
  columnFor(field: PositionField): string | null;
  /** The raw text of that column in the row being validated, for the error's `value`. */
  valueFor?(field: PositionField): string | undefined;
}

/**
 * Builds the canonical schema once per file and returns a function that turns one candidate
 * record into a `record` event or an `error` event. The schema is the single definition of what a
 * valid position is; a row is either a record or exactly one error (the first problem, with a
 * count of any others), never both.
 *
 * @example const validate = createPositionValidator(nowMs, naming); yield validate(candidate, line);
 */
export function createPositionValidator(nowMs: number, naming: ColumnNaming) {
  const schema = canonicalPositionSchema(nowMs);
  return function validatePosition(candidate: CanonicalPosition, line: number): ParseEvent {
    const result = schema.safeParse(candidate);
    if (result.success) return { kind: "record", line, record: result.data };
    const [first, ...others] = result.error.issues;
    const field = (first?.path[0] ?? null) as PositionField | null;
    const more = others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? "s" : ""})` : "";
    const error: RowError = {
      line,
      column: field === null ? null : naming.columnFor(field),
      reason: `${first?.message ?? "invalid record"}${more}`,
    };
    const value = field === null ? undefined : (naming.valueFor?.(field) ?? displayValue(candidate[field]));
    if (value !== undefined) error.value = value;
    return { kind: "error", error };
  };
}

/** Builds a row error event without a schema (unreadable cells, missing positions). */
export function rowError(line: number, column: string | null, reason: string, value?: string): ParseEvent {
  const error: RowError = { line, column, reason };
  if (value !== undefined) error.value = value;
  return { kind: "error", error };
}

function displayValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  return String(value);
}
