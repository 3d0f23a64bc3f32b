import "server-only";
import fs from "node:fs";
import { once } from "node:events";
import { Transform } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { FieldWarningTally } from "../../ingest/field-warning-tally";
import { parsePositions } from "../../ingest/parse-positions";
import { RejectionTally } from "../../ingest/rejection-tally";
import type { AircraftIdentity, FormatName } from "../../ingest/types";
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

const COPY_FLUSH_BYTES = 256 * 1024;
/** Sent to PostgreSQL when we abort a COPY: short and fixed (a long reason breaks the protocol). */
const COPY_ABORT_MESSAGE = "darkflight aborted the import";

/** Parse the file and COPY its valid records into `table`, tallying the rest. */
export async function copyParsedPositions(
  client: pg.PoolClient,
  request: ImportRequest,
  icao24: string | undefined,
  totalBytes: number,
  table: "positions" | "staging_positions",
  batchId: string,
): Promise<StagedFile> {
  const copy = client.query(copyFrom(`COPY ${table} (${COPY_COLUMNS.join(", ")}) FROM STDIN`));
  // `on`, not `once`: a failed COPY can emit more than one error, and an unheard one would crash.
  const copyDone = new Promise<void>((resolve, reject) => {
    copy.once("finish", resolve);
    copy.on("error", reject);
  });
  copyDone.catch(() => undefined);
  let copySettled = false;
  copyDone.then(
    () => (copySettled = true),
    () => (copySettled = true),
  );
  const drained = () => {
    const drain = once(copy, "drain");
    drain.catch(() => undefined);
    return Promise.race([drain, copyDone]);
  };
  const raw = fs.createReadStream(request.path, { highWaterMark: 1 << 20 });
  // Count bytes for the progress bar in the pipe, not with a "data" listener: that would switch
  // the file stream to flowing mode and read it whole into memory, past the parser's backpressure.
  let bytesRead = 0;
  const counted = raw.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytesRead += chunk.length;
        callback(null, chunk);
      },
    }),
  );
  raw.once("error", (error) => counted.destroy(error));
  const staged: StagedFile = {
    format: null, staged: 0, tally: new RejectionTally(), warnings: new FieldWarningTally(), identities: new Map(), windows: new Map(),
  };
  const lines = new CopyLineMap();
  let buffer = "";
  let lastProgressRows = 0;
  try {
    const parsed = await parsePositions(counted, {
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
        buffer += copyTextRow(record, batchId);
        staged.staged += 1;
        lines.add(staged.staged, event.line);
        if (event.warnings) for (const warning of event.warnings) staged.warnings.add(warning);
        const window = staged.windows.get(record.icao24);
        if (!window) staged.windows.set(record.icao24, { first: record.time, last: record.time });
        else if (record.time < window.first) window.first = record.time;
        else if (record.time > window.last) window.last = record.time;
        if (buffer.length >= COPY_FLUSH_BYTES) {
          // The server already aborted the COPY (a duplicate key): stop parsing, fall back now.
          if (copySettled) break;
          if (!copy.write(buffer)) await drained();
          buffer = "";
        }
        if (staged.staged - lastProgressRows >= 20_000) {
          lastProgressRows = staged.staged;
          request.onProgress?.({ bytesRead, totalBytes, rows: staged.staged, rejected: staged.tally.count });
        }
      } else if (event.kind === "error") {
        staged.tally.add(event.error);
      } else {
        staged.identities.set(event.identity.icao24, event.identity);
        if (event.warnings) for (const warning of event.warnings) staged.warnings.add(warning);
      }
    }
    if (!copySettled) {
      if (buffer) copy.write(buffer);
      copy.end();
    }
    await copyDone;
  } catch (error) {
    raw.destroy();
    counted.destroy();
    // Abort the COPY only while it is still open: one the server already ended (a duplicate key)
    // or that we ended must not be destroyed again (pg-copy-streams fails on a closed connection).
    if (!copySettled && !copy.writableEnded) copy.destroy(new Error(COPY_ABORT_MESSAGE));
    // A COPY the server aborted reports its own error: prefer it (with the line it names).
    const serverError = await copyDone.then(() => undefined, (e: unknown) => e);
    if (serverError !== undefined && !isOurAbort(serverError)) throw new CopyFailure(serverError, lines.lineOf(serverError));
    throw error;
  }
  request.onProgress?.({ bytesRead: totalBytes, totalBytes, rows: staged.staged, rejected: staged.tally.count });
  return staged;
}

function isOurAbort(error: unknown): boolean {
  return error instanceof Error && error.message.includes(COPY_ABORT_MESSAGE);
}

/**
 * File line of each COPY row, kept as the points where (file line − COPY row) changes: rows
 * follow the file, so this stays as small as the number of skipped lines.
 */
class CopyLineMap {
  private readonly rows: number[] = [];
  private readonly offsets: number[] = [];

  add(copyRow: number, fileLine: number): void {
    const offset = fileLine - copyRow;
    if (this.offsets.at(-1) !== offset) {
      this.rows.push(copyRow);
      this.offsets.push(offset);
    }
  }

  /** The file line of the row a PostgreSQL COPY error names ("COPY positions, line 12, column …"). */
  lineOf(error: unknown): number | null {
    const where = (error as { where?: unknown } | null)?.where;
    const match = typeof where === "string" ? /COPY \w+, line (\d+)/.exec(where) : null;
    if (!match) return null;
    const copyRow = Number(match[1]);
    let lo = 0;
    let hi = this.rows.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid]! <= copyRow) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found === -1 ? null : copyRow + this.offsets[found]!;
  }
}
