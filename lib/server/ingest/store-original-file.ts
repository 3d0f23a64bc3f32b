import "server-only";
import { COMMUTATIVE_WRITES } from "../db/commutative-writes";
import fs from "node:fs";
import zlib from "node:zlib";
import type pg from "pg";
import { dbPool } from "../db/pool";
import { guardClient, transactionEnd } from "../db/guard-client";

const CHUNK_BYTES = 4 << 20;

/** A stored original waiting for the batch's decision: commit with it, or roll back with it. */
export interface PendingOriginal {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Keep the original bytes of an imported file (gzip, content-addressed by its sha256) so a
 * batch can be re-parsed after a parser fix. Written on its own connection, concurrently with
 * the COPY, in a transaction left open: the importer commits it just before the batch (or rolls
 * it back with a refused file), so a refused or killed import leaves no original behind. Memory
 * stays at one chunk.
 */
export async function storeOriginalFile(file: string, sha256: string, sizeBytes: number): Promise<PendingOriginal> {
  const client = await dbPool().connect();
  const guard = guardClient(client);
  const done = { commit: async () => undefined, rollback: async () => undefined };
  const finish = transactionEnd(client, guard);
  try {
    const present = await client.query("SELECT 1 FROM stored_files WHERE sha256 = $1", [sha256]);
    if (present.rowCount) {
      // No transaction yet: nothing to end, and nothing below runs.
      guard.release();
      return done;
    }
    await client.query("BEGIN");
    await client.query(COMMUTATIVE_WRITES);
    // Two imports of the same content: the second waits here, then finds it stored.
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [sha256]);
    const again = await client.query("SELECT 1 FROM stored_files WHERE sha256 = $1", [sha256]);
    if (again.rowCount) {
      await finish("COMMIT");
      return done;
    }
    await client.query("INSERT INTO stored_files (sha256, size_bytes, compressed_bytes) VALUES ($1, $2, 0)", [sha256, sizeBytes]);
    const compressedBytes = await writeChunks(client, file, sha256);
    await client.query("UPDATE stored_files SET compressed_bytes = $2 WHERE sha256 = $1", [sha256, compressedBytes]);
    return { commit: () => finish("COMMIT"), rollback: () => finish("ROLLBACK") };
  } catch (error) {
    await finish("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

async function writeChunks(client: pg.PoolClient, file: string, sha256: string): Promise<number> {
  // Level 1: the archive is for safekeeping; speed matters more than the last few percent.
  const gzip = fs.createReadStream(file).pipe(zlib.createGzip({ level: 1 }));
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let total = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    total += data.length;
    await client.query("INSERT INTO stored_file_chunks (sha256, seq, data) VALUES ($1, $2, $3)", [sha256, seq++, data]);
  };
  for await (const chunk of gzip) {
    pending.push(chunk as Buffer);
    pendingBytes += (chunk as Buffer).length;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  }
  await flush();
  return total;
}

/** Stream a stored original back (decompressed) into a file. */
export async function restoreOriginalFile(sha256: string, target: string): Promise<void> {
  const client = await dbPool().connect();
  const guard = guardClient(client);
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM stored_file_chunks WHERE sha256 = $1", [sha256]);
    const chunkCount = rows[0]?.n ?? 0;
    if (chunkCount === 0) throw new Error(`the original file ${sha256} is not stored`);
    const gunzip = zlib.createGunzip();
    const out = fs.createWriteStream(target);
    const done = new Promise<void>((resolve, reject) => {
      out.once("finish", resolve);
      out.once("error", reject);
      gunzip.once("error", reject);
    });
    gunzip.pipe(out);
    for (let seq = 0; seq < chunkCount; seq++) {
      const chunk = await client.query<{ data: Buffer }>("SELECT data FROM stored_file_chunks WHERE sha256 = $1 AND seq = $2", [sha256, seq]);
      if (!gunzip.write(chunk.rows[0]!.data)) await new Promise((resolve) => gunzip.once("drain", resolve));
    }
    gunzip.end();
    await done;
  } finally {
    guard.release();
  }
}
