import "server-only";
import fs from "node:fs";
import { once } from "node:events";
import { Transform } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { RejectionReport } from "../../ingest/rejection-tally";
import { RejectionTally } from "../../ingest/rejection-tally";
import { refusalReason } from "../../ingest/refusal-reason";
import { parsePositions } from "../../ingest/parse-positions";
import { FileRefusedError, type AircraftIdentity, type AltitudeUnit, type FormatName, type SpeedUnit } from "../../ingest/types";
import { dbPool } from "../db/pool";
import { COPY_COLUMNS, copyTextRow } from "./copy-text-row";
import { findBatchBySha256 } from "./find-batch-by-sha256";
import { hashFile } from "./hash-file";
import { storeOriginalFile, type PendingOriginal } from "./store-original-file";
import { applyBatchToDayCounts } from "../stats/position-day-counts";

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  rejected: number;
}

export interface ImportRequest {
  /** The file on disk (an upload is saved to a temporary file first). */
  path: string;
  /** The name shown to the user and stored with the batch. */
  fileName: string;
  nowMs: number;
  format?: FormatName;
  dataset?: string | null;
  strict?: boolean;
  icao24?: string;
  registration?: string;
  altitudeUnit?: AltitudeUnit;
  speedUnit?: SpeedUnit;
  uploadedById?: number | null;
  onProgress?: (progress: ImportProgress) => void;
  /** Re-parse into this existing batch (reimport after a parser fix). */
  replaceBatchId?: bigint;
}

export interface ImportSummary {
  fileName: string;
  sha256: string;
  format: FormatName | null;
  accepted: number;
  duplicates: number;
  aircraft: string[];
  firstTime: string | null;
  lastTime: string | null;
  rejections: RejectionReport;
}

export type ImportOutcome =
  | ({ status: "imported"; batchId: string } & ImportSummary)
  | { status: "already-imported"; batchId: string; fileName: string; sha256: string }
  | ({ status: "refused"; reason: string } & Partial<ImportSummary> & { fileName: string });

interface StagedFile {
  format: FormatName | null;
  staged: number;
  tally: RejectionTally;
  identities: Map<string, AircraftIdentity>;
  windows: Map<string, { first: Date; last: Date }>;
}

const COPY_FLUSH_BYTES = 256 * 1024;

/**
 * Import one position file as one batch, atomically: parse (streamed) → COPY into a temporary
 * staging table → move into `positions` skipping rows already stored (same address and time)
 * → record the batch, the aircraft identities and the detection requests → COMMIT. A kill at
 * any point before COMMIT leaves nothing of the batch. The same file again (by SHA-256) is
 * answered with its earlier batch and writes nothing.
 */
