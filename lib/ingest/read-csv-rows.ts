import { parse } from "csv-parse/sync";
import { FileRefusedError } from "./types";

/** One CSV record with the 1-based line it starts on, or why it could not be split into fields. */
export type CsvRow = { line: number; fields: string[]; error?: undefined } | { line: number; fields?: undefined; error: string };

export interface CsvReadOptions {
  fileName: string;
  /** Field separator; sniffed from the first non-blank line when omitted. */
  delimiter?: string;
  /** Quote character (default `"`; the OpenSky aircraft database quotes with `'`). */
  quote?: string;
  /** A record is one line (SBS-1): a quote left open is that line's error, never a record running on. */
  singleLineRecords?: boolean;
}

/** A quoted field may span lines, but not this many: past it the quote is taken as unterminated. */
const MAX_RECORD_LINES = 1000;
const MAX_LINE_CHARS = 1 << 20;

/**
 * Streams CSV records in batches (one batch per input chunk, to keep per-row async overhead low).
 *
 * Why not csv-parse alone: on the 2-core target it splits ~120,000 rows/s, half the throughput
 * goal. Lines without a quote character cannot contain quoting, so they are split on the
 * delimiter directly (exactly what csv-parse does with its defaults: no trimming, no comments);
 * every line or multi-line record that contains a quote goes to csv-parse, which stays the
 * authority on quoting and escaping. Blank lines are skipped, CRLF and LF are both accepted (a
 * lone CR is not a line break), a UTF-8 BOM is already gone (see `openInput`).
 */
export async function* readCsvRows(text: AsyncIterable<string>, options: CsvReadOptions): AsyncGenerator<CsvRow[]> {
  const quote = options.quote ?? '"';
  let delimiter = options.delimiter ?? null;
  let carry = "";
  let lineNo = 0;
  let pending: { line: number; parts: string[] } | null = null;
  let batch: CsvRow[] = [];
  let quoted: { index: number; line: number; text: string }[] = [];

  const csvParseOptions = () => ({ delimiter: delimiter ?? ",", quote, relax_column_count: true });

  // Most files have no quote at all: checking each chunk once spares a scan of every line.
  let chunkHasQuote = true;

  const handleLine = (line: string, n: number): void => {
    if (pending) {
      pending.parts.push(line);
      if (!endsInsideQuotes(line, quote, delimiter ?? ",", true)) {
        queueQuoted(pending.line, pending.parts.join("\n"));
        pending = null;
      } else if (pending.parts.length >= MAX_RECORD_LINES) {
        abandonPending();
      }
      return;
    }
    if (isBlank(line)) return;
    if (n === 1 && line.indexOf("\r") !== -1) {
      // Classic Mac line ends: the whole file would read as one header line and "no rows".
      throw new FileRefusedError(options.fileName, "its lines end with a lone CR (classic Mac line ends): save it with LF or CRLF line ends");
    }
    if (delimiter === null) delimiter = sniffDelimiter(line);
    if (!chunkHasQuote || line.indexOf(quote) === -1) {
      batch.push({ line: n, fields: line.split(delimiter) });
      return;
    }
    // Only a quoted field still open at the line's end continues the record: a stray quote inside
    // an unquoted field (AB"C) is that line's error alone (csv-parse's), not the start of a record.
    if (!endsInsideQuotes(line, quote, delimiter, false)) queueQuoted(n, line);
    else if (options.singleLineRecords) batch.push({ line: n, error: "unterminated quoted field (no closing quote)" });
    else pending = { line: n, parts: [line] };
  };

  const queueQuoted = (line: number, record: string): void => {
    quoted.push({ index: batch.length, line, text: record });
    batch.push({ line, error: "unparsed" });
  };

  // The quote never closed: report its line, then read the lines it swallowed as ordinary lines.
  const abandonPending = (): void => {
    if (!pending) return;
    const { line, parts } = pending;
    pending = null;
    batch.push({ line, error: "unterminated quoted field (no closing quote)" });
    parts.slice(1).forEach((part, i) => handleLine(part, line + 1 + i));
  };

  const resolveQuoted = (): void => {
    if (quoted.length === 0) return;
    // One csv-parse call per chunk is ~3x cheaper than one per line; fall back line by line on errors.
    let records: string[][] | null = null;
    try {
      records = parse(quoted.map((q) => q.text).join("\n"), csvParseOptions()) as string[][];
    } catch {
      records = null;
    }
    quoted.forEach((q, i) => {
      const fields = records && records.length === quoted.length ? records[i] : parseOne(q.text);
      batch[q.index] = typeof fields === "string" || fields === undefined
        ? { line: q.line, error: fields ?? "malformed quoting" }
        : { line: q.line, fields };
    });
    quoted = [];
  };

  const parseOne = (record: string): string[] | string => {
    try {
      const rows = parse(record, csvParseOptions()) as string[][];
      const first = rows[0];
      return rows.length === 1 && first ? first : "malformed quoting (the quotes split this line into several records)";
    } catch (err) {
      return describeCsvError(err);
    }
  };

  const takeBatch = (): CsvRow[] => {
    resolveQuoted();
    const out = batch;
    batch = [];
    return out;
  };

  for await (const chunk of text) {
    const buffer = carry + chunk;
    chunkHasQuote = pending !== null || buffer.indexOf(quote) !== -1;
    let start = 0;
    for (let nl = buffer.indexOf("\n"); nl !== -1; nl = buffer.indexOf("\n", start)) {
      const end = nl > start && buffer.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      handleLine(buffer.slice(start, end), ++lineNo);
      start = nl + 1;
    }
    carry = buffer.slice(start);
    if (carry.length > MAX_LINE_CHARS) {
      throw new FileRefusedError(options.fileName, `line ${lineNo + 1} is longer than ${MAX_LINE_CHARS} characters: not a CSV file`);
    }
    if (batch.length > 0) yield takeBatch();
  }
  chunkHasQuote = true;
  if (carry.length > 0) handleLine(carry.endsWith("\r") ? carry.slice(0, -1) : carry, ++lineNo);
  while (pending) abandonPending();
  if (batch.length > 0) yield takeBatch();
}

