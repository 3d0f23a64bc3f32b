import type { ColumnNaming, PositionField } from "./create-position-validator";
import { booleanOrNull, numberOrNull } from "./field-values";
import type { FieldWarning } from "./types";

/**
 * Reads typed cells out of the current CSV row by column index. A required cell it cannot read
 * (time, position) is remembered in `problem`, so the row can be rejected naming the file's own
 * column; an optional cell it cannot read is dropped to null and listed in `warnings`, and the
 * row is kept. One reader per file, reused for every row (no allocation per row on the happy path).
 */
export class CellReader {
  private fields: readonly string[] = [];
  private line = 0;
  problem: { column: string; reason: string; value: string } | null = null;
  warnings: FieldWarning[] = [];

  constructor(readonly header: readonly string[]) {}

  /**
   * Starts a row (`line` numbers its warnings). Returns why the row's shape is wrong, or null: a short row was cut or
   * mis-split; extra cells are allowed only when empty (spreadsheets pad rows with separators).
   */
  start(fields: readonly string[], line = 0): string | null {
    this.fields = fields;
    this.line = line;
    this.problem = null;
    if (this.warnings.length > 0) this.warnings = [];
    if (fields.length < this.header.length) {
      return `row has ${fields.length} fields, the header has ${this.header.length}`;
    }
    for (let i = this.header.length; i < fields.length; i++) {
      if (fields[i]!.trim() !== "") return `row has ${fields.length} fields, the header has ${this.header.length}`;
    }
    return null;
  }

  /** The raw cell, or undefined when the file has no such column. */
  raw(index: number | undefined): string | undefined {
    return index === undefined ? undefined : this.fields[index];
  }

  /** True when the cell is absent, empty or only whitespace (checked without allocating on the hot path). */
  isBlank(index: number | undefined): boolean {
    const raw = this.raw(index);
    if (raw === undefined || raw === "") return true;
    return raw.charCodeAt(0) > 32 ? false : raw.trim() === "";
  }

  /** Trimmed text, "" when empty or absent. */
  text(index: number | undefined): string {
    return index === undefined ? "" : (this.fields[index] ?? "").trim();
  }

  /** A required number (time, latitude, longitude): unreadable rejects the row. */
  number(index: number | undefined): number | null {
    const raw = this.raw(index);
    const value = numberOrNull(raw);
    if (value !== null && Number.isNaN(value)) {
      this.fail(index, "not a number", raw);
      return null;
    }
    return value;
  }

  /** An optional number: unreadable is dropped to null with a warning. */
  optionalNumber(index: number | undefined): number | null {
    const raw = this.raw(index);
    const value = numberOrNull(raw);
    if (value !== null && Number.isNaN(value)) {
      this.warn(index, "not a number", raw);
      return null;
    }
    return value;
  }

  /** An optional boolean: unreadable is dropped to null with a warning. */
  optionalBoolean(index: number | undefined): boolean | null {
    const raw = this.raw(index);
    const value = booleanOrNull(raw);
    if (value === undefined) {
      this.warn(index, "not a boolean (expected true/false, 1/0, yes/no)", raw);
      return null;
    }
    return value;
  }

  fail(index: number | undefined, reason: string, raw?: string): void {
    if (this.problem) return;
    this.problem = { column: this.columnName(index) ?? "?", reason, value: raw ?? "" };
  }

  /** Records that an optional cell of this row was dropped. */
  warn(index: number | undefined, reason: string, raw?: string): void {
    this.warnings.push({ line: this.line, column: this.columnName(index), reason, value: raw ?? "", action: "dropped" });
  }

  columnName(index: number | undefined): string | null {
    return index === undefined ? null : (this.header[index] ?? null);
  }

  /** Maps canonical fields back to this file's headers for the validator's errors. */
  naming(fieldIndex: Partial<Record<PositionField, number>>): ColumnNaming {
    return {
      columnFor: (field) => this.columnName(fieldIndex[field]),
      valueFor: (field) => this.raw(fieldIndex[field]),
    };
  }
}