export async function importPositionsFile(request: ImportRequest): Promise<ImportOutcome> {
  const { sha256, sizeBytes } = await hashFile(request.path);
  const pool = dbPool();
  if (request.replaceBatchId === undefined) {
    const existing = await findBatchBySha256(pool, sha256);
    if (existing) return { status: "already-imported", batchId: existing, fileName: request.fileName, sha256 };
  }
  let icao24 = request.icao24?.toLowerCase();
  if (!icao24 && request.registration) {
    icao24 = await resolveRegistration(pool, request.registration);
    if (!icao24) {
      return {
        status: "refused",
        fileName: request.fileName,
        sha256,
        reason: `registration ${request.registration} is not in the aircraft registry: import the registry (import-aircraft) or give --icao24`,
      };
    }
  }

  const client = await pool.connect();
  let clientBroken = false;
  let storing: Promise<PendingOriginal> | undefined;
  const discardOriginal = () => storing?.then((pending) => pending.rollback()).catch(() => undefined);
  try {
    await client.query("BEGIN");
    // The batch row comes first (positions refer to it); its unique sha256 also makes a
    // concurrent import of the same file wait here, then find it imported.
    const batchId = await writeBatchRow(client, request, sha256, sizeBytes);
    // The original is stored on another connection meanwhile (it must exist before COMMIT).
    storing = storeOriginalFile(request.path, sha256, sizeBytes);
    storing.catch(() => undefined);
    let staged: StagedFile;
    let duplicates = 0;
    try {
      // Fast path: COPY straight into positions, as fast as `psql \copy`. A row that is
      // already stored (overlap with an earlier import, or twice in this file) aborts it; the
      // file is then read again through a staging table that skips such rows.
      await client.query("SAVEPOINT direct_copy");
      try {
        staged = await copyFile(client, request, icao24, sizeBytes, "positions", batchId);
        await client.query("RELEASE SAVEPOINT direct_copy");
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await client.query("ROLLBACK TO SAVEPOINT direct_copy");
        await client.query(
          `CREATE TEMP TABLE staging_positions (LIKE positions INCLUDING DEFAULTS) ON COMMIT DROP`,
        );
        staged = await copyFile(client, request, icao24, sizeBytes, "staging_positions", batchId);
        if (!refusalOf(staged, request.strict ?? false)) {
          const inserted = await client.query(
            `INSERT INTO positions (${COPY_COLUMNS.join(", ")}) SELECT ${COPY_COLUMNS.join(", ")} FROM staging_positions
             ON CONFLICT (icao24, time) DO NOTHING`,
          );
          duplicates = staged.staged - (inserted.rowCount ?? 0);
        }
      }
    } catch (error) {
      clientBroken = true;
      await client.query("ROLLBACK").catch(() => undefined);
      await discardOriginal();
      if (error instanceof FileRefusedError) return { status: "refused", fileName: request.fileName, sha256, reason: error.reason };
      throw error;
    }
    const summary = { ...summarise(request.fileName, sha256, staged), accepted: staged.staged - duplicates, duplicates };
    const refusal = refusalOf(staged, request.strict ?? false);
    if (refusal) {
      await client.query("ROLLBACK");
      await discardOriginal();
      return { status: "refused", reason: refusal, ...summary, accepted: 0, duplicates: 0 };
    }
    const original = await storing;
    await applyBatchToDayCounts(client, batchId, 1);
    await recordAircraft(client, staged.identities, [...staged.windows.keys()]);
    await recordDetectionRequests(client, batchId, staged.windows);
    await client.query(
      `UPDATE import_batches SET status = 'COMMITTED', format = $2, rows_accepted = $3, rows_duplicate = $4,
              rows_rejected = $5, first_time = $6, last_time = $7, report = $8, finished_at = now()
        WHERE id = $1`,
      [
        batchId,
        staged.format ?? "unknown",
        summary.accepted,
        summary.duplicates,
        staged.tally.count,
        summary.firstTime,
        summary.lastTime,
        JSON.stringify({ rejections: summary.rejections, aircraft: summary.aircraft.length }),
      ],
    );
    // The original first: a batch never exists without it (an orphan original is harmless).
    await original.commit();
    await client.query("COMMIT");
    return { status: "imported", batchId, ...summary };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    await discardOriginal();
    if (isUniqueViolation(error) && request.replaceBatchId === undefined) {
      // The same file finished importing elsewhere in the meantime.
      const again = await findBatchBySha256(pool, sha256);
      if (again) return { status: "already-imported", batchId: again, fileName: request.fileName, sha256 };
    }
    throw error;
  } finally {
    client.release(clientBroken ? true : undefined);
  }
}

/** Parse the file and COPY its valid records into `table`, tallying the rest. */
async function copyFile(
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
  const staged: StagedFile = { format: null, staged: 0, tally: new RejectionTally(), identities: new Map(), windows: new Map() };
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
    if (!copySettled && !copy.writableEnded) copy.destroy(error instanceof Error ? error : new Error(String(error)));
    // A COPY the server aborted (unique violation) reports its own error: prefer it.
    const serverError = await copyDone.then(() => undefined, (e: unknown) => e);
    throw isUniqueViolation(serverError) ? serverError : error;
  }
  request.onProgress?.({ bytesRead: totalBytes, totalBytes, rows: staged.staged, rejected: staged.tally.count });
  return staged;
}

