import type { ColumnNaming, PositionField } from "./create-position-validator";
import { booleanOrNull, numberOrNull } from "./field-values";

/**
 * Reads typed cells out of the current CSV row by column index and remembers the first cell it
 * could not read, so the row can be rejected naming the file's own column header. One reader per
 * file, reused for every row (no allocation per row on the happy path).
 */
export class CellReader {
  private fields: readonly string[] = [];
  problem: { column: string; reason: string; value: string } | null = null;

  constructor(readonly header: readonly string[]) {}

  /**
   * Starts a row. Returns why the row's shape is wrong, or null: a short row was cut or
   * mis-split; extra cells are allowed only when empty (spreadsheets pad rows with separators).
   */
  start(fields: readonly string[]): string | null {
    this.fields = fields;
    this.problem = null;
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

  number(index: number | undefined): number | null {
    const raw = this.raw(index);
    const value = numberOrNull(raw);
    if (value !== null && Number.isNaN(value)) {
      this.fail(index, "not a number", raw);
      return null;
    }
    return value;
  }

  boolean(index: number | undefined): boolean | null {
    const raw = this.raw(index);
    const value = booleanOrNull(raw);
    if (value === undefined) {
      this.fail(index, "not a boolean (expected true/false, 1/0, yes/no)", raw);
      return null;
    }
    return value;
  }

  fail(index: number | undefined, reason: string, raw?: string): void {
    if (this.problem) return;
    this.problem = { column: this.columnName(index) ?? "?", reason, value: raw ?? "" };
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
