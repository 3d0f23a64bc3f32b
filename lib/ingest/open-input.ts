import { Readable } from "node:stream";
import zlib from "node:zlib";
import { FileRefusedError } from "./types";

/**
 * Turns the bytes of an uploaded file into a stream of validated UTF-8 text chunks (strings).
 *
 * - gzip is recognised by its magic bytes (1f 8b), not by the file name, and inflated on the fly;
 *   a truncated or corrupt archive refuses the file (it may surface after earlier chunks were read).
 * - The decoder is strict: Latin-1, Windows-1252 or UTF-16 bytes refuse the file instead of
 *   turning into U+FFFD garbage that would later look like valid callsigns.
 * - NUL bytes mean binary content (or UTF-16 without a byte-order mark): refused.
 * - A UTF-8 byte-order mark is dropped; an empty file (or an empty archive) is refused.
 *
 * Streams returned here are remembered, so opening one again is a no-op: every parser opens its
 * input itself and still works when `parsePositions` already did.
 *
 * @example for await (const text of openInput(fs.createReadStream(file), "a.csv.gz")) ...
 */
export function openInput(source: Readable, fileName: string): Readable {
  if (TEXT_STREAMS.has(source)) return source;
  return toTextStream(decodeText(source, fileName));
}

/** Wraps chunks that are already validated text (e.g. a replayed head) as an opened input. */
export function toTextStream(chunks: AsyncIterable<string>): Readable {
  const stream = Readable.from(chunks, { objectMode: true });
  TEXT_STREAMS.add(stream);
  return stream;
}

const TEXT_STREAMS = new WeakSet<Readable>();

const GZIP_MAGIC = [0x1f, 0x8b] as const;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

async function* decodeText(source: Readable, fileName: string): AsyncGenerator<string> {
  const bytes = byteChunks(source);
  // Magic numbers need a few bytes; a source may deliver them one at a time.
  let head = Buffer.alloc(0);
  while (head.length < ZIP_MAGIC.length) {
    const next = await bytes.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  if (head.length === 0) throw new FileRefusedError(fileName, "empty file");
  const replayed = prepend(head, bytes);
  if (startsWith(head, GZIP_MAGIC)) {
    yield* decodeUtf8(gunzip(replayed, fileName), fileName, "empty file (empty gzip archive)");
  } else {
    if (startsWith(head, ZIP_MAGIC)) {
      throw new FileRefusedError(fileName, "a ZIP archive: unzip it and upload the file inside (gzip is read directly)");
    }
    yield* decodeUtf8(replayed, fileName, "empty file");
  }
}

async function* decodeUtf8(bytes: AsyncIterable<Buffer>, fileName: string, emptyReason: string): AsyncGenerator<string> {
  // fatal: invalid sequences throw instead of becoming U+FFFD; the BOM is stripped (ignoreBOM false).
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = 0;
  let sawText = false;
  for await (const chunk of bytes) {
    if (offset === 0) refuseUtf16Bom(chunk, fileName);
    const nul = chunk.indexOf(0);
    if (nul !== -1) {
      throw new FileRefusedError(fileName, describeNul(chunk, offset + nul));
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new FileRefusedError(
        fileName,
        `not valid UTF-8 text (in bytes ${offset}-${offset + chunk.length}): probably Latin-1/Windows-1252 or UTF-16; save it as UTF-8`,
      );
    }
    offset += chunk.length;
    if (text.length > 0) {
      sawText = true;
      yield text;
    }
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new FileRefusedError(fileName, "not valid UTF-8 text: the file ends inside a multi-byte character");
  }
  if (tail.length > 0) {
    sawText = true;
    yield tail;
  }
  if (!sawText) throw new FileRefusedError(fileName, emptyReason);
}

function refuseUtf16Bom(chunk: Buffer, fileName: string): void {
  const b0 = chunk[0];
  const b1 = chunk[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    throw new FileRefusedError(fileName, "UTF-16 text (byte-order mark found): save it as UTF-8");
  }
}

/** UTF-16 without a BOM shows as ASCII letters alternating with NULs; anything else is binary. */
function describeNul(chunk: Buffer, absoluteOffset: number): string {
  const sample = chunk.subarray(0, 64);
  let zeros = 0;
  for (const b of sample) if (b === 0) zeros++;
  if (absoluteOffset < 64 && zeros >= sample.length / 3) {
    return "looks like UTF-16 text (NUL bytes between characters): save it as UTF-8";
  }
  return `binary content (NUL byte at offset ${absoluteOffset}): not a text file`;
}

/**
 * A gzip bomb guard: track data compresses 5–20×; an archive that inflates more than
 * MAX_GZIP_RATIO times its compressed size (past a small allowance, so tiny archives of
 * repetitive test data pass) is refused before it fills memory or disk.
 */
export const MAX_GZIP_RATIO = 200;
const GZIP_RATIO_ALLOWANCE_BYTES = 16 * 1024 * 1024;

async function* gunzip(bytes: AsyncIterable<Buffer>, fileName: string): AsyncGenerator<Buffer> {
  const inflater = zlib.createGunzip();
  let compressedBytes = 0;
  let inflatedBytes = 0;
  async function* counted() {
    for await (const chunk of bytes) {
      compressedBytes += chunk.length;
      yield chunk;
    }
  }
  const source = Readable.from(counted());
  // Errors of the source pass through unchanged; only zlib errors mean a bad archive.
  source.on("error", (err) => inflater.destroy(err));
  source.pipe(inflater);
  try {
    for await (const chunk of inflater) {
      inflatedBytes += (chunk as Buffer).length;
      if (inflatedBytes > GZIP_RATIO_ALLOWANCE_BYTES && inflatedBytes > MAX_GZIP_RATIO * compressedBytes) {
        throw new FileRefusedError(
          fileName,
          `gzip archive expands more than ${MAX_GZIP_RATIO}× its size (a possible "zip bomb"): refused`,
        );
      }
      yield chunk as Buffer;
    }
  } catch (err) {
    if (isZlibError(err)) {
      throw new FileRefusedError(fileName, `truncated or corrupt gzip (${(err as Error).message})`);
    }
    throw err;
  } finally {
    source.destroy();
  }
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("Z_");
}

/** Normalises chunk types: a source may yield Buffers, Uint8Arrays or (already decoded) strings. */
async function* byteChunks(source: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of source as AsyncIterable<unknown>) {
    let buffer: Buffer;
    if (Buffer.isBuffer(chunk)) buffer = chunk;
    else if (chunk instanceof Uint8Array) buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else if (typeof chunk === "string") buffer = Buffer.from(chunk, "utf8");
    else throw new TypeError("openInput: the source must yield bytes or strings");
    if (buffer.length > 0) yield buffer;
  }
}

async function* prepend(first: Buffer, rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield first;
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // A consumer that stops early must still release (destroy) the source stream.
    await rest.return(undefined);
  }
}

function startsWith(chunk: Buffer, magic: readonly number[]): boolean {
  return magic.every((byte, i) => chunk[i] === byte);
}