function summarise(fileName: string, sha256: string, staged: StagedFile): ImportSummary {
  let first: Date | null = null;
  let last: Date | null = null;
  for (const window of staged.windows.values()) {
    if (!first || window.first < first) first = window.first;
    if (!last || window.last > last) last = window.last;
  }
  return {
    fileName,
    sha256,
    format: staged.format,
    accepted: 0,
    duplicates: 0,
    aircraft: [...staged.windows.keys()].sort(),
    firstTime: first?.toISOString() ?? null,
    lastTime: last?.toISOString() ?? null,
    rejections: staged.tally.report(),
  };
}

function refusalOf(staged: StagedFile, strict: boolean): string | null {
  return refusalReason({ valid: staged.staged, rejected: staged.tally.count, strict, what: "position rows" });
}

async function writeBatchRow(client: pg.PoolClient, request: ImportRequest, sha256: string, sizeBytes: number): Promise<string> {
  if (request.replaceBatchId !== undefined) {
    // One re-import of a batch at a time; the flights its old positions built are re-detected.
    await client.query("SELECT id FROM import_batches WHERE id = $1 FOR UPDATE", [request.replaceBatchId]);
    await client.query(
      `INSERT INTO detection_requests (icao24, window_start, window_end, batch_id)
       SELECT icao24, min(time), max(time), $1 FROM positions WHERE batch_id = $1 GROUP BY icao24`,
      [request.replaceBatchId],
    );
    await applyBatchToDayCounts(client, request.replaceBatchId.toString(), -1);
    await client.query("DELETE FROM positions WHERE batch_id = $1", [request.replaceBatchId]);
    return request.replaceBatchId.toString();
  }
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO import_batches (sha256, file_name, format, dataset, status, size_bytes, uploaded_by_id)
     VALUES ($1, $2, $3, $4, 'RUNNING', $5, $6) RETURNING id::text`,
    [sha256, request.fileName, request.format ?? "unknown", request.dataset ?? null, sizeBytes, request.uploadedById ?? null],
  );
  return rows[0]!.id;
}

async function recordAircraft(client: pg.PoolClient, identities: Map<string, AircraftIdentity>, touched: string[]): Promise<void> {
  // Every address seen gets a registry row (identity unknown until a registry or file names it).
  await client.query(`INSERT INTO aircraft (icao24) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [touched]);
  for (const identity of identities.values()) {
    // What a file says about an aircraft updates the registry; it never blanks known fields.
    await client.query(
      `INSERT INTO aircraft (icao24, registration, typecode, model, identity_source)
       VALUES ($1, $2, $3, $4, 'import')
       ON CONFLICT (icao24) DO UPDATE SET
         registration = COALESCE(EXCLUDED.registration, aircraft.registration),
         typecode = COALESCE(EXCLUDED.typecode, aircraft.typecode),
         model = COALESCE(EXCLUDED.model, aircraft.model),
         updated_at = now()`,
      [identity.icao24, identity.registration, identity.typecode, identity.model ?? null],
    );
  }
}

async function recordDetectionRequests(
  client: pg.PoolClient,
  batchId: string,
  windows: Map<string, { first: Date; last: Date }>,
): Promise<void> {
  const icao24s = [...windows.keys()];
  await client.query(
    `INSERT INTO detection_requests (icao24, window_start, window_end, batch_id)
     SELECT * , $4::bigint FROM unnest($1::char(6)[], $2::timestamptz[], $3::timestamptz[])`,
    [icao24s, icao24s.map((k) => windows.get(k)!.first), icao24s.map((k) => windows.get(k)!.last), batchId],
  );
}

async function resolveRegistration(pool: pg.Pool, registration: string): Promise<string | undefined> {
  const normalised = registration.trim().toUpperCase();
  const { rows } = await pool.query<{ icao24: string }>(
    `SELECT icao24 FROM aircraft WHERE upper(replace(registration, '-', '')) = replace($1, '-', '') LIMIT 2`,
    [normalised],
  );
  return rows.length === 1 ? rows[0]!.icao24 : undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";
}
