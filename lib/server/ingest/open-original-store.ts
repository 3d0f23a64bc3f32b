import "server-only";
import { COMMUTATIVE_WRITES } from "../db/commutative-writes";
import crypto from "node:crypto";
import type { Writable } from "node:stream";
import zlib from "node:zlib";
import type pg from "pg";
import { dbPool } from "../db/pool";
import { guardClient, transactionEnd } from "../db/guard-client";
import type { PendingOriginal } from "./store-original-file";

const CHUNK_BYTES = 4 << 20;

/** An original being stored while the file is read, before its SHA-256 is known. */
export interface OriginalStore {
  /** Write the file's bytes here (gzip on the thread pool; backpressure follows the inserts). */
  sink: Writable;
  /**
   * After the whole file went through: file the chunks under `sha256`. The caller holds the
   * content's advisory lock (so no other import files the same content meanwhile). An original
   * already stored is kept and this one dropped.
   */
  finish(sha256: string): Promise<PendingOriginal>;
  /** Drop everything written (a refused or failed import). */
  discard(): Promise<void>;
}

/**
 * Keep the original bytes of an imported file (gzip, content-addressed by its sha256) from the
 * single read of the file: the chunks are written on their own connection, in a transaction left
 * open, under a provisional key, and moved to the real key by `finish` (an UPDATE of the small
 * rows: PostgreSQL keeps the chunks' TOAST data as it is). Memory stays at one chunk.
 */
export async function openOriginalStore(sizeBytes: number): Promise<OriginalStore> {
  const client = await dbPool().connect();
  const guard = guardClient(client);
  const end = transactionEnd(client, guard);
  // Level 1: the archive is for safekeeping; speed matters more than the last few percent.
  const gzip = zlib.createGzip({ level: 1 });
  const provisional = crypto.randomBytes(32).toString("hex");
  try {
    await client.query("BEGIN");
    await client.query(COMMUTATIVE_WRITES);
    await client.query("INSERT INTO stored_files (sha256, size_bytes, compressed_bytes) VALUES ($1, $2, 0)", [provisional, sizeBytes]);
  } catch (error) {
    gzip.destroy();
    await end("ROLLBACK").catch(() => undefined);
    throw error;
  }
  const written = writeChunks(client, gzip, provisional);
  written.catch(() => undefined);
  const discard = async () => {
    gzip.destroy();
    await written.catch(() => undefined);
    await end("ROLLBACK").catch(() => undefined);
  };
  const noop = { commit: async () => undefined, rollback: async () => undefined };
  return {
    sink: gzip,
    discard,
    async finish(sha256) {
      try {
        const compressedBytes = await written;
        const present = await client.query("SELECT 1 FROM stored_files WHERE sha256 = $1", [sha256]);
        if (present.rowCount) {
          await end("ROLLBACK");
          return noop;
        }
        await client.query("INSERT INTO stored_files (sha256, size_bytes, compressed_bytes) VALUES ($1, $2, $3)", [sha256, sizeBytes, compressedBytes]);
        await client.query("UPDATE stored_file_chunks SET sha256 = $1 WHERE sha256 = $2", [sha256, provisional]);
        await client.query("DELETE FROM stored_files WHERE sha256 = $1", [provisional]);
        return { commit: () => end("COMMIT"), rollback: () => end("ROLLBACK") };
      } catch (error) {
        await discard();
        throw error;
      }
    },
  };
}

async function writeChunks(client: pg.PoolClient, gzip: zlib.Gzip, sha256: string): Promise<number> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let total = 0;
  // One INSERT in flight while the next chunk fills: gzip (and so the file's one read) never
  // waits for the database unless it falls a whole chunk behind.
  let inFlight: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    await inFlight;
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    total += data.length;
    inFlight = client.query("INSERT INTO stored_file_chunks (sha256, seq, data) VALUES ($1, $2, $3)", [sha256, seq++, data]);
    inFlight.catch(() => undefined);
  };
  try {
    for await (const chunk of gzip as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
    await inFlight;
  } catch (error) {
    // The file's reader then stops with this error, not a vague one.
    gzip.destroy(error as Error);
    throw error;
  }
  return total;
}
