import { canonicalPositionSchema, type CanonicalPosition } from "./canonical-position";
import { fitPositionToColumns } from "./fit-position-to-columns";
import { isPlainlyValidPosition } from "./plainly-valid-position";
import type { FieldWarning, ParseEvent, RowError } from "./types";

export type PositionField = keyof CanonicalPosition;

/** How a parser names its own columns, so errors point at the file, not at the canonical record. */
export interface ColumnNaming {
  /** The file's column (or JSON path) a canonical field came from; `null` if derived from nothing. */
  columnFor(field: PositionField): string | null;
  /** The raw text of that column in the row being validated, for the error's `value`. */
  valueFor?(field: PositionField): string | undefined;
}

/**
 * The fields a row can lose and still be a position. A bad time, address or position (or a
 * source/on-ground flag, which parsers always derive) rejects the row; anything else is dropped.
 */
export const OPTIONAL_FIELDS: ReadonlySet<PositionField> = new Set<PositionField>([
  "callsign", "altitudeBaroFt", "altitudeGeoFt", "groundSpeedKt", "trackDeg", "verticalRateFpm", "squawk",
  "registration", "typecode",
]);

/**
 * Builds the canonical schema once per file and returns a function that turns one candidate
 * record into a `record` event or an `error` event. The schema is the single definition of what a
 * valid position is. Validation is field-level: values that only need fitting to their column are
 * adjusted, an invalid optional value is dropped to null (both listed as the record's `warnings`,
 * after any `cellWarnings` the parser collected), and only a problem with a required field
 * rejects the row, as exactly one error (the first problem, with a count of any others).
 *
 * @example const validate = createPositionValidator(nowMs, naming); yield validate(candidate, line, reader.warnings);
 */
export function createPositionValidator(nowMs: number, naming: ColumnNaming) {
  const schema = canonicalPositionSchema(nowMs);
  // The row being validated. The helpers below are made once per file, not once per row: a
  // million rows made a million closures (and GC work) for what is rarely used.
  let line = 0;
  const none: FieldWarning[] = []; // never written to: a row's own array is made at its first warning
  let warnings = none;
  let candidate: CanonicalPosition;
  const note = (field: PositionField, reason: string, value: string | undefined, action: FieldWarning["action"]) => {
    const warning: FieldWarning = { line, column: naming.columnFor(field), reason, action };
    if (value !== undefined) warning.value = value;
    if (warnings === none) warnings = [];
    warnings.push(warning);
  };
  // The value as it was before the fit (a carried-over value, SBS-1, has no cell on this line).
  const noteAdjusted = (field: PositionField, reason: string, before: string) => note(field, reason, before, "adjusted");
  const rejection = (message: string, field: PositionField | null, others: number): ParseEvent => {
    const more = others > 0 ? ` (and ${others} more problem${others > 1 ? "s" : ""})` : "";
    const error: RowError = { line, column: field === null ? null : naming.columnFor(field), reason: `${message}${more}` };
    const value = field === null ? undefined : (naming.valueFor?.(field) ?? displayValue(candidate[field]));
    if (value !== undefined) error.value = value;
    return { kind: "error", error };
  };
  const fieldOf = (issue: { path: readonly PropertyKey[] }) => (issue.path[0] ?? null) as PositionField | null;

  return function validatePosition(row: CanonicalPosition, rowLine: number, cellWarnings?: readonly FieldWarning[]): ParseEvent {
    candidate = row;
    line = rowLine;
    warnings = cellWarnings && cellWarnings.length > 0 ? [...cellWarnings] : none;
    fitPositionToColumns(row, noteAdjusted);
    if (isPlainlyValidPosition(row, nowMs)) {
      return warnings.length > 0 ? { kind: "record", line, record: row, warnings } : { kind: "record", line, record: row };
    }
    let result = schema.safeParse(row);
    if (!result.success) {
      const issues = result.error.issues;
      const fatal = issues.filter((issue) => !OPTIONAL_FIELDS.has(fieldOf(issue) as PositionField));
      if (fatal.length > 0) return rejection(fatal[0]!.message, fieldOf(fatal[0]!), fatal.length - 1);
      const dropped = row as Record<PositionField, unknown>;
      for (const issue of issues) {
        const field = fieldOf(issue)!;
        if (dropped[field] === null) continue;
        note(field, issue.message, naming.valueFor?.(field) || displayValue(dropped[field]), "dropped");
        dropped[field] = null;
      }
      result = schema.safeParse(row);
      if (!result.success) return rejection(result.error.issues[0]?.message ?? "invalid record", null, 0);
    }
    return warnings.length > 0 ? { kind: "record", line, record: result.data, warnings } : { kind: "record", line, record: result.data };
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
