import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | boolean | null;

/** Leading characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Make one cell safe to open in a spreadsheet: text that starts like a formula gets a leading
 * single quote, so Excel, LibreOffice and Google Sheets show it as text instead of running it.
 * Numbers are never touched (a longitude of -75.3 is a number, not a formula); a number that is
 * not finite becomes an empty cell.
 * @example neutraliseCell('=HYPERLINK("http://x")') // `'=HYPERLINK("http://x")`
 * @example neutraliseCell(-75.3) // -75.3
 */
export function neutraliseCell(value: CsvCell | undefined): CsvCell {
  if (value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && FORMULA_START.test(value)) return `'${value}`;
  return value;
}

/**
 * Rows as CSV text with a header line, columns in the given order, every cell neutralised.
 * RFC 4180 line ends (CRLF); booleans as `true`/`false`, null as an empty cell.
 * @example toCsvText([{ a: 1, b: "=1+1" }], ["a", "b"]) // "a,b\r\n1,'=1+1\r\n"
 */
export function toCsvText(rows: readonly Record<string, CsvCell>[], columns: readonly string[]): string {
  const records = rows.map((row) => columns.map((c) => neutraliseCell(row[c])));
  return stringify(records, {
    header: true,
    columns: [...columns],
    record_delimiter: "windows",
    // csv-stringify writes true as "1" and false as "" by default: ambiguous next to empty cells.
    cast: { boolean: (v) => (v ? "true" : "false") },
  });
}
