import "server-only";
import { Transform } from "node:stream";

/**
 * A pass-through stream that counts CSV records: line ends outside quotes (a quoted field may
 * hold a newline). The last record needs its line end, as COPY writes it.
 */
export function countCsvRecords(): { stream: Transform; records: () => number } {
  let records = 0;
  let quoted = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === 0x22) quoted = !quoted;
        else if (byte === 0x0a && !quoted) records += 1;
      }
      callback(null, chunk);
    },
  });
  return { stream, records: () => records };
}
