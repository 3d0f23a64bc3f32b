import "server-only";
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { FieldWarningTally } from "../../ingest/field-warning-tally";
import { parsePositions } from "../../ingest/parse-positions";
import { RejectionTally } from "../../ingest/rejection-tally";
import type { AircraftIdentity, FormatName } from "../../ingest/types";
import { dbPool } from "../db/pool";
import { addMonthsMs, ensurePositionPartitions, loadPositionPartitionMonths, monthStartMs } from "../positions/position-partitions";
import { utcDayStartMs } from "../stats/position-day-counts";
import { AircraftOrderedRows } from "./aircraft-ordered-rows";
import { COPY_COLUMNS, copyTextRow } from "./copy-text-row";
import type { ImportRequest } from "./import-request";

/** What one pass over the file sent to COPY, and what it kept out. */
export interface StagedFile {
  format: FormatName | null;
  staged: number;
  tally: RejectionTally;
  warnings: FieldWarningTally;
  identities: Map<string, AircraftIdentity>;
  windows: Map<string, { first: Date; last: Date }>;
  /** Rows sent per UTC day (day start, ms): the batch's day counts when no row was skipped. */
  dayCounts: Map<number, number>;
  /** Months (UTC start, ms) that had no partition of `positions` when the pass began. */
  newMonthsMs: number[];
  /** Every month (UTC start, ms) of a staged row. */
  monthsMs: number[];
}

/** Thrown out of a failed COPY: the server's error, with the file line of the row it names. */
export class CopyFailure extends Error {
  constructor(
    readonly serverError: unknown,
    readonly line: number | null,
  ) {
    super(serverError instanceof Error ? serverError.message : String(serverError));
    this.name = "CopyFailure";
  }
}

/** One write per this much of a run's COPY text. */
const COPY_FLUSH_BYTES = 256 << 10;
const DAY_MS = 86_400_000;
/** Sent to PostgreSQL when we abort a COPY: short and fixed (a long reason breaks the protocol). */
const COPY_ABORT_MESSAGE = "darkflight aborted the import";

/** Where the file's bytes come from (one shared read, see readFileOnce), for the progress bar. */
export interface CopySource {
  input: Readable;
  bytesRead(): number;
  totalBytes: number;
}

/**
 * Parse the file and COPY its valid records into `table`, tallying the rest. `positions` is
 * partitioned by month: a record whose month has no partition yet ends the running COPY (a
 * COPY only sees the partitions that existed when it started), gets its partition from another
 * connection, and a new COPY goes on in the same transaction. Into the staging table (not
 * partitioned) the months are only collected, for the caller to create before moving the rows.
 * The months whose partition this pass created go into `createdMonthsMs` as they are made (kept
 * by the caller even when the pass throws): a rolled-back import drops them again if still empty.
 */