/** The separator that occurs most often outside quotes in a header line: comma, semicolon or tab. */
export function sniffDelimiter(headerLine: string): "," | ";" | "\t" {
  const unquoted = headerLine.replace(/"[^"]*"/g, "");
  const counts = ([",", ";", "\t"] as const).map((d) => [d, countChar(unquoted, d)] as const);
  let best: "," | ";" | "\t" = ",";
  let bestCount = 0;
  for (const [d, count] of counts) {
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Whether `line` ends inside a quoted field, starting inside one or not: as csv-parse reads
 * quotes (with its defaults), a quote opens a field only at the field's start, and inside one
 * a doubled quote is a quote.
 */
export function endsInsideQuotes(line: string, quote: string, delimiter: string, startsInside: boolean): boolean {
  let inside = startsInside;
  let at = 0;
  for (;;) {
    const next = line.indexOf(quote, at);
    if (next === -1) return inside;
    if (inside) {
      if (line.startsWith(quote, next + 1)) {
        at = next + 2;
        continue;
      }
      inside = false;
    } else if (next === 0 || line.startsWith(delimiter, next - delimiter.length)) {
      inside = true;
    }
    at = next + 1;
  }
}

function countChar(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) count++;
  return count;
}

function isBlank(line: string): boolean {
  return line.length === 0 || line.trim().length === 0;
}

function describeCsvError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_OPENING_QUOTE":
      return "malformed quoting: a quote inside an unquoted field";
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return "malformed quoting: characters after a closing quote";
    case "CSV_QUOTE_NOT_CLOSED":
      return "unterminated quoted field (no closing quote)";
    default:
      return `malformed CSV: ${(err as Error).message}`;
  }
}
