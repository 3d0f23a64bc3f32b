import type { Readable } from "node:stream";
import { CellReader } from "./cell-reader";
import { rowError } from "./create-position-validator";
import { openInput } from "./open-input";
import { readCsvRows } from "./read-csv-rows";
import { FileRefusedError, type ParseEvent, type ParseOptions } from "./types";

/** The one wording of a row without a position, whatever the format calls its columns. */
export const NO_POSITION_REASON = "no position (empty latitude/longitude)";

/** How one CSV format reads its rows, planned from the header line. */
export interface CsvPositionLayout {
  /** The cells holding latitude and longitude (the same one when a cell holds "lat,lon"). */
  latIndex: number | undefined;
  lonIndex: number | undefined;
  /** Events before the first row (an identity the options name). */
  preamble?: ParseEvent[];
  /** A reason to reject the row before its position is looked at (FR24 `no_position` = N), or null. */
  rejectRow?(reader: CellReader, line: number): ParseEvent | null;
  /** A row of the right shape, with a position, into its events (usually one record or error). */
  convertRow(reader: CellReader, line: number): ParseEvent | ParseEvent[];
}

export interface CsvPositionFormat {
  /** Forced separator; sniffed from the header when omitted. */
  delimiter?: string;
  /** The refusal when the file has no header line at all. */
  noHeaderReason: string;
  /** Reads the header (trimmed names) into a layout, or throws FileRefusedError. */
  plan(reader: CellReader): CsvPositionLayout;
}

/**
 * The row loop every header-first CSV position format shares (OpenSky, generic, Flightradar24):
 * header → layout; then per row: unsplittable → row error, wrong shape → row error, empty
 * latitude or longitude → row error, else the format's `convertRow`. Keeping one loop keeps the
 * formats' rejection reasons the same.
 */
export async function* parseCsvPositions(input: Readable, options: ParseOptions, format: CsvPositionFormat): AsyncGenerator<ParseEvent> {
  const text = openInput(input, options.fileName);
  let reader: CellReader | null = null;
  let layout: CsvPositionLayout | null = null;

  for await (const batch of readCsvRows(text, { fileName: options.fileName, delimiter: format.delimiter })) {
    for (const row of batch) {
      if (reader === null || layout === null) {
        if (row.fields === undefined) throw new FileRefusedError(options.fileName, `unreadable header: ${row.error}`);
        reader = new CellReader(row.fields.map((name) => name.trim()));
        layout = format.plan(reader);
        if (layout.preamble) yield* layout.preamble;
        continue;
      }
      if (row.fields === undefined) {
        yield rowError(row.line, null, row.error);
        continue;
      }
      const shape = reader.start(row.fields, row.line);
      if (shape !== null) {
        yield rowError(row.line, null, shape);
        continue;
      }
      const rejected = layout.rejectRow?.(reader, row.line) ?? null;
      if (rejected !== null) {
        yield rejected;
        continue;
      }
      if (reader.isBlank(layout.latIndex) || reader.isBlank(layout.lonIndex)) {
        yield rowError(row.line, reader.columnName(reader.isBlank(layout.latIndex) ? layout.latIndex : layout.lonIndex), NO_POSITION_REASON);
        continue;
      }
      const events = layout.convertRow(reader, row.line);
      if (Array.isArray(events)) yield* events;
      else yield events;
    }
  }
  if (reader === null) throw new FileRefusedError(options.fileName, format.noHeaderReason);
}
