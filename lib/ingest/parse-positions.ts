import type { Readable } from "node:stream";
import { detectFormat } from "./detect-format";
import { openInput } from "./open-input";
import { parseFr24Csv } from "./parse-fr24-csv";
import { parseGenericCsv } from "./parse-generic-csv";
import { parseOpenskyCsv } from "./parse-opensky-csv";
import { parseReadsbTrace } from "./parse-readsb-trace";
import { parseSbs1 } from "./parse-sbs1";
import { peekHead } from "./peek-head";
import type { FormatName, ParseEvent, ParseOptions } from "./types";

export interface ParsedPositions {
  /** The format the file is read as (detected, or forced by `options.format`). */
  format: FormatName;
  /** Aircraft identities, records and row errors, in file order. */
  events: AsyncGenerator<ParseEvent>;
}

/**
 * The ingest entry point: bytes of any supported file in, format + events out.
 *
 *   const { format, events } = await parsePositions(fs.createReadStream(path), { fileName, nowMs });
 *   for await (const event of events) {
 *     switch (event.kind) {
 *       case "aircraft": // identity the file carries (registration/type), before that aircraft's records
 *       case "record":   // a validated canonical position, with its line
 *       case "error":    // a rejected row: line, column, reason, value
 *     }
 *   }
 *
 * Why a promise of {format, events} rather than a "format" event: the format is known (or the
 * file refused) before any event, and `ParseEvent` stays the same union every parser yields.
 *
 * Pipeline: `openInput` (gunzip, strict UTF-8, binary/empty refusal) → `peekHead` (64 KB) →
 * `detectFormat` (skipped when `options.format` forces one) → the format's parser. Everything is
 * streamed: memory does not grow with the file.
 *
 * Refusals (`FileRefusedError`): the promise rejects for what the head shows (empty, binary,
 * encoding, unknown format); iterating `events` throws for what only the parser sees (missing
 * columns, FR24 without --icao24) or what comes late (a gzip truncated near its end, invalid
 * UTF-8 deep in the file). Such a refusal can follow records already yielded, so the caller
 * must discard everything it received from this file (stage, then commit only at the end).
 * Iterate `events` (to the end, or `break`, or until it throws): that releases the source
 * stream. Not iterating at all leaves the source open until garbage collection.
 */
export async function parsePositions(
  input: Readable,
  options: ParseOptions & { format?: FormatName },
): Promise<ParsedPositions> {
  const { head, text } = await peekHead(openInput(input, options.fileName));
  let format: FormatName;
  try {
    format = options.format ?? detectFormat(head, options.fileName);
  } catch (err) {
    text.destroy();
    throw err;
  }
  return { format, events: POSITION_PARSERS[format](text, options) };
}

export type PositionParser = (input: Readable, options: ParseOptions) => AsyncGenerator<ParseEvent>;

/** One parser per format name; each also works on its own (it opens its input itself). */
export const POSITION_PARSERS: Record<FormatName, PositionParser> = {
  opensky: parseOpenskyCsv,
  "generic-csv": parseGenericCsv,
  fr24: parseFr24Csv,
  "readsb-trace": parseReadsbTrace,
  sbs1: parseSbs1,
};