export async function copyParsedPositions(
  client: pg.PoolClient,
  request: ImportRequest,
  icao24: string | undefined,
  source: CopySource,
  table: "positions" | "staging_positions",
  batchId: string,
  createdMonthsMs: number[],
): Promise<StagedFile> {
  const months = await loadPositionPartitionMonths(client);
  const staged: StagedFile = {
    format: null, staged: 0, tally: new RejectionTally(), warnings: new FieldWarningTally(), identities: new Map(), windows: new Map(), dayCounts: new Map(), newMonthsMs: [], monthsMs: [],
  };
  const seenMonths = new Set<number>();
  const rows = new AircraftOrderedRows();
  let copy = startCopy(client, table, 0);
  // A run is written in the background, piece by piece as the server takes them, while this
  // process parses the next: the server's work overlaps our parsing.
  let pumping: Promise<void> = Promise.resolve();
  const pump = async (pieces: Buffer[]) => {
    for (const piece of pieces) {
      if (copy.settled) return;
      if (!copy.stream.write(piece)) await copy.drained();
    }
  };
  /** Start writing what is gathered (after the run before it); false once the server ended the COPY. */
  const send = async (): Promise<boolean> => {
    await pumping;
    if (copy.settled) return false;
    pumping = pump(rows.take(COPY_FLUSH_BYTES));
    pumping.catch(() => undefined);
    return true;
  };
  /** Send what is gathered and wait until it is written; false once the server ended the COPY. */
  const sendAll = async (): Promise<boolean> => {
    if (!(await send())) return false;
    await pumping;
    return !copy.settled;
  };
  let lastProgressRows = 0;
  // The month of the last record: most files are in time order, so the lookup is rare.
  let monthFromMs = Number.POSITIVE_INFINITY;
  let monthToMs = Number.NEGATIVE_INFINITY;
  let dayMs = Number.NaN;
  let dayRows = 0;
  const countDay = () => {
    if (dayRows > 0) staged.dayCounts.set(dayMs, (staged.dayCounts.get(dayMs) ?? 0) + dayRows);
    dayRows = 0;
  };
  const { totalBytes } = source;
  try {
    const parsed = await parsePositions(source.input, {
      fileName: request.fileName,
      nowMs: request.nowMs,
      format: request.format,
      icao24,
      altitudeUnit: request.altitudeUnit,
      speedUnit: request.speedUnit,
    });
    staged.format = parsed.format;
    for await (const event of parsed.events) {
      if (event.kind === "record") {
        const record = event.record;
        const timeMs = record.time.getTime();
        if (timeMs < monthFromMs || timeMs >= monthToMs) {
          monthFromMs = monthStartMs(timeMs);
          monthToMs = addMonthsMs(monthFromMs, 1);
          if (!seenMonths.has(monthFromMs)) {
            seenMonths.add(monthFromMs);
            staged.monthsMs.push(monthFromMs);
          }
          if (!months.has(monthFromMs)) {
            months.add(monthFromMs);
            staged.newMonthsMs.push(monthFromMs);
            if (table === "positions") {
              // Rows so far go to the COPY that can place them; the next one sees the new partition.
              if (!(await sendAll())) break;
              copy.stream.end();
              await copy.done;
              createdMonthsMs.push(...(await ensurePositionPartitions(dbPool(), [monthFromMs])));
              copy = startCopy(client, table, rows.sentRows);
            }
          }
        }
        if (!(timeMs >= dayMs && timeMs - dayMs < DAY_MS)) {
          countDay();
          dayMs = utcDayStartMs(timeMs);
        }
        dayRows += 1;
        staged.staged += 1;
        // The server already aborted the COPY (a duplicate key): stop parsing, fall back now.
        if (rows.add(copyTextRow(record, batchId), record.icao24, timeMs, event.line) && !(await send())) break;
        if (event.warnings) for (const warning of event.warnings) staged.warnings.add(warning);
        const window = staged.windows.get(record.icao24);
        if (!window) staged.windows.set(record.icao24, { first: record.time, last: record.time });
        else if (record.time < window.first) window.first = record.time;
        else if (record.time > window.last) window.last = record.time;
        if (staged.staged - lastProgressRows >= 20_000) {
          lastProgressRows = staged.staged;
          request.onProgress?.({ bytesRead: source.bytesRead(), totalBytes, rows: staged.staged, rejected: staged.tally.count });
        }
      } else if (event.kind === "error") {
        staged.tally.add(event.error);
      } else {
        staged.identities.set(event.identity.icao24, event.identity);
        if (event.warnings) for (const warning of event.warnings) staged.warnings.add(warning);
      }
    }
    countDay();
    if (await sendAll()) copy.stream.end();
    await copy.done;
  } catch (error) {
    source.input.destroy();
    // Abort the COPY only while it is still open: one the server already ended (a duplicate key)
    // or that we ended must not be destroyed again (pg-copy-streams fails on a closed connection).
    if (!copy.settled && !copy.stream.writableEnded) copy.stream.destroy(new Error(COPY_ABORT_MESSAGE));
    // A COPY the server aborted reports its own error: prefer it (with the line it names).
    const serverError = await copy.done.then(() => undefined, (e: unknown) => e);
    if (serverError !== undefined && !isOurAbort(serverError)) throw new CopyFailure(serverError, rows.lineOf(serverError, copy.firstRow));
    throw error;
  }
  request.onProgress?.({ bytesRead: totalBytes, totalBytes, rows: staged.staged, rejected: staged.tally.count });
  return staged;
}

interface RunningCopy {
  stream: Writable;
  done: Promise<void>;
  readonly settled: boolean;
  drained(): Promise<unknown>;
  /** Staged rows before this COPY: its "line n" is staged row firstRow + n. */
  firstRow: number;
}

function startCopy(client: pg.PoolClient, table: string, firstRow: number): RunningCopy {
  const stream = client.query(copyFrom(`COPY ${table} (${COPY_COLUMNS.join(", ")}) FROM STDIN`));
  // `on`, not `once`: a failed COPY can emit more than one error, and an unheard one would crash.
  const done = new Promise<void>((resolve, reject) => {
    stream.once("finish", resolve);
    stream.on("error", reject);
  });
  done.catch(() => undefined);
  const running = {
    stream,
    done,
    settled: false,
    firstRow,
    drained: () => {
      const drain = once(stream, "drain");
      drain.catch(() => undefined);
      return Promise.race([drain, done]);
    },
  };
  done.then(
    () => (running.settled = true),
    () => (running.settled = true),
  );
  return running;
}

function isOurAbort(error: unknown): boolean {
  return error instanceof Error && error.message.includes(COPY_ABORT_MESSAGE);
}
