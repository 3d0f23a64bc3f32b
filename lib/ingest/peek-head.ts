import type { Readable } from "node:stream";
import { toTextStream } from "./open-input";

/** Enough text to see a header, a JSON preamble or a dozen SBS-1 lines. */
export const HEAD_CHARS = 64 * 1024;

/**
 * Reads the first `maxChars` (or a little more: whole chunks) of an opened text stream without
 * losing them: `text` replays the head and then the rest, so detection and parsing share one pass.
 */
export async function peekHead(opened: Readable, maxChars = HEAD_CHARS): Promise<{ head: string; text: Readable }> {
  const iterator = (opened as AsyncIterable<string>)[Symbol.asyncIterator]();
  const chunks: string[] = [];
  let length = 0;
  let ended = false;
  while (length < maxChars) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  async function* replay(): AsyncGenerator<string> {
    yield* chunks;
    if (ended) return;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { head: chunks.join("").slice(0, maxChars), text: toTextStream(replay()) };
}
