import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import { PassThrough, type Readable, type Writable } from "node:stream";

/** One read of a file shared by the parser, the SHA-256 and the kept original. */
export interface FilePass {
  /** The bytes, for the parser. Destroying it (a parser that stops early) ends the pass. */
  input: Readable;
  /** Bytes read so far (for progress). */
  bytesRead(): number;
  /** The whole file went through: its SHA-256 (hex; null when not asked) and size. Rejects if the pass stopped early. */
  finished: Promise<{ sha256: string | null; sizeBytes: number }>;
}

/**
 * Small reads keep the parser's batch of split rows small: rows alive across a young-generation
 * GC get copied, and 1 MB batches made GC cost more than parsing (measured: a third less CPU at 64 KB).
 */
const READ_CHUNK_BYTES = 64 << 10;

/**
 * Read `file` once and hand every chunk to the parser's `input`, the hash and each of `sinks`
 * (the original's gzip). The slowest consumer paces the read (each write's backpressure is
 * awaited), so memory stays at a few chunks whatever the file size. Sinks are ended when the
 * file is; a read error destroys the input and the sinks with it.
 */
export function readFileOnce(file: string, options: { hash: boolean; sinks: readonly Writable[] }): FilePass {
  const input = new PassThrough({ highWaterMark: READ_CHUNK_BYTES });
  // Its reader gets a read error through its reads; one that comes before the parser listens (a
  // directory fails at once) must not be an unheard 'error' event, which ends the process.
  input.on("error", () => undefined);
  const hash = options.hash ? crypto.createHash("sha256") : null;
  let sizeBytes = 0;
  const pump = async () => {
    const raw = fs.createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
    try {
      for await (const chunk of raw as AsyncIterable<Buffer>) {
        if (input.destroyed) throw new Error("the parser stopped before the end of the file");
        hash?.update(chunk);
        sizeBytes += chunk.length;
        const waits: Promise<void>[] = [];
        for (const target of [input, ...options.sinks]) if (!target.write(chunk)) waits.push(drained(target));
        if (waits.length > 0) await Promise.all(waits);
      }
    } catch (error) {
      raw.destroy();
      // A parser that stopped early already said why; anything else reaches it through its input.
      if (!input.destroyed) input.destroy(error as Error);
      for (const sink of options.sinks) sink.destroy(error as Error);
      throw error;
    }
    input.end();
    for (const sink of options.sinks) sink.end();
    return { sha256: hash?.digest("hex") ?? null, sizeBytes };
  };
  const finished = pump();
  finished.catch(() => undefined);
  return { input, bytesRead: () => sizeBytes, finished };
}

/** Resolves when `target` wants more, or is gone (its own error is reported by its reader). */
function drained(target: Writable): Promise<void> {
  if (target.destroyed) return Promise.reject(target.errored ?? new Error("a reader of the file stopped"));
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      target.off("drain", onDrain);
      target.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(target.errored ?? new Error("a reader of the file stopped"));
    target.on("drain", onDrain);
    target.on("close", onClose);
  });
}
